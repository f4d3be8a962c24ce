// 卫健局 (health): designated hospitals, priority care, checkups, family doctors.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { loadTypeDefs, type SubgraphModule } from '../kit/subgraph';
import { createHealthLoaders } from './loaders';
import { registerHealthModels } from './model';
import { healthResolvers, type HealthContext } from './resolvers';

export function buildHealthSubgraph(connection: Connection): SubgraphModule<HealthContext> {
  const models = registerHealthModels(connection);
  return {
    name: 'health',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: healthResolvers,
    createContext: (base) => ({ ...base, loaders: createHealthLoaders(models) }),
  };
}
