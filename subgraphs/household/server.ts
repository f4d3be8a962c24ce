// 公安户政 + 人社 (落户): hukou transfers. Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { loadTypeDefs, type SubgraphModule } from '../kit/subgraph';
import { createHouseholdLoaders } from './loaders';
import { registerHouseholdModels } from './model';
import { householdResolvers, type HouseholdContext } from './resolvers';

export function buildHouseholdSubgraph(connection: Connection): SubgraphModule<HouseholdContext> {
  const models = registerHouseholdModels(connection);
  return {
    name: 'household',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: householdResolvers,
    createContext: (base) => ({ ...base, loaders: createHouseholdLoaders(models) }),
  };
}
