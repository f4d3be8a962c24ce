// The role × field matrix (issue 4): what one query answers for a viewer, field by field. Every
// leaf of the query gets an outcome — `data` (some value came back), `null` (null, no error) or
// `forbidden` (FORBIDDEN on it or on a field above it) — keyed by its path without list indexes
// (`talent.health.checkupBookings.hospital`). A test states the forbidden paths of each role
// exactly; a leak (data where FORBIDDEN was expected) or an over-block both fail it.
import { Kind, parse, type SelectionSetNode } from 'graphql';
import { expect } from 'vitest';
import type { Viewer } from '../subgraphs/kit/context';
import type { DepartmentName } from '../subgraphs/kit/departments';
import type { Harness } from './harness';
import { bearer } from './tokens';

export type Outcome = 'data' | 'null' | 'forbidden';

/** The leaf paths of a query (aliases respected, fragments not used in matrix queries). */
export function leafPaths(query: string): string[] {
  const paths: string[] = [];
  const visit = (selectionSet: SelectionSetNode, prefix: string): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, prefix);
        continue;
      }
      if (selection.kind !== Kind.FIELD) throw new Error('matrix queries use no named fragments');
      const name = `${prefix}${(selection.alias ?? selection.name).value}`;
      if (selection.selectionSet) visit(selection.selectionSet, `${name}.`);
      else paths.push(name);
    }
  };
  for (const definition of parse(query).definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) visit(definition.selectionSet, '');
  }
  return paths;
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Each leaf's outcome; any error other than FORBIDDEN fails the test (a matrix must not hide a crash). */
export function outcomes(query: string, answer: Answer): Record<string, Outcome> {
  const unexpected = (answer.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN');
  expect(unexpected, 'only FORBIDDEN errors are expected').toEqual([]);
  const forbidden = (answer.errors ?? []).map((error) => (error.path ?? []).filter((part) => typeof part === 'string').join('.'));
  const result: Record<string, Outcome> = {};
  for (const path of leafPaths(query)) {
    if (forbidden.some((denied) => path === denied || path.startsWith(`${denied}.`))) result[path] = 'forbidden';
    else result[path] = hasValue(answer.data, path.split('.')) ? 'data' : 'null';
  }
  return result;
}

function hasValue(value: unknown, parts: string[]): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.some((element) => hasValue(element, parts));
  if (parts.length === 0) return true;
  return hasValue((value as Record<string, unknown>)[parts[0]], parts.slice(1));
}

export interface MatrixRow {
  /** e.g. "talent (own)", "housing staff". */
  name: string;
  viewer: Viewer;
  variables: Record<string, unknown>;
  /** Exactly the leaf paths (or the fields above them) that answer FORBIDDEN; every other leaf must have data unless listed in `nulls`. */
  forbidden: string[];
}

/**
 * Runs the query for each row and checks the whole matrix: the FORBIDDEN leaves are exactly those
 * under a listed path, every other leaf has data, except `nulls` (leaves the fixture leaves empty).
 */
export async function expectMatrix(harness: Harness, query: string, rows: MatrixRow[], nulls: string[] = []): Promise<void> {
  const failures: string[] = [];
  for (const row of rows) {
    const got = outcomes(query, await harness.query(query, row.variables, await bearer(row.viewer)));
    for (const [path, outcome] of Object.entries(got)) {
      const denied = row.forbidden.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
      const expected: Outcome = denied ? 'forbidden' : nulls.includes(path) ? 'null' : 'data';
      if (outcome !== expected) failures.push(`${row.name}: ${path} is ${outcome}, expected ${expected}`);
    }
  }
  expect(failures).toEqual([]);
}

export interface DepartmentRows {
  department: DepartmentName;
  /** Another department, whose staff must not read this one's part at all. */
  otherDepartment: DepartmentName;
  /** The talent whose records the query reads, and another talent. */
  own: string;
  foreign: string;
  /** What coordinators and specialists may not see (clinical details, legal content). */
  window: string[];
  /** What analysts may not see. */
  analyst: string[];
}

/**
 * The seven rows every department's matrix has: the window (coordinator, specialist), its own staff
 * (everything), another department's staff (not the department's part of the talent or of a case),
 * the talent (everything of their own; someone else's talent not at all) and an analyst. The
 * window's and the analyst's forbidden paths are each test's to write out.
 */
export function departmentRows(rows: DepartmentRows): MatrixRow[] {
  const variables = { id: rows.own };
  const staffOf = (department: DepartmentName): Viewer => ({ subject: `${department}-staff`, role: 'department_staff', department });
  return [
    { name: 'coordinator', viewer: { subject: 'coordinator', role: 'coordinator' }, variables, forbidden: rows.window },
    { name: 'specialist', viewer: { subject: 'specialist', role: 'specialist' }, variables, forbidden: rows.window },
    { name: `${rows.department} staff`, viewer: staffOf(rows.department), variables, forbidden: [] },
    { name: `${rows.otherDepartment} staff`, viewer: staffOf(rows.otherDepartment), variables, forbidden: [`talent.${rows.department}`, `talent.cases.${rows.department}`] },
    { name: 'talent (own)', viewer: { subject: 'holder', role: 'talent', talentId: rows.own }, variables, forbidden: [] },
    { name: 'talent (foreign)', viewer: { subject: 'another-holder', role: 'talent', talentId: rows.foreign }, variables, forbidden: ['talent'] },
    { name: 'analyst', viewer: { subject: 'analyst', role: 'analyst' }, variables, forbidden: rows.analyst },
  ];
}
