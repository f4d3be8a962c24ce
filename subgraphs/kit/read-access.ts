// Who may see what (issue 4), decided by the department that owns the data (as in X-Road: the
// owner decides, every access is logged). Each subgraph declares, beside its schema.graphql, a
// read level for every field it owns; `guardReads` wraps the resolvers so that a field the viewer
// may not see resolves to null with a FORBIDDEN error on its path and the rest of the answer is
// unaffected. The gateway cannot load supergraphs that link @authenticated/@requiresScopes/@policy,
// so the rules are enforced here, in the subgraph, where a direct call meets them too.
//
// A field without a declared level, or a restricted field that is non-null (its FORBIDDEN would
// null its parent), is a start-up error: a new field cannot slip out unguarded.
import { defaultFieldResolver, GraphQLError, Kind, type DocumentNode, type FieldNode, type GraphQLFieldResolver, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import type { BaseContext, Viewer } from './context';
import type { SubgraphName } from './departments';
import type { Resolvers } from './subgraph';

/**
 * Who may read a field, from the widest to the narrowest (services may read everything):
 * - `status`: statuses, dates, counts and ids — every viewer who reached the object, analysts too;
 * - `identity`: names, birth dates, ID documents, phones, card numbers — everyone but analysts;
 * - `detail`: the department's working details — the talent (their own only), the owning
 *   department's staff and the window (coordinators, specialists); not analysts, not other
 *   departments' staff;
 * - `confidential`: clinical health details, legal consultation content — the talent (their own)
 *   and the owning department's staff only;
 * - `record`: a department's part of a talent or a case (`Talent.health`, `Case.legal`): the
 *   talent it belongs to, the department's staff, the window and analysts (who then meet the
 *   levels of the fields inside); never another department's staff.
 */
export type ReadLevel = 'status' | 'identity' | 'detail' | 'confidential' | 'record';

/** A field's level, and whether reading it goes into the audit trail (health, legal). */
export type FieldRule = ReadLevel | { level: ReadLevel; audit: true };

/** Type name → field name (or `*` for the type's other fields) → rule. */
export type ReadPolicy = Record<string, Record<string, FieldRule>>;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** The staff who own a subgraph's data: the window's own records belong to coordinators and specialists. */
export function isOwningStaff(viewer: Viewer, owner: SubgraphName): boolean {
  if (owner === 'talent') return viewer.role === 'coordinator' || viewer.role === 'specialist';
  return viewer.role === 'department_staff' && viewer.department === owner;
}

/** May this viewer read a field of this level in `owner`'s subgraph? Ownership by a talent is checked where a record is entered. */
export function mayRead(level: ReadLevel, viewer: Viewer | null, owner: SubgraphName): boolean {
  if (!viewer) return false;
  if (viewer.role === 'service') return true;
  switch (level) {
    case 'status':
      return true;
    case 'identity':
      return viewer.role !== 'analyst';
    case 'detail':
      return viewer.role === 'talent' || viewer.role === 'coordinator' || viewer.role === 'specialist' || isOwningStaff(viewer, owner);
    case 'confidential':
      return viewer.role === 'talent' || isOwningStaff(viewer, owner);
    case 'record':
      return viewer.role !== 'department_staff' || isOwningStaff(viewer, owner);
  }
}

export function forbiddenField(viewer: Viewer | null, coordinate: string): GraphQLError {
  return new GraphQLError(`无权查看 ${coordinate}（${viewer?.role ?? 'this caller'} may not see ${coordinate}）`, {
    extensions: { code: 'FORBIDDEN', role: viewer?.role ?? null, field: coordinate },
  });
}

export function forbiddenTalent(viewer: Viewer | null): GraphQLError {
  return new GraphQLError('人才只能查看本人的信息（a talent sees only their own records）', {
    extensions: { code: 'FORBIDDEN', role: viewer?.role ?? null },
  });
}

/** A talent reads only their own records: throws FORBIDDEN for anyone else's (other roles pass). */
export function checkOwnTalent(viewer: Viewer | null, talentId: string | null | undefined): void {
  if (viewer?.role === 'talent' && talentId?.toLowerCase() !== viewer.talentId) throw forbiddenTalent(viewer);
}

/** The one talent whose records a list may show this viewer: their own for a talent, any (null) for everyone else. */
export function talentScope(viewer: Viewer | null): string | null {
  return viewer?.role === 'talent' ? (viewer.talentId ?? '') : null;
}

const talentIdOf = (record: unknown): string | undefined => {
  const talentId = (record as { talentId?: unknown } | null | undefined)?.talentId;
  return talentId == null ? undefined : String(talentId).toLowerCase();
};

/**
 * The talent a record belongs to: a `Talent` parent's id; else the `talentId` of what was resolved
 * (each one of a list, a record without one falling back to its parent's); nothing for nothing.
 */
function ownersOf(typeName: string, parent: unknown, result: unknown): (string | undefined)[] {
  if (typeName === 'Talent') return [String((parent as { id?: unknown }).id ?? '').toLowerCase() || undefined];
  if (result == null) return [];
  return (Array.isArray(result) ? result : [result]).map((record) => talentIdOf(record) ?? talentIdOf(parent));
}

/** The names asked for directly under a field (`health { checkup checkupBookings }` → checkup, checkupBookings). */
function selectedFields(info: GraphQLResolveInfo): string[] {
  const names = new Set<string>();
  const visit = (selections: readonly SelectionNode[] | undefined): void => {
    for (const selection of selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet.selections);
      else visit(info.fragments[selection.name.value]?.selectionSet.selections);
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) visit(node.selectionSet?.selections);
  return [...names].sort();
}

interface OwnedField {
  typeName: string;
  fieldName: string;
  nonNull: boolean;
}

/** Every field this subgraph resolves itself: not @external, not its entities' key fields, not the root types. */
function ownedFields(typeDefs: DocumentNode): OwnedField[] {
  const fields: OwnedField[] = [];
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeName = definition.name.value;
    if (ROOT_TYPES.has(typeName)) continue;
    const keyFields = new Set(
      (definition.directives ?? [])
        .filter((directive) => directive.name.value === 'key')
        .flatMap((directive) => directive.arguments ?? [])
        .flatMap((argument) => (argument.value.kind === Kind.STRING ? argument.value.value.split(/\s+/) : [])),
    );
    for (const field of definition.fields ?? []) {
      if (keyFields.has(field.name.value)) continue;
      if (field.directives?.some((directive) => directive.name.value === 'external')) continue;
      fields.push({ typeName, fieldName: field.name.value, nonNull: field.type.kind === Kind.NON_NULL_TYPE });
    }
  }
  return fields;
}

