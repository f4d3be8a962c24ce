// 住建局 (住房保障 / 人才公寓): the read view, its part of cases, the direct service and staff steps.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { MUTATION_ACCESS, READ_ACCESS } from './access';
import { departmentSubgraph } from '../kit/department';
import { readStatsConfig } from '../kit/stats';
import { housingStatsResolvers } from './stats';
import type { SubgraphEnvironment, SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import type { HousingContext } from './context';
import { createHousingLoaders } from './loaders';
import { registerHousingModels } from './model';
import { mutationResolvers } from './mutations';
import { housingResolvers } from './resolvers';
import { withdrawResolvers } from './withdraw';

export function buildHousingSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<HousingContext> {
  return departmentSubgraph(connection, environment, {
    name: 'housing',
    moduleUrl: import.meta.url,
    models: registerHousingModels(connection),
    createLoaders: createHousingLoaders,
    mutationAccess: MUTATION_ACCESS,
    readAccess: READ_ACCESS,
    resolvers: [housingResolvers, caseResolvers, mutationResolvers, withdrawResolvers, housingStatsResolvers(readStatsConfig())],
  });
}
