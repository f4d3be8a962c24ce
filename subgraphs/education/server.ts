// 教育局 (子女入学): children's enrolment requests. Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { loadTypeDefs, type SubgraphModule } from '../kit/subgraph';
import { createEducationLoaders } from './loaders';
import { registerEducationModels } from './model';
import { educationResolvers, type EducationContext } from './resolvers';

export function buildEducationSubgraph(connection: Connection): SubgraphModule<EducationContext> {
  const models = registerEducationModels(connection);
  return {
    name: 'education',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: educationResolvers,
    createContext: (base) => ({ ...base, loaders: createEducationLoaders(models) }),
  };
}