function ruleOf(policy: ReadPolicy, typeName: string, fieldName: string): FieldRule | undefined {
  return policy[typeName]?.[fieldName] ?? policy[typeName]?.['*'];
}

function levelOf(rule: FieldRule): ReadLevel {
  return typeof rule === 'string' ? rule : rule.level;
}

/**
 * Filters obey the read levels of the fields they touch (`touches`: filter argument → the field it
 * matches, e.g. `specialist` → `Case.specialist`): a caller who may not read a field may not use it
 * to confirm a value either, e.g. an analyst counting the cases of a named specialist.
 */
export function checkFilterReads(viewer: Viewer | null, owner: SubgraphName, policy: ReadPolicy, filter: object | null | undefined, touches: Record<string, string>, argument = 'filter'): void {
  for (const [name, coordinate] of Object.entries(touches)) {
    const value = (filter as Record<string, unknown> | null | undefined)?.[name];
    if (value === undefined || value === null || value === '') continue;
    const [typeName, fieldName] = coordinate.split('.');
    const rule = ruleOf(policy, typeName, fieldName);
    if (!rule || !mayRead(levelOf(rule), viewer, owner)) {
      const error = forbiddenField(viewer, coordinate);
      error.extensions.field = `${argument}.${name}`;
      throw error;
    }
  }
}

