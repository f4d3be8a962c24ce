// 住建局 (住房保障 / 人才公寓). Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { loadTypeDefs, type SubgraphModule } from '../kit/subgraph';
import { createHousingLoaders } from './loaders';
import { registerHousingModels } from './model';
import { housingResolvers, type HousingContext } from './resolvers';

export function buildHousingSubgraph(connection: Connection): SubgraphModule<HousingContext> {
  const models = registerHousingModels(connection);
  return {
    name: 'housing',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: housingResolvers,
    createContext: (base) => ({ ...base, loaders: createHousingLoaders(models) }),
  };
}
