// One measured run: load on a target with autocannon, the subgraphs' counters read before and
// after, the target's memory after.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { countsOf, difference, lessIdle, parsePrometheus, requestCosts, sumCounts, type Counts } from './prometheus';
import type { RunFigures } from './report';
import { cpuSeconds, residentMb, type Child } from './stack';
import type { BenchQuery } from './queries';

export interface LoadSettings {
  connections: number;
  duration: number;
  warmup: number;
  authorization: string;
  talentId: string;
  /**
   * --spread: each connection's own coordinator token (one per connection) and the talents the
   * talent view cycles through, so requests in flight at once are not identical. Null: every
   * connection sends the same request with `authorization` and `talentId`.
   */
  spread: { authorizations: string[]; talentIds: string[] } | null;
  /** Each subgraph's /metrics. */
  metricsUrls: string[];
  /** What the subgraphs count per second on their own, idle (see idleRates). */
  idlePerSecond: Counts;
  /** The subgraphs' and the database's process ids, whose CPU time a run is charged with. */
  stackPids: (number | undefined)[];
}

export function requestBody(query: BenchQuery, talentId: string): string {
  return JSON.stringify({ query: query.document, operationName: query.operationName, variables: query.variables(talentId) });
}

const headersFor = (authorization: string) => ({ 'content-type': 'application/json', authorization });

async function scrape(metricsUrls: string[]): Promise<Counts> {
  const texts = await Promise.all(metricsUrls.map(async (url) => (await fetch(url)).text()));
  return sumCounts(texts.map((text) => countsOf(parsePrometheus(text))));
}

/** Each scrape costs every subgraph a DB read (its outbox gauges): not too often. */
const SCRAPE_INTERVAL_MS = 1000;
/** Slow answers on a loaded machine still count as answers, not timeouts. */
const ANSWER_TIMEOUT_SECONDS = 30;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The subgraphs' counts once the requests still in flight have landed (autocannon stops sending
 * at the end of its duration, but what it sent last is still being answered) and the audit
 * hand-overs a run left in the departments' outboxes are delivered, so no run pays for the last.
 * `clearedAt`: when the departments' outboxes were first seen empty (null: not within the wait).
 */
async function settled(metricsUrls: string[], maxWaitMs = 30_000): Promise<{ counts: Counts; at: number; drained: boolean; clearedAt: number | null }> {
  let last = await scrape(metricsUrls);
  let clearedAt = (last.get('outbox pending') ?? 0) === 0 ? performance.now() : null;
  for (let waited = 0; waited < maxWaitMs; waited += SCRAPE_INTERVAL_MS) {
    await pause(SCRAPE_INTERVAL_MS);
    const now = await scrape(metricsUrls);
    const empty = (now.get('outbox pending') ?? 0) === 0;
    clearedAt = empty ? (clearedAt ?? performance.now()) : null;
    const still = requestCosts(now).subgraphRequests === requestCosts(last).subgraphRequests;
    if (still && empty) return { counts: now, at: performance.now(), drained: true, clearedAt };
    last = now;
  }
  return { counts: last, at: performance.now(), drained: false, clearedAt: null };
}

/** What the subgraphs count per second with no load at all (pollers looking for due work), to take out of each run. */
export async function idleRates(metricsUrls: string[], seconds: number): Promise<Counts> {
  const before = await settled(metricsUrls);
  await pause(seconds * 1000);
  const after = await scrape(metricsUrls);
  const elapsed = (performance.now() - before.at) / 1000;
  return new Map([...difference(after, before.counts)].map(([key, value]) => [key, value / elapsed]));
}

/**
 * What connection number `caller` sends, in turn: with --spread its own token, and (for the talent
 * view) every talent, starting at a different one per connection so the connections stay apart.
 */
export function requestsOf(query: BenchQuery, settings: Pick<LoadSettings, 'authorization' | 'talentId' | 'spread'>, caller: number): { headers: Record<string, string>; body: string }[] {
  const { spread } = settings;
  if (!spread) return [{ headers: headersFor(settings.authorization), body: requestBody(query, settings.talentId) }];
  const headers = headersFor(spread.authorizations[caller % spread.authorizations.length]);
  const talents = query.name === 'talent' ? spread.talentIds : [settings.talentId];
  const start = Math.floor((caller * talents.length) / spread.authorizations.length) % talents.length;
  return [...talents.slice(start), ...talents.slice(0, start)].map((talentId) => ({ headers, body: requestBody(query, talentId) }));
}

