// 教育局 (子女入学): children's enrolment requests and this department's part of cases.
// Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { MUTATION_ACCESS, READ_ACCESS } from './access';
import { departmentSubgraph } from '../kit/department';
import { readStatsConfig } from '../kit/stats';
import { educationStatsResolvers } from './stats';
import type { SubgraphEnvironment, SubgraphModule } from '../kit/subgraph';
import { caseResolvers } from './cases';
import type { EducationContext } from './context';
import { createEducationLoaders } from './loaders';
import { registerEducationModels } from './model';
import { mutationResolvers } from './mutations';
import { educationResolvers } from './resolvers';
import { withdrawResolvers } from './withdraw';

export function buildEducationSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<EducationContext> {
  return departmentSubgraph(connection, environment, {
    name: 'education',
    moduleUrl: import.meta.url,
    models: registerEducationModels(connection),
    createLoaders: createEducationLoaders,
    mutationAccess: MUTATION_ACCESS,
    readAccess: READ_ACCESS,
    resolvers: [educationResolvers, caseResolvers, mutationResolvers, withdrawResolvers, educationStatsResolvers(readStatsConfig())],
  });
}
