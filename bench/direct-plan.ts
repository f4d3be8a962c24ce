// The direct-parallel client's plan for one operation: what a gateway's query plan would be at
// best — one fetch to the window (talent subgraph), then each department's part of every entity in
// one `_entities` fetch per department, all six side by side. Derived from the operation's text
// and the supergraph (which department owns a field, which fields it @requires), not written by
// hand, so it cannot drift from the operation the gateways answer.
import { Kind, parse, print, type FieldNode, type OperationDefinitionNode, type SelectionSetNode, type StringValueNode } from 'graphql';
import { DEPARTMENT_NAMES, type DepartmentName } from '../subgraphs/kit/departments';

export interface DepartmentFetch {
  department: DepartmentName;
  /** The response key of the entity field it fills (e.g. "household"). */
  field: string;
  document: string;
}

export interface DirectPlan {
  /** The window's operation, with the department fields taken out and their required fields added. */
  rootDocument: string;
  /** Where the entities sit in the window's answer: a field, then "edges"/"node" for a connection. */
  entityPath: string[];
  entityType: string | null;
  /** Fields of the entity each department's representation carries besides `id` (its @requires). */
  requires: Partial<Record<DepartmentName, string[]>>;
  /** Fields added to the window's selection only for representations, removed from the answer. */
  addedFields: string[];
  departments: DepartmentFetch[];
}

/** Each entity field a department owns, with what it @requires: read from the supergraph's join__field directives. */
export function departmentFieldRequires(supergraphSdl: string): Map<string, string[]> {
  const requires = new Map<string, string[]>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      if (!(DEPARTMENT_NAMES as readonly string[]).includes(field.name.value)) continue;
      for (const directive of field.directives ?? []) {
        if (directive.name.value !== 'join__field') continue;
        const argument = directive.arguments?.find((candidate) => candidate.name.value === 'requires');
        const fields = argument ? (argument.value as StringValueNode).value.split(/\s+/).filter(Boolean) : [];
        requires.set(`${definition.name.value}.${field.name.value}`, fields);
      }
    }
  }
  return requires;
}

/** The selection holding the entities: the root field's own, or its `edges { node }` for a connection. */
function entitySelection(root: FieldNode): { path: string[]; selection: SelectionSetNode } {
  const path = [root.alias?.value ?? root.name.value];
  let selection = root.selectionSet!;
  const edges = selection.selections.find((node): node is FieldNode => node.kind === Kind.FIELD && node.name.value === 'edges');
  const node = edges?.selectionSet?.selections.find((candidate): candidate is FieldNode => candidate.kind === Kind.FIELD && candidate.name.value === 'node');
  if (edges && node?.selectionSet) {
    path.push('edges', 'node');
    selection = node.selectionSet;
  }
  return { path, selection };
}

const ENTITY_TYPE_OF_ROOT: Record<string, string> = { talent: 'Talent', talents: 'Talent', case: 'Case', cases: 'Case' };

export function directPlan(document: string, requiresOf: Map<string, string[]>): DirectPlan {
  const operation = parse(document).definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const operationName = operation.name?.value ?? 'Direct';
  const root = operation.selectionSet.selections[0] as FieldNode;
  const entityType = ENTITY_TYPE_OF_ROOT[root.name.value] ?? null;
  if (!entityType || !root.selectionSet) {
    return { rootDocument: document, entityPath: [], entityType: null, requires: {}, addedFields: [], departments: [] };
  }
  const { path, selection } = entitySelection(root);
  const fields = selection.selections.filter((node): node is FieldNode => node.kind === Kind.FIELD);
  const isDepartment = (node: FieldNode) => (DEPARTMENT_NAMES as readonly string[]).includes(node.name.value);
  const departmentFields = fields.filter(isDepartment);
  const kept = selection.selections.filter((node) => node.kind !== Kind.FIELD || !isDepartment(node));
  const present = new Set(fields.map((node) => node.name.value));
  const requires: Partial<Record<DepartmentName, string[]>> = {};
  for (const node of departmentFields) requires[node.name.value as DepartmentName] = requiresOf.get(`${entityType}.${node.name.value}`) ?? [];
  const addedFields = [...new Set(['id', ...Object.values(requires).flat()])].filter((name) => !present.has(name));
  const added = addedFields.map((name): FieldNode => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: name } }));
  const rootOperation = replaceSelection(operation, selection, { ...selection, selections: [...kept, ...added] });
  return {
    rootDocument: print({ ...rootOperation, name: { kind: Kind.NAME, value: `${operationName}__talent` } }),
    entityPath: path,
    entityType,
    requires,
    addedFields,
    departments: departmentFields.map((node) => ({
      department: node.name.value as DepartmentName,
      field: node.alias?.value ?? node.name.value,
      document: `query ${operationName}__${node.name.value}($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${entityType} { ${print(node)} } } }`,
    })),
  };
}

/** The operation with one selection set (found by identity) replaced. */
function replaceSelection(operation: OperationDefinitionNode, target: SelectionSetNode, replacement: SelectionSetNode): OperationDefinitionNode {
  const rewrite = (selection: SelectionSetNode): SelectionSetNode =>
    selection === target
      ? replacement
      : { ...selection, selections: selection.selections.map((node) => (node.kind === Kind.FIELD && node.selectionSet ? { ...node, selectionSet: rewrite(node.selectionSet) } : node)) };
  return { ...operation, selectionSet: rewrite(operation.selectionSet) };
}

type Json = Record<string, unknown>;

/** The entities found at `path` in the window's answer (one object, or every node of a connection). */
export function entitiesAt(data: Json, path: string[]): Json[] {
  const [field, ...rest] = path;
  const value = data[field];
  if (value === null || value === undefined) return [];
  if (rest.length === 0) return [value as Json];
  // A connection: field → edges[] → node.
  return ((value as Json).edges as Json[]).map((edge) => edge.node as Json);
}

export function representationFor(entity: Json, entityType: string, required: string[]): Json {
  const representation: Json = { __typename: entityType, id: entity.id };
  for (const name of required) representation[name] = entity[name];
  return representation;
}
