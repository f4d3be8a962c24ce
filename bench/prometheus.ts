// Reading a subgraph's /metrics (Prometheus text) into the counts the benchmark reports.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(LABEL)) labels[name] = value.replace(/\\(.)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** Operations a subgraph receives from the background, not from answering a caller: audit hand-overs to the window. */
export const BACKGROUND_OPERATIONS = new Set(['RecordAuditEvents']);

/** Counter values by key ("requests <operation>", "db <command> <collection>", "audit …"), summed over subgraphs. */
export type Counts = Map<string, number>;

/**
 * What one subgraph's /metrics says, by key. Left out, as test/harness.ts leaves them out:
 * audit hand-overs to the window, and DB commands on every outbox (their polling and
 * deliveries) and on the audit archive, whose counts depend on timing. Audit writes made
 * by requests are kept apart: inserts into an outbox, and the window's own inserts into the
 * archive (its inserts less the hand-overs it took, one insert each).
 */
export function countsOf(samples: Sample[]): Counts {
  // An outbox's gauges have samples only while it holds messages, so its name ("…_outbox") says it too.
  const outboxes = new Set(samples.filter((sample) => sample.name === 'outbox_pending_messages').map((sample) => sample.labels.outbox));
  const isOutbox = (collection: string) => outboxes.has(collection) || collection.endsWith('outbox');
  const counts: Counts = new Map();
  const add = (key: string, value: number) => counts.set(key, (counts.get(key) ?? 0) + value);
  for (const sample of samples) {
    // Not a counter: read as is, to wait for the hand-overs a run left behind.
    if (sample.name === 'outbox_pending_messages') add('outbox pending', sample.value);
    if (sample.name === 'graphql_requests_total') {
      if (BACKGROUND_OPERATIONS.has(sample.labels.operation)) add('audit handovers', sample.value);
      else add(`requests ${sample.labels.operation}`, sample.value);
    }
    if (sample.name !== 'mongodb_command_duration_seconds_count') continue;
    const { collection, command } = sample.labels;
    if (collection === 'audit_events') {
      if (command === 'insert') add('audit archive inserts', sample.value);
    } else if (isOutbox(collection)) {
      if (command === 'insert') add('audit outbox inserts', sample.value);
    } else if (command !== 'ping') {
      add(`db ${command} ${collection}`, sample.value);
    }
  }
  return counts;
}

export function sumCounts(all: Counts[]): Counts {
  const sum: Counts = new Map();
  for (const counts of all) for (const [key, value] of counts) sum.set(key, (sum.get(key) ?? 0) + value);
  return sum;
}

/** after − before, by key. */
export function difference(after: Counts, before: Counts): Counts {
  return new Map([...after].map(([key, value]) => [key, value - (before.get(key) ?? 0)]));
}

/**
 * A run's counts less what the subgraphs do on their own while idle (pollers finding due work),
 * measured once before any load: `idlePerSecond` × the run's seconds, never below zero.
 */
export function lessIdle(run: Counts, idlePerSecond: Counts, seconds: number): Counts {
  return new Map([...run].map(([key, value]) => [key, Math.max(0, value - (idlePerSecond.get(key) ?? 0) * seconds)]));
}

export interface RequestCosts {
  subgraphRequests: number;
  dbCommands: number;
  auditWrites: number;
}

export function requestCosts(counts: Counts): RequestCosts {
  let subgraphRequests = 0;
  let dbCommands = 0;
  for (const [key, value] of counts) {
    if (key.startsWith('requests ')) subgraphRequests += value;
    if (key.startsWith('db ')) dbCommands += value;
  }
  const windowOwn = Math.max(0, (counts.get('audit archive inserts') ?? 0) - (counts.get('audit handovers') ?? 0));
  return { subgraphRequests, dbCommands, auditWrites: (counts.get('audit outbox inserts') ?? 0) + windowOwn };
}
