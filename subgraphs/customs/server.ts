// 便捷通关 / 出入境: the read view, its part of cases, the direct airport booking and staff steps.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { MUTATION_ACCESS, READ_ACCESS } from './access';
import { departmentSubgraph } from '../kit/department';
import { readStatsConfig } from '../kit/stats';
import { customsStatsResolvers } from './stats';
import type { SubgraphEnvironment, SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import type { CustomsContext } from './context';
import { createCustomsLoaders } from './loaders';
import { registerCustomsModels } from './model';
import { mutationResolvers } from './mutations';
import { customsResolvers } from './resolvers';
import { withdrawResolvers } from './withdraw';

export function buildCustomsSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<CustomsContext> {
  return departmentSubgraph(connection, environment, {
    name: 'customs',
    moduleUrl: import.meta.url,
    models: registerCustomsModels(connection),
    createLoaders: createCustomsLoaders,
    mutationAccess: MUTATION_ACCESS,
    readAccess: READ_ACCESS,
    resolvers: [customsResolvers, caseResolvers, mutationResolvers, withdrawResolvers, customsStatsResolvers(readStatsConfig())],
  });
}
