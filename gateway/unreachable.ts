// When a department cannot be reached (down, refusing, past its deadline), its fields become
// null with an error on each of their paths — so a dashboard can say which department failed
// for which talent — instead of one path-less "fetch failed" for the whole answer.
import { Kind, parse, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

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
