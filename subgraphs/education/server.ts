// 教育局 (子女入学): children's enrolment requests and this department's part of cases.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { createCaseTaskDesk } from '../kit/case-task';
import { loadTypeDefs, mergeResolvers, type SubgraphEnvironment, type SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import { createEducationContext, type EducationContext } from './context';
import { registerEducationModels } from './model';
import { mutationResolvers } from './mutations';
import { educationResolvers } from './resolvers';

export function buildEducationSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<EducationContext> {
  const models = registerEducationModels(connection);
  const desk = createCaseTaskDesk(connection, environment, 'education');
  const services = { connection, models, desk, clock: environment.clock };
  return {
    name: 'education',
    typeDefs: loadTypeDefs(import.meta.url),
    resolvers: mergeResolvers(educationResolvers, caseResolvers, mutationResolvers),
    createContext: (base) => createEducationContext(base, services),
    start: () => desk.start(),
    stop: () => desk.stop(),
  };
}
