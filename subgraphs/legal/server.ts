// 司法局 (legal adviser): holders' legal consultations, free or fee-bearing; its part of cases.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { MUTATION_ACCESS, READ_ACCESS } from './access';
import { departmentSubgraph } from '../kit/department';
import { readStatsConfig } from '../kit/stats';
import { legalStatsResolvers } from './stats';
import type { SubgraphEnvironment, SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import type { LegalContext } from './context';
import { createLegalLoaders } from './loaders';
import { registerLegalModels } from './model';
import { mutationResolvers } from './mutations';
import { legalResolvers } from './resolvers';
import { withdrawResolvers } from './withdraw';

export function buildLegalSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<LegalContext> {
  return departmentSubgraph(connection, environment, {
    name: 'legal',
    moduleUrl: import.meta.url,
    models: registerLegalModels(connection),
    createLoaders: createLegalLoaders,
    mutationAccess: MUTATION_ACCESS,
    readAccess: READ_ACCESS,
    resolvers: [legalResolvers, caseResolvers, mutationResolvers, withdrawResolvers, legalStatsResolvers(readStatsConfig())],
  });
}
