// 便捷通关 / 出入境: the read view, its part of cases, the direct airport booking and staff steps.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { createCaseTaskDesk } from '../kit/case-task';
import { loadTypeDefs, mergeResolvers, type SubgraphEnvironment, type SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import { createCustomsContext, type CustomsContext, type CustomsServices } from './context';
import { registerCustomsModels } from './model';
import { mutationResolvers } from './mutations';
import { customsResolvers } from './resolvers';

export function buildCustomsSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<CustomsContext> {
  const desk = createCaseTaskDesk(connection, environment, 'customs');
  const services: CustomsServices = { connection, models: registerCustomsModels(connection), desk, environment };
  return {
    name: 'customs',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: mergeResolvers(customsResolvers, caseResolvers, mutationResolvers),
    createContext: (base) => createCustomsContext(base, services),
    start: () => desk.start(),
    stop: () => desk.stop(),
  };
}
