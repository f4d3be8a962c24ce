// 司法局 (legal adviser): holders' legal consultations, free or fee-bearing.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { loadTypeDefs, type SubgraphModule } from '../kit/subgraph';
import { createLegalLoaders } from './loaders';
import { registerLegalModels } from './model';
import { legalResolvers, type LegalContext } from './resolvers';

export function buildLegalSubgraph(connection: Connection): SubgraphModule<LegalContext> {
  const models = registerLegalModels(connection);
  return {
    name: 'legal',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: legalResolvers,
    createContext: (base) => ({ ...base, loaders: createLegalLoaders(models) }),
  };
}
