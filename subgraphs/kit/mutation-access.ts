// Who may change what (issue 4): each subgraph declares, beside its schema, a rule for every one of
// its mutations — only the department works its own tasks, only the window delivers, only the
// talent or the window submits, only services call the internal hand-offs. A mutation without a
// declared rule is a start-up error, so a new one cannot slip out unguarded.
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import type { BaseContext, Viewer } from './context';
import type { DepartmentName } from './departments';
import type { Resolvers } from './subgraph';
import type { Model } from 'mongoose';
import { isObjectIdString } from './ids';

/** Whether the viewer may call a mutation with these arguments; a rule may look a record up (e.g. whose booking it is). */
export type MutationRule = (viewer: Viewer, args: Record<string, unknown>, context: BaseContext) => boolean | Promise<boolean>;

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
/**
 * The talent acting on a record of their own: `ownerOf` finds whose record the arguments name (null
 * when there is none — the mutation then answers NOT_FOUND or BAD_USER_INPUT itself, for whoever asks).
 */
export const talentOwning =
  <Ctx extends BaseContext>(ownerOf: (args: Record<string, unknown>, context: Ctx) => Promise<string | null | undefined>): MutationRule =>
  async (viewer, args, context) => {
    if (viewer.role !== 'talent') return false;
    const owner = await ownerOf(args, context as Ctx);
    return owner == null || owner.toLowerCase() === viewer.talentId;
  };
/** The talent acting on a stored record of their own: `args[idArg]` names a document of `modelOf(context)` that has a `talentId`. */
export const talentOwningRecord = <Ctx extends BaseContext>(modelOf: (context: Ctx) => Model<any>, idArg = 'id'): MutationRule =>
  talentOwning<Ctx>(async (args, context) => {
    const id = args[idArg];
    if (typeof id !== 'string' || !isObjectIdString(id)) return null;
    const record = await modelOf(context).findById(id, { talentId: 1 }).lean<{ talentId?: string }>();
    return record?.talentId ?? null;
  });
export const anyOf =
  (...rules: MutationRule[]): MutationRule =>
  async (viewer, args, context) => {
    for (const rule of rules) if (await rule(viewer, args, context)) return true;
    return false;
  };

/** The talent a mutation concerns, for the audit trail: named in its arguments, or the record it returns. */
function talentOf(args: Record<string, unknown>, result: unknown): string | null {
  const input = args.input as { talentId?: unknown } | undefined;
  const named = args.talentId ?? input?.talentId ?? (result as { talentId?: unknown } | null | undefined)?.talentId;
  return named == null ? null : String(named); // the trail keeps it only if well-formed, in lower case
}

/** The same resolvers, each mutation checked against its rule first (services pass every rule). */
export function guardMutations<Ctx extends BaseContext>(resolvers: Resolvers<Ctx>, rules: Record<string, MutationRule>): Resolvers<Ctx> {
  const mutations = resolvers.Mutation as Record<string, GraphQLFieldResolver<unknown, Ctx>> | undefined;
  if (!mutations) return resolvers;
  const unguarded = Object.keys(mutations).filter((name) => !rules[name]);
  if (unguarded.length > 0) throw new Error(`mutations without an access rule: ${unguarded.join(', ')}`);
  const guarded: Record<string, GraphQLFieldResolver<unknown, Ctx>> = {};
  for (const [name, resolve] of Object.entries(mutations)) {
    // Every call is audited (kit/audit.ts): who, which talent, and whether it went through — the
    // attempt recorded before the effect, the outcome with the answer.
    guarded[name] = async (parent, args: Record<string, unknown>, context, info) => {
      const viewer = context.viewer;
      if (!viewer) throw new GraphQLError('缺少身份凭证（a verified identity is required）', { extensions: { code: 'UNAUTHENTICATED' } });
      if (viewer.role !== 'service' && !(await rules[name](viewer, args, context))) {
        context.audit.mutation(name, talentOf(args, null), 'FORBIDDEN');
        throw new GraphQLError(`无权执行此操作：${name}（this role may not do ${name}）`, { extensions: { code: 'FORBIDDEN', role: viewer.role } });
      }
      try {
        await context.audit.attempt(name, talentOf(args, null));
      } catch (error) {
        throw new GraphQLError('审计记录暂不可用，操作未执行，请稍后重试（the audit archive cannot record this change now; nothing was done, retry later）', {
          extensions: { code: 'AUDIT_UNAVAILABLE', retryAfterMs: 5000 },
          originalError: error as Error,
        });
      }
      try {
        const result: unknown = await resolve(parent, args, context, info);
        context.audit.mutation(name, talentOf(args, result), 'OK');
        return result;
      } catch (error) {
        context.audit.mutation(name, talentOf(args, null), 'ERROR');
        throw error;
      }
    };
  }
  return { ...resolvers, Mutation: guarded } as Resolvers<Ctx>;
}