export async function measure(target: Child, query: BenchQuery, settings: LoadSettings): Promise<RunFigures> {
  let withErrors = 0;
  // A fast answer full of errors is no answer: count them (a 200 may carry errors, e.g. a department timed out).
  const onResponse = (_status: number, body: string) => void (body.includes('"errors"') && (withErrors += 1));
  const stepsOf = (caller: number) => requestsOf(query, settings, caller).map((request) => ({ method: 'POST' as const, ...request, onResponse }));
  let connected = 0;
  const options = {
    url: target.url,
    connections: settings.connections,
    timeout: ANSWER_TIMEOUT_SECONDS,
    requests: stepsOf(0),
    // Called once for each connection autocannon makes: connection n is caller n.
    setupClient: (client: { setRequests(steps: ReturnType<typeof stepsOf>): void }) => client.setRequests(stepsOf(connected++)),
  };
  if (settings.warmup > 0) await autocannon({ ...options, duration: settings.warmup });
  withErrors = 0;
  connected = 0;
  const cpuNow = () => ({ target: cpuSeconds([target.process.pid]), stack: cpuSeconds(settings.stackPids) });
  const before = await settled(settings.metricsUrls);
  const cpuBefore = cpuNow();
  const result = await autocannon({ ...options, duration: settings.duration });
  const loadEnded = performance.now();
  const after = await settled(settings.metricsUrls);
  // Read once what the run started has landed (the audit hand-overs too), as the counts are.
  const cpuAfter = cpuNow();
  const cpuMs = (from: number | null, to: number | null) => (from === null || to === null ? Number.NaN : perRequest((to - from) * 1000));
  const counts = lessIdle(difference(after.counts, before.counts), settings.idlePerSecond, (after.at - before.at) / 1000);
  const counted = requestCosts(counts);
  // Every request sent reached the subgraphs, answered in time or not.
  const sent = result.requests.sent;
  const perRequest = (value: number) => (sent > 0 ? value / sent : Number.NaN);
  return {
    query: query.name,
    target: target.name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    answers: result['2xx'] + result.non2xx,
    sent,
    failures: result.non2xx + result.errors + result.timeouts,
    withErrors,
    subgraphRequestsPerRequest: perRequest(counted.subgraphRequests),
    dbCommandsPerRequest: perRequest(counted.dbCommands),
    auditWritesPerRequest: perRequest(counted.auditWrites),
    targetCpuMsPerRequest: cpuMs(cpuBefore.target, cpuAfter.target),
    stackCpuMsPerRequest: cpuMs(cpuBefore.stack, cpuAfter.stack),
    rssMb: residentMb(target.process.pid),
    counts,
    drained: before.drained && after.drained,
    auditClearedSeconds: after.clearedAt === null ? null : Math.max(0, (after.clearedAt - loadEnded) / 1000),
  };
}

interface Answer {
  data?: unknown;
  errors?: { message: string; path?: unknown[] }[];
}

export async function askOnce(target: Child, query: BenchQuery, settings: Pick<LoadSettings, 'authorization' | 'talentId'>): Promise<Answer> {
  const response = await fetch(target.url, { method: 'POST', headers: headersFor(settings.authorization), body: requestBody(query, settings.talentId) });
  const text = await response.text();
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] };
  }
}

/** What to say about a target's answer next to ours: nothing when it is the same data with no errors. */
export function compareAnswers(ours: Answer, theirs: Answer): string | null {
  const problems: string[] = [];
  if (theirs.errors?.length) problems.push(`${theirs.errors.length} error(s), first: ${theirs.errors[0].message}`);
  // Field order may differ (the direct client merges parts after the window's fields): compare as values.
  if (!isDeepStrictEqual(ours.data, theirs.data)) problems.push('its data differs from ours');
  return problems.length > 0 ? problems.join('; ') : null;
}
