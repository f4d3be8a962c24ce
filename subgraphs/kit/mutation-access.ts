// Who may change what (issue 4): each subgraph declares, beside its schema, a rule for every one of
// its mutations — only the department works its own tasks, only the window delivers, only the
// talent or the window submits, only services call the internal hand-offs. A mutation without a
// declared rule is a start-up error, so a new one cannot slip out unguarded.
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import type { BaseContext, Viewer } from './context';
import type { DepartmentName } from './departments';
import type { Resolvers } from './subgraph';

export type MutationRule = (viewer: Viewer, args: Record<string, unknown>) => boolean;

/** Internal hand-offs between services (the window's dispatch, a department's report). */
export const servicesOnly: MutationRule = () => false;
/** The window: 人才办 coordinators and window specialists. */
export const windowStaff: MutationRule = (viewer) => viewer.role === 'coordinator' || viewer.role === 'specialist';
export const staffOf =
  (department: DepartmentName): MutationRule =>
  (viewer) =>
    viewer.role === 'department_staff' && viewer.department === department;
/** The talent acting for themself: the talent id in the arguments (found by `talentIdOf`) is their own. */
export const talentThemself =
  (talentIdOf: (args: Record<string, unknown>) => unknown): MutationRule =>
  (viewer, args) =>
    viewer.role === 'talent' && typeof talentIdOf(args) === 'string' && (talentIdOf(args) as string).toLowerCase() === viewer.talentId;
export const anyOf =
  (...rules: MutationRule[]): MutationRule =>
  (viewer, args) =>
    rules.some((rule) => rule(viewer, args));

/** The same resolvers, each mutation checked against its rule first (services pass every rule). */
export function guardMutations<Ctx extends BaseContext>(resolvers: Resolvers<Ctx>, rules: Record<string, MutationRule>): Resolvers<Ctx> {
  const mutations = resolvers.Mutation as Record<string, GraphQLFieldResolver<unknown, Ctx>> | undefined;
  if (!mutations) return resolvers;
  const unguarded = Object.keys(mutations).filter((name) => !rules[name]);
  if (unguarded.length > 0) throw new Error(`mutations without an access rule: ${unguarded.join(', ')}`);
  const guarded: Record<string, GraphQLFieldResolver<unknown, Ctx>> = {};
  for (const [name, resolve] of Object.entries(mutations)) {
    guarded[name] = (parent, args: Record<string, unknown>, context, info) => {
      const viewer = context.viewer;
      if (!viewer) throw new GraphQLError('缺少身份凭证（a verified identity is required）', { extensions: { code: 'UNAUTHENTICATED' } });
      if (viewer.role !== 'service' && !rules[name](viewer, args)) {
        throw new GraphQLError(`无权执行此操作：${name}（this role may not do ${name}）`, { extensions: { code: 'FORBIDDEN', role: viewer.role } });
      }
      return resolve(parent, args, context, info);
    };
  }
  return { ...resolvers, Mutation: guarded } as Resolvers<Ctx>;
}
