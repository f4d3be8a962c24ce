// Departments own their schema safely (issue 11): each subgraph's schema is compared with the
// released one (schema/released/<subgraph>.graphql) by @graphql-inspector/core, the same diff
// GraphQL Hive and Inspector's CI action run. A breaking change — a removed field, a narrowed
// type, a new required argument — fails the check, naming the field and the reason, unless it is
// acknowledged in schema/acknowledged-changes.json with a date and a reason (the local equivalent
// of approving a change in Apollo GraphOS). Additions and deprecations pass.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { parse, type GraphQLSchema } from 'graphql';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/departments';
import { subgraphSdlPath } from './compose-lib';

export const RELEASED_DIR = fileURLToPath(new URL('./released/', import.meta.url));
export const ACKNOWLEDGED_FILE = fileURLToPath(new URL('./acknowledged-changes.json', import.meta.url));

export function releasedSdlPath(name: string): string {
  return `${RELEASED_DIR}${name}.graphql`;
}

/** A breaking change the owning department has agreed to, e.g. after its callers moved on. */
export interface Acknowledgement {
  subgraph: SubgraphName;
  /** The changed place as the diff names it, e.g. `Talent.health` or `Query.cases.filter`. */
  path: string;
  /** The day it was agreed (YYYY-MM-DD). */
  date: string;
  reason: string;
}

export interface SchemaChange {
  subgraph: string;
  path: string;
  criticality: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  message: string;
  /** Why it breaks callers, from the inspector's rules. */
  reason: string | null;
  acknowledged: Acknowledgement | null;
}

export interface SchemaCheckResult {
  changes: SchemaChange[];
  /** Breaking changes without an acknowledgement: any of these fails the check. */
  blocking: SchemaChange[];
  /** Acknowledgements that match no change any more (kept for the record, reported). */
  unused: Acknowledgement[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads and validates the acknowledgements, naming the entry and field that is wrong. */
export function parseAcknowledgements(text: string, where = 'schema/acknowledged-changes.json'): Acknowledgement[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) throw new Error(`${where}: must be a JSON array of { subgraph, path, date, reason }`);
  return value.map((entry, index) => {
    const at = `${where}[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${at}: must be an object { subgraph, path, date, reason }`);
    const { subgraph, path, date, reason } = entry as Record<string, unknown>;
    if (typeof subgraph !== 'string' || !(SUBGRAPH_NAMES as readonly string[]).includes(subgraph)) {
      throw new Error(`${at}.subgraph: must be one of ${SUBGRAPH_NAMES.join(', ')}`);
    }
    if (typeof path !== 'string' || path.trim() === '') throw new Error(`${at}.path: must name the changed field, e.g. "Talent.health"`);
    if (typeof date !== 'string' || !DATE.test(date) || Number.isNaN(Date.parse(date))) throw new Error(`${at}.date: must be the day it was agreed, YYYY-MM-DD`);
    if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`${at}.reason: must say why callers are not broken (or were told)`);
    return { subgraph: subgraph as SubgraphName, path, date, reason };
  });
}

function subgraphSchema(subgraph: string, which: string, sdl: string): GraphQLSchema {
  try {
    return buildSubgraphSchema({ typeDefs: parse(sdl) });
  } catch (error) {
    throw new Error(`${subgraph}: the ${which} schema does not build: ${(error as Error).message}`);
  }
}

// Where the inspector names no reason for a breaking change, what it means for the callers.
const BREAKING_REASONS: Record<string, string> = {
  FIELD_ARGUMENT_ADDED: 'a new required argument: operations that do not pass it now fail validation',
  INPUT_FIELD_ADDED: 'a new required input field: inputs that do not set it are now refused',
};
const DEFAULT_BREAKING_REASON = 'operations written against the released schema can fail against this one';

function toChange(subgraph: string, change: Change, acknowledgements: Acknowledgement[]): SchemaChange {
  const path = change.path ?? '';
  const level = change.criticality.level;
  const criticality = level === CriticalityLevel.Breaking ? 'BREAKING' : level === CriticalityLevel.Dangerous ? 'DANGEROUS' : 'NON_BREAKING';
  const acknowledged = criticality === 'BREAKING' ? (acknowledgements.find((entry) => entry.subgraph === subgraph && entry.path === path) ?? null) : null;
  const reason = change.criticality.reason ?? (criticality === 'BREAKING' ? (BREAKING_REASONS[change.type] ?? DEFAULT_BREAKING_REASON) : null);
  return { subgraph, path, criticality, message: change.message, reason, acknowledged };
}

/** Compares one subgraph's SDL with its released SDL. */
export async function checkSubgraph(subgraph: string, releasedSdl: string, currentSdl: string, acknowledgements: Acknowledgement[] = []): Promise<SchemaChange[]> {
  const changes = await diff(subgraphSchema(subgraph, 'released', releasedSdl), subgraphSchema(subgraph, 'current', currentSdl));
  return changes.map((change) => toChange(subgraph, change, acknowledgements));
}

/** Every subgraph against its released schema; a subgraph with none released yet has nothing to break. */
export async function checkSchemas(): Promise<SchemaCheckResult> {
  const acknowledgements = existsSync(ACKNOWLEDGED_FILE) ? parseAcknowledgements(readFileSync(ACKNOWLEDGED_FILE, 'utf8')) : [];
  const changes: SchemaChange[] = [];
  for (const name of SUBGRAPH_NAMES) {
    if (!existsSync(releasedSdlPath(name))) continue;
    changes.push(...(await checkSubgraph(name, readFileSync(releasedSdlPath(name), 'utf8'), readFileSync(subgraphSdlPath(name), 'utf8'), acknowledgements)));
  }
  const blocking = changes.filter((change) => change.criticality === 'BREAKING' && !change.acknowledged);
  const unused = acknowledgements.filter((entry) => !changes.some((change) => change.acknowledged === entry));
  return { changes, blocking, unused };
}

/** One line per change, as the check prints it. */
export function describeChange(change: SchemaChange): string {
  const mark = change.criticality === 'BREAKING' ? (change.acknowledged ? `BREAKING, acknowledged ${change.acknowledged.date}` : 'BREAKING') : change.criticality;
  return `${change.subgraph} ${change.path || '(schema)'}: ${change.message} [${mark}]${change.reason && change.criticality !== 'NON_BREAKING' ? ` — ${change.reason}` : ''}`;
}
