// 住建局 (住房保障 / 人才公寓): the read view, its part of cases, the direct service and staff steps.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { createCaseTaskDesk } from '../kit/case-task';
import { loadTypeDefs, mergeResolvers, type SubgraphEnvironment, type SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import { createHousingContext, type HousingContext, type HousingServices } from './context';
import { registerHousingModels } from './model';
import { mutationResolvers } from './mutations';
import { housingResolvers } from './resolvers';

export function buildHousingSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<HousingContext> {
  const desk = createCaseTaskDesk(connection, environment, 'housing');
  const services: HousingServices = { connection, models: registerHousingModels(connection), desk, environment };
  return {
    name: 'housing',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: mergeResolvers(housingResolvers, caseResolvers, mutationResolvers),
    createContext: (base) => createHousingContext(base, services),
    start: () => desk.start(),
    stop: () => desk.stop(),
  };
}
