// The benchmark's table: one row per query and target, with ratios to ours, as Markdown (printed
// and written to bench/results.md).
import type { SelfTime } from './profile';

export interface RunFigures {
  query: string;
  target: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  answers: number;
  /** Requests sent, answered by the end or not: what the subgraph counts are divided by. */
  sent: number;
  /** Non-2xx answers, socket errors and timeouts. */
  failures: number;
  /** Answers (2xx or not) whose body carries GraphQL errors. */
  withErrors: number;
  subgraphRequestsPerRequest: number;
  dbCommandsPerRequest: number;
  auditWritesPerRequest: number;
  /** CPU time the target process used per request sent (user + system), load and drain: the gateway's own cost. */
  targetCpuMsPerRequest: number;
  /** The same for the subgraphs and the database together: what the target's way of fetching costs behind it. */
  stackCpuMsPerRequest: number;
  /** The target process's resident memory after the run. */
  rssMb: number | null;
  /** What the subgraphs counted during the run, by key (bench/prometheus.ts), for --details. */
  counts: Map<string, number>;
  /** False when the audit hand-overs left behind were still pending 30 s after the run: a neighbouring run paid for some. */
  drained: boolean;
  /**
   * Seconds from the end of the load until the departments' audit outboxes were seen empty
   * (scraped once a second, so ±1 s); null when they were not within 30 s.
   */
  auditClearedSeconds: number | null;
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Several rounds of one query through one target as one row (--rounds): the median of each rate,
 * latency and per-request figure, so one round disturbed by the shared machine does not decide a
 * ratio; the highest memory and the slowest audit clearing; failures and errors summed.
 */
export function combineRounds(rounds: RunFigures[]): RunFigures {
  if (rounds.length === 1) return rounds[0];
  const middle = (pick: (run: RunFigures) => number) => median(rounds.map(pick));
  const sum = (pick: (run: RunFigures) => number) => rounds.reduce((total, run) => total + pick(run), 0);
  const counts = new Map<string, number>();
  for (const run of rounds) for (const [key, value] of run.counts) counts.set(key, (counts.get(key) ?? 0) + value);
  const memory = rounds.map((run) => run.rssMb).filter((value): value is number => value !== null);
  const cleared = rounds.map((run) => run.auditClearedSeconds);
  return {
    query: rounds[0].query,
    target: rounds[0].target,
    requestsPerSecond: middle((run) => run.requestsPerSecond),
    p50Ms: middle((run) => run.p50Ms),
    p99Ms: middle((run) => run.p99Ms),
    answers: sum((run) => run.answers),
    sent: sum((run) => run.sent),
    failures: sum((run) => run.failures),
    withErrors: sum((run) => run.withErrors),
    subgraphRequestsPerRequest: middle((run) => run.subgraphRequestsPerRequest),
    dbCommandsPerRequest: middle((run) => run.dbCommandsPerRequest),
    auditWritesPerRequest: middle((run) => run.auditWritesPerRequest),
    targetCpuMsPerRequest: middle((run) => run.targetCpuMsPerRequest),
    stackCpuMsPerRequest: middle((run) => run.stackCpuMsPerRequest),
    rssMb: memory.length > 0 ? Math.max(...memory) : null,
    counts,
    drained: rounds.every((run) => run.drained),
    auditClearedSeconds: cleared.includes(null) ? null : Math.max(...(cleared as number[])),
  };
}

export interface SkippedRun {
  query: string;
  target: string;
  skipped: string;
}

export type Row = RunFigures | SkippedRun;

const isSkipped = (row: Row): row is SkippedRun => 'skipped' in row;

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** A ratio to ours, or a dash when there is nothing to divide by. */
export function ratio(value: number, ours: number | undefined): string {
  return ours && Number.isFinite(value) ? `${(value / ours).toFixed(2)}×` : '–';
}

const HEADER = ['query', 'target', 'RPS', 'p50 ms', 'p99 ms', 'RPS ÷ ours', 'p99 ÷ ours', 'subgraph req / request', 'DB cmds / request', 'audit writes / request', 'target CPU ms / request', 'subgraphs + DB CPU ms / request', 'audit backlog cleared s', 'RSS MB', 'failed', 'with errors'];

export function formatTable(rows: Row[]): string {
  const ours = new Map(rows.filter((row): row is RunFigures => !isSkipped(row) && row.target === 'ours').map((row) => [row.query, row]));
  const lines = [`| ${HEADER.join(' | ')} |`, `| ${HEADER.map((_, index) => (index < 2 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows) {
    if (isSkipped(row)) {
      lines.push(`| ${row.query} | ${row.target} | ${row.skipped} |${' |'.repeat(HEADER.length - 3)}`);
      continue;
    }
    const base = ours.get(row.query);
    lines.push(
      `| ${[
        row.query,
        row.target,
        fixed(row.requestsPerSecond, 1),
        fixed(row.p50Ms, 0),
        fixed(row.p99Ms, 0),
        ratio(row.requestsPerSecond, base?.requestsPerSecond),
        ratio(row.p99Ms, base?.p99Ms),
        fixed(row.subgraphRequestsPerRequest, 2),
        fixed(row.dbCommandsPerRequest, 2),
        fixed(row.auditWritesPerRequest, 2),
        fixed(row.targetCpuMsPerRequest, 1),
        fixed(row.stackCpuMsPerRequest, 1),
        row.auditClearedSeconds === null ? 'not in 30 s' : fixed(row.auditClearedSeconds, 0),
        row.rssMb === null ? '–' : fixed(row.rssMb, 0),
        String(row.failures),
        String(row.withErrors),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export function formatProfile(top: SelfTime[]): string {
  const lines = ['| # | function | self ms | self % |', '| ---: | --- | ---: | ---: |'];
  top.forEach((entry, index) => lines.push(`| ${index + 1} | \`${entry.name.replace(/\|/g, '\\|')}\` | ${fixed(entry.selfMs, 0)} | ${fixed(entry.percent, 1)} |`));
  return lines.join('\n');
}

export interface ResultsDocument {
  date: string;
  machine: string;
  settings: string;
  table: string;
  notes: string[];
  profile?: string;
}

export function resultsMarkdown(document: ResultsDocument): string {
  return [
    '# Benchmark results (npm run bench)',
    '',
    `- date: ${document.date}`,
    `- machine: ${document.machine}`,
    `- settings: ${document.settings}`,
    '',
    document.table,
    '',
    '## Notes',
    '',
    ...document.notes.map((note) => `- ${note}`),
    ...(document.profile ? ['', '## Where the CPU goes (node --cpu-prof, top 15 by self time, idle left out)', '', document.profile] : []),
    '',
  ].join('\n');
}
