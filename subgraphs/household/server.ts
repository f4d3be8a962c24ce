// 公安户政 + 人社 (落户): hukou transfers and this department's part of cases.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { createCaseTaskDesk } from '../kit/case-task';
import { loadTypeDefs, mergeResolvers, type SubgraphEnvironment, type SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import { createHouseholdContext, type HouseholdContext } from './context';
import { registerHouseholdModels } from './model';
import { mutationResolvers } from './mutations';
import { householdResolvers } from './resolvers';

export function buildHouseholdSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<HouseholdContext> {
  const models = registerHouseholdModels(connection);
  const desk = createCaseTaskDesk(connection, environment, 'household');
  const services = { connection, models, desk, clock: environment.clock };
  return {
    name: 'household',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: mergeResolvers(householdResolvers, caseResolvers, mutationResolvers),
    createContext: (base) => createHouseholdContext(base, services),
    start: () => desk.start(),
    stop: () => desk.stop(),
  };
}
