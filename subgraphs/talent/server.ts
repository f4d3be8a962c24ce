// The window (人才办): the card registry. Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { loadTypeDefs, type SubgraphModule } from '../kit/subgraph';
import { createTalentLoaders } from './loaders';
import { registerTalentModels } from './model';
import { talentResolvers, type TalentContext } from './resolvers';

export function buildTalentSubgraph(connection: Connection): SubgraphModule<TalentContext> {
  const models = registerTalentModels(connection);
  return {
    name: 'talent',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: talentResolvers,
    createContext: (base) => ({ ...base, models, loaders: createTalentLoaders(models) }),
  };
}
