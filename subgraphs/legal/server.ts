// 司法局 (legal adviser): holders' legal consultations, free or fee-bearing; its part of cases.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { createCaseTaskDesk } from '../kit/case-task';
import { loadTypeDefs, mergeResolvers, type SubgraphEnvironment, type SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import { createLegalContext, type LegalContext } from './context';
import { registerLegalModels } from './model';
import { mutationResolvers } from './mutations';
import { legalResolvers } from './resolvers';

export function buildLegalSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<LegalContext> {
  const models = registerLegalModels(connection);
  const desk = createCaseTaskDesk(connection, environment, 'legal');
  const services = { desk, models, connection, clock: environment.clock };
  return {
    name: 'legal',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: mergeResolvers(legalResolvers, caseResolvers, mutationResolvers),
    createContext: (base) => createLegalContext(base, services),
    start: () => desk.start(),
    stop: () => desk.stop(),
  };
}
