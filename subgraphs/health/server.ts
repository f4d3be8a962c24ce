// 卫健局 (health): designated hospitals, priority care, checkups, family doctors; its part of cases.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { createCaseTaskDesk } from '../kit/case-task';
import { loadTypeDefs, mergeResolvers, type SubgraphEnvironment, type SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import { createHealthContext, type HealthContext } from './context';
import { registerHealthModels } from './model';
import { mutationResolvers } from './mutations';
import { healthResolvers } from './resolvers';

export function buildHealthSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<HealthContext> {
  const models = registerHealthModels(connection);
  const desk = createCaseTaskDesk(connection, environment, 'health');
  const services = { desk, models, connection, clock: environment.clock };
  return {
    name: 'health',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: mergeResolvers(healthResolvers, caseResolvers, mutationResolvers),
    createContext: (base) => createHealthContext(base, services),
    start: () => desk.start(),
    stop: () => desk.stop(),
  };
}
