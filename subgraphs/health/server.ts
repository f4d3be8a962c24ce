// 卫健局 (health): designated hospitals, priority care, checkups, family doctors; its part of cases.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { MUTATION_ACCESS, READ_ACCESS } from './access';
import { departmentSubgraph } from '../kit/department';
import { readStatsConfig } from '../kit/stats';
import { healthStatsResolvers } from './stats';
import type { SubgraphEnvironment, SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import type { HealthContext } from './context';
import { createHealthLoaders } from './loaders';
import { registerHealthModels } from './model';
import { mutationResolvers } from './mutations';
import { healthResolvers } from './resolvers';
import { withdrawResolvers } from './withdraw';

export function buildHealthSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<HealthContext> {
  return departmentSubgraph(connection, environment, {
    name: 'health',
    moduleUrl: import.meta.url,
    models: registerHealthModels(connection),
    createLoaders: createHealthLoaders,
    mutationAccess: MUTATION_ACCESS,
    readAccess: READ_ACCESS,
    resolvers: [healthResolvers, caseResolvers, mutationResolvers, withdrawResolvers, healthStatsResolvers(readStatsConfig())],
  });
}
