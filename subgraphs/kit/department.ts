// What every department subgraph is made of: its models, its per-request loaders, its resolvers and
// its case desk (kit/case-task.ts). A department's server.ts names each of them; this puts them
// together the same way for all six — one context shape, the desk's deliveries started and
// stopped with the subgraph.
import type { Connection } from 'mongoose';
import { createCaseTaskDesk, type CaseTaskDesk, type CaseTaskDoc } from './case-task';
import type { BaseContext } from './context';
import type { DepartmentName } from './departments';
import { guardMutations, type MutationRule } from './mutation-access';
import { guardReads, type ReadPolicy } from './read-access';
import { auditOutbox } from './audit';
import { loadTypeDefs, mergeResolvers, type Resolvers, type SubgraphEnvironment, type SubgraphModule } from './subgraph';

/** What a department's resolvers reach beyond the request: its database, models, case desk, clock and calendar. */
export interface DepartmentServices<Models> {
  connection: Connection;
  models: Models;
  desk: CaseTaskDesk;
  environment: SubgraphEnvironment;
}

export interface DepartmentContext<Models, Loaders> extends BaseContext {
  /** Per request: one `$in` query per collection for all talents or cases of a request. */
  loaders: Loaders;
  /** A case's tasks in this department, one `$in` query per request. */
  tasksByCase: ReturnType<CaseTaskDesk['tasksByCaseLoader']>;
  services: DepartmentServices<Models>;
}

export interface DepartmentParts<Models, Loaders> {
  name: DepartmentName;
  /** The server module's `import.meta.url`: its schema.graphql is beside it. */
  moduleUrl: string;
  models: Models;
  createLoaders(models: Models): Loaders;
  resolvers: Resolvers<DepartmentContext<Models, Loaders>>[];
  /** Who may call each mutation (the department's access.ts). */
  mutationAccess: Record<string, MutationRule>;
  /** Who may read each field (the department's access.ts); `Talent.<name>` and `Case.<name>` are `record`. */
  readAccess: ReadPolicy;
}

/** Every department's case task shows whether its report to the window was dead-lettered (kit/task-reports.ts). */
function reportStateResolvers<Ctx>(department: DepartmentParts<unknown, unknown>['name']): Resolvers<Ctx> {
  const dead = (task: CaseTaskDoc) => task.report?.state === 'DEAD';
  return {
    [`${department[0].toUpperCase()}${department.slice(1)}CaseTask`]: {
      reportFailed: (task: CaseTaskDoc) => dead(task),
      reportError: (task: CaseTaskDoc) => (dead(task) ? task.report.lastError : null),
    },
  } as Resolvers<Ctx>;
}

export function departmentSubgraph<Models, Loaders>(
  connection: Connection,
  environment: SubgraphEnvironment,
  parts: DepartmentParts<Models, Loaders>,
): SubgraphModule<DepartmentContext<Models, Loaders>> {
  const desk = createCaseTaskDesk(connection, environment, parts.name);
  const services: DepartmentServices<Models> = { connection, models: parts.models, desk, environment };
  const typeDefs = loadTypeDefs(parts.moduleUrl);
  return {
    name: parts.name,
    typeDefs,
    resolvers: guardReads(parts.name, typeDefs, guardMutations(mergeResolvers(...parts.resolvers, reportStateResolvers(parts.name)), parts.mutationAccess), parts.readAccess),
    audit: auditOutbox(connection, environment),
    createContext: (base) => ({ ...base, loaders: parts.createLoaders(parts.models), tasksByCase: desk.tasksByCaseLoader(), services }),
    start: () => desk.start(),
    stop: () => desk.stop(),
  };
}
