// 便捷通关 / 出入境. Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { loadTypeDefs, type SubgraphModule } from '../kit/subgraph';
import { createCustomsLoaders } from './loaders';
import { registerCustomsModels } from './model';
import { customsResolvers, type CustomsContext } from './resolvers';

export function buildCustomsSubgraph(connection: Connection): SubgraphModule<CustomsContext> {
  const models = registerCustomsModels(connection);
  return {
    name: 'customs',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: customsResolvers,
    createContext: (base) => ({ ...base, loaders: createCustomsLoaders(models) }),
  };
}