/** The policy checked against the schema: every owned field has a level, every restricted one is nullable, no rule names a field that is not there. */
export function checkReadPolicy(owner: SubgraphName, typeDefs: DocumentNode, policy: ReadPolicy): void {
  const fields = ownedFields(typeDefs);
  const problems: string[] = [];
  const known = new Set(fields.map((field) => `${field.typeName}.${field.fieldName}`));
  for (const [typeName, rules] of Object.entries(policy)) {
    for (const fieldName of Object.keys(rules)) {
      if (fieldName !== '*' && !known.has(`${typeName}.${fieldName}`)) problems.push(`${typeName}.${fieldName} has a rule but is not a field this subgraph resolves`);
    }
  }
  for (const field of fields) {
    const rule = ruleOf(policy, field.typeName, field.fieldName);
    if (!rule) problems.push(`${field.typeName}.${field.fieldName} has no read level`);
    else if (levelOf(rule) !== 'status' && field.nonNull) {
      problems.push(`${field.typeName}.${field.fieldName} is "${levelOf(rule)}" but non-null: a FORBIDDEN there would null its parent`);
    }
  }
  if (problems.length > 0) throw new Error(`${owner}: read policy does not match schema.graphql:\n  ${problems.join('\n  ')}`);
}

/**
 * The same resolvers, each owned field checked against its level first. `record` fields also check,
 * once resolved, that a talent reads only their own; audited fields add a read (which talent, which
 * fields) to the request's audit trail — one record per request — FORBIDDEN attempts included.
 */
export function guardReads<Ctx extends BaseContext>(owner: SubgraphName, typeDefs: DocumentNode, resolvers: Resolvers<Ctx>, policy: ReadPolicy): Resolvers<Ctx> {
  checkReadPolicy(owner, typeDefs, policy);
  const guarded: Record<string, unknown> = { ...resolvers };
  for (const field of ownedFields(typeDefs)) {
    const rule = ruleOf(policy, field.typeName, field.fieldName)!;
    const level = levelOf(rule);
    const audit = typeof rule !== 'string' && rule.audit;
    if (level === 'status' && !audit) continue;
    const typeResolvers = { ...((guarded[field.typeName] as Record<string, unknown> | undefined) ?? {}) };
    const original = typeResolvers[field.fieldName];
    const resolve = (typeof original === 'function' ? original : (original as { resolve?: unknown } | undefined)?.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Ctx>;
    const coordinate = `${field.typeName}.${field.fieldName}`;
    // Most restricted fields need only the check before resolving (no extra promise on a page of
    // 100 talents); a record also checks whose it is once resolved, and an audited field records it.
    typeResolvers[field.fieldName] =
      level !== 'record' && !audit
        ? (parent: unknown, args: Record<string, unknown>, context: Ctx, info: GraphQLResolveInfo) => {
            if (!mayRead(level, context.viewer, owner)) throw forbiddenField(context.viewer, coordinate);
            return resolve(parent, args, context, info);
          }
        : async (parent: unknown, args: Record<string, unknown>, context: Ctx, info: GraphQLResolveInfo) => {
            const note = (talentIds: (string | undefined)[], outcome: 'OK' | 'FORBIDDEN') => {
              if (!audit) return;
              const fields = selectedFields(info).map((name) => `${coordinate}.${name}`);
              for (const talentId of new Set(talentIds)) context.audit.read(talentId ?? null, coordinate, fields.length > 0 ? fields : [coordinate], outcome);
            };
            if (!mayRead(level, context.viewer, owner)) {
              note(field.typeName === 'Talent' ? ownersOf('Talent', parent, null) : [undefined], 'FORBIDDEN');
              throw forbiddenField(context.viewer, coordinate);
            }
            const result = await resolve(parent, args, context, info);
            const owners = ownersOf(field.typeName, parent, result);
            const reader = context.viewer;
            if (level === 'record' && reader?.role === 'talent' && owners.some((talentId) => talentId !== reader.talentId)) {
              note(owners, 'FORBIDDEN');
              throw forbiddenTalent(reader);
            }
            note(owners, 'OK');
            return result;
          };
    guarded[field.typeName] = typeResolvers;
  }
  return guarded as Resolvers<Ctx>;
}
