// 公安户政 + 人社 (落户): hukou transfers and this department's part of cases.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { MUTATION_ACCESS, READ_ACCESS } from './access';
import { departmentSubgraph } from '../kit/department';
import { readStatsConfig } from '../kit/stats';
import { householdStatsResolvers } from './stats';
import type { SubgraphEnvironment, SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import type { HouseholdContext } from './context';
import { createHouseholdLoaders } from './loaders';
import { registerHouseholdModels } from './model';
import { mutationResolvers } from './mutations';
import { householdResolvers } from './resolvers';
import { withdrawResolvers } from './withdraw';

export function buildHouseholdSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<HouseholdContext> {
  return departmentSubgraph(connection, environment, {
    name: 'household',
    moduleUrl: import.meta.url,
    models: registerHouseholdModels(connection),
    createLoaders: createHouseholdLoaders,
    mutationAccess: MUTATION_ACCESS,
    readAccess: READ_ACCESS,
    resolvers: [householdResolvers, caseResolvers, mutationResolvers, withdrawResolvers, householdStatsResolvers(readStatsConfig())],
  });
}
