// npm run bench -- [--connections 20] [--duration 5] [--warmup 1] [--queries talent,dashboard,cases,catalog]
//                  [--targets ours,stock,hive,direct] [--rounds 1] [--spread] [--profile] [--details]
//                  [--out bench/results.md]
import { readOptions } from '../scripts/command-line';
import { QUERY_NAMES, type QueryName } from './queries';

export const TARGET_NAMES = ['ours', 'stock', 'hive', 'direct'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface BenchOptions {
  connections: number;
  /** Seconds of measured load per target per query. */
  duration: number;
  /** Seconds of load before each measured run, not counted (JIT, connection pools, caches). */
  warmup: number;
  queries: QueryName[];
  targets: TargetName[];
  /** Times every query runs through every target, in turns; the table gives each figure's median. */
  rounds: number;
  /**
   * Each connection is a coordinator of its own (own token), and the talent view cycles through the
   * demo talents: no two requests in flight are alike, so no gateway can share a subgraph fetch.
   */
  spread: boolean;
  /** Run ours, the talent subgraph and health under `node --cpu-prof` and print their top self-time functions. */
  profile: boolean;
  /** Print what the subgraphs counted in each run, by operation and DB command. */
  details: boolean;
  out: string;
}

function positive(value: string | undefined, name: string, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || (!allowZero && number === 0)) throw new Error(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${value}"`);
  return number;
}

function listOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T[] {
  if (value === undefined) return [...allowed];
  const chosen = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const unknown = chosen.filter((entry) => !(allowed as readonly string[]).includes(entry));
  if (unknown.length > 0 || chosen.length === 0) throw new Error(`--${name} takes a comma-separated list of ${allowed.join(', ')}; got "${value}"`);
  return chosen as T[];
}

const USAGE = `npm run bench -- [--connections 20] [--duration 5] [--warmup 1] [--queries ${QUERY_NAMES.join(',')}]
                 [--targets ${TARGET_NAMES.join(',')}] [--rounds 1] [--spread] [--profile] [--details] [--out bench/results.md]

Runs the benchmark's operations through our gateway, stock @apollo/gateway, Hive Gateway and a direct-parallel
client over the same subgraphs, and writes the table to bench/results.md.

By default every connection sends the same request with one coordinator's token (many staff refreshing one
view). --spread gives each connection a coordinator of its own and has the talent view cycle through the
demo talents, so identical fetches in flight are rare and deduplication cannot help. --rounds N runs everything N
times in turns and reports each figure's median, for a machine whose load comes and goes.`;

/** The options; --help prints the usage and a mistyped option is named with it (scripts/command-line.ts). */
export function parseBenchOptions(args: string[]): BenchOptions {
  const values = readOptions(
    USAGE,
    {
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      queries: { type: 'string' },
      targets: { type: 'string' },
      rounds: { type: 'string' },
      spread: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      details: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/results.md' },
    },
    args,
  );
  const targets = listOf(values.targets, 'targets', TARGET_NAMES);
  // Ratios are to ours: it always runs.
  if (!targets.includes('ours')) targets.unshift('ours');
  return {
    connections: Math.round(positive(values.connections, 'connections', 20)),
    duration: positive(values.duration, 'duration', 5),
    warmup: positive(values.warmup, 'warmup', 1, true),
    queries: listOf(values.queries, 'queries', QUERY_NAMES),
    targets,
    rounds: Math.round(positive(values.rounds, 'rounds', 1)),
    spread: values.spread ?? false,
    profile: values.profile ?? false,
    details: values.details ?? false,
    out: values.out!,
  };
}
