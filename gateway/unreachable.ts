// When a department cannot be reached (down, refusing, past its deadline), its fields become
// null with an error on each of their paths — so a dashboard can say which department failed
// for which talent — instead of one path-less "fetch failed" for the whole answer.
import { GraphQLError, Kind, parse, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

/** The top-level fields an operation asks for, looking through fragments. */
function fieldNames(selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [selection.alias?.value ?? selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldNames(selection.selectionSet);
    return [];
  });
}

export function unreachableErrors(
  subgraph: string,
  query: string | undefined,
  variables: Record<string, unknown> | undefined,
  cause: unknown,
): GraphQLFormattedError[] {
  const message = `${subgraph} 部门服务暂时无法访问（the ${subgraph} service cannot be reached）`;
  const extensions = { code: 'SUBGRAPH_UNAVAILABLE', subgraph, reason: cause instanceof Error ? cause.name : 'Error' };
  const operation = query ? parse(query).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) : undefined;
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [{ message, extensions }];

  const root = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities');
  if (root && root.kind === Kind.FIELD && root.selectionSet) {
    // An entity fetch: one error per entity and field, at ['_entities', i, field]; the gateway
    // rewrites that into the entity's place in the answer.
    const fields = fieldNames(root.selectionSet);
    const count = Array.isArray(variables?.representations) ? variables.representations.length : 0;
    return Array.from({ length: count }, (_, index) => fields.map((field) => ({ message, path: ['_entities', index, field], extensions }))).flat();
  }
  return fieldNames(operation.selectionSet).map((field) => ({ message, path: [field], extensions }));
}

/**
 * Statuses that say "not now" or "not here" (wrong address, timeout, too many requests): an outage
 * of the department, not a fault in what the caller sent.
 */
const OUTAGE_STATUSES = new Set([404, 408, 429]);

/**
 * A department that answered 4xx with GraphQL errors refused the request itself (a bad variable, a
 * token it does not accept): its errors are the caller's, passed on as they are (BAD_USER_INPUT,
 * UNAUTHENTICATED …), not turned into "cannot be reached". Null when the failure is an outage.
 */
export function refusedByDepartment(subgraph: string, cause: unknown): GraphQLFormattedError[] | null {
  if (!(cause instanceof GraphQLError)) return null;
  const response = cause.extensions.response as { status?: unknown; body?: unknown } | undefined;
  const status = typeof response?.status === 'number' ? response.status : 0;
  if (status < 400 || status >= 500 || OUTAGE_STATUSES.has(status)) return null;
  const errors = (response?.body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const passedOn = errors.flatMap((error: unknown): GraphQLFormattedError[] => {
    if (!error || typeof error !== 'object' || typeof (error as { message?: unknown }).message !== 'string') return [];
    const { message, path, extensions } = error as { message: string; path?: GraphQLFormattedError['path']; extensions?: Record<string, unknown> };
    return [{ message, ...(path ? { path } : {}), extensions: { ...extensions, subgraph } }];
  });
  return passedOn.length > 0 ? passedOn : null;
}
