// The window (人才办): the card registry. Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { loadTypeDefs, mergeResolvers, type SubgraphEnvironment, type SubgraphModule } from '../kit/subgraph';
import { guardMutations } from '../kit/mutation-access';
import { MUTATION_ACCESS } from './access';
import { registerCaseModels } from './case-model';
import { createDispatcher } from './cases/dispatch';
import { caseResolvers } from './cases/resolvers';
import { createTalentLoaders } from './loaders';
import { registerTalentModels } from './model';
import { talentResolvers, type TalentContext } from './resolvers';

export function buildTalentSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<TalentContext> {
  const models = registerTalentModels(connection);
  const cases = registerCaseModels(connection);
  const dispatches = createDispatcher(connection, environment, cases);
  return {
    name: 'talent',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: guardMutations(mergeResolvers(talentResolvers, caseResolvers), MUTATION_ACCESS),
    createContext: (base) => ({ ...base, connection, environment, models, cases, dispatches, loaders: createTalentLoaders(models, cases) }),
    start: () => dispatches.start(),
    stop: () => dispatches.stop(),
  };
}
