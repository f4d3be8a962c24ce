// The one harness for end-to-end tests (STYLE.md): every subgraph and the gateway in-process,
// on port 0, on databases of this harness's own in the test run's embedded MongoDB.
import { randomBytes } from 'node:crypto';
import type { QueryPlan } from '@apollo/query-planner';
import { inject } from 'vitest';
import { readGatewayConfig } from '../gateway/config';
import { startGateway, type GatewayOptions, type RunningGateway } from '../gateway/server';
import { SUBGRAPH_NAMES, type DepartmentName, type SubgraphName } from '../subgraphs/kit/departments';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/subgraph';
import { SUBGRAPHS } from '../subgraphs/registry';
import { loadDemoData } from '../scripts/demo-data';
import { TestClock, testEnvironment } from './environment';
import { bearer, COORDINATOR } from './tokens';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Harness {
  gatewayUrl: string;
  /** The clock every subgraph reads: move it to test time limits without waiting. */
  clock: TestClock;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Query plans the gateway made, oldest first. */
  queryPlans: QueryPlan[];
  /** Asks the gateway, as a coordinator unless `headers` carries its own authorization ('' for none). */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Zeroes every subgraph's request and DB-command counters and forgets query plans. */
  resetCounters(): void;
  /** Requests each subgraph received from the gateway since the last reset. */
  requestCounts(): Record<SubgraphName, number>;
  /**
   * DB commands each subgraph sent since the last reset, by "command collection". Background work
   * is left out — every outbox's polling and deliveries (kit/outbox.ts), and the audit archive that
   * deliveries write to — since its counts depend on timing; `auditWrites()` counts what each
   * request itself queues for the archive.
   */
  dbCommands(): Record<SubgraphName, Record<string, number>>;
  /** Audit events each department's requests queued for the window since the last reset: one write per request at most, whatever the page size. */
  auditWrites(): Record<DepartmentName, number>;
  /** Takes one department off the network, as an outage would. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Brings a stopped subgraph back (or restarts a running one) on its port and database, as a new process would. */
  startSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** The MongoDB to use; by default the test run's embedded one (vitest's provided `mongoUri`). */
  mongoUri?: string;
  /** Load this many deterministic demo talents (and every department's records) first. */
  demoTalents?: number;
  demoSeed?: number;
  /** Test hooks for the gateway's subgraph fetches (hold one until identical ones have joined it). */
  gatewayHooks?: Pick<GatewayOptions, 'holdSubgraphFetch' | 'onSharedFetch'>;
  /** Gateway settings (as environment variables); rate limits are off unless a test sets them. */
  gatewayEnv?: Record<string, string>;
}

/** Collections only background work touches after a read: every outbox (kit/outbox.ts models `Outbox_*`), and the audit archive. */
function backgroundCollections(running: RunningSubgraph): Set<string> {
  const outboxes = Object.values(running.connection.models).filter((model) => model.modelName.startsWith('Outbox_'));
  return new Set([...outboxes.map((model) => model.collection.collectionName), 'audit_events']);
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const mongoUri = options.mongoUri ?? inject('mongoUri');
  const prefix = `e2e_${randomBytes(4).toString('hex')}`;
  const dbNameOf = (name: SubgraphName) => `${prefix}_${name}`;
  if (options.demoTalents) {
    await loadDemoData({ mongoUri, dbNameOf, talents: options.demoTalents, seed: options.demoSeed });
  }

  const urls: Partial<Record<SubgraphName, string>> = {};
  const clock = new TestClock();
  const environment = testEnvironment(urls, clock, 'live');
  const started = await Promise.all(
    SUBGRAPH_NAMES.map((name) => startSubgraph(SUBGRAPHS[name].build, { mongoUri, dbName: dbNameOf(name), port: 0, environment, deferBackground: true })),
  );
  const subgraphs = Object.fromEntries(started.map((running) => [running.name, running])) as Record<SubgraphName, RunningSubgraph>;
  for (const running of started) urls[running.name] = running.url;
  // Deliveries between subgraphs start once every address is known.
  for (const running of started) running.startBackground();
  const queryPlans: QueryPlan[] = [];
  const gatewayRequests = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>;
  const stopped = new Set<SubgraphName>();
  const config = readGatewayConfig({ RATE_LIMIT_PER_SUBJECT: '0', RATE_LIMIT_PER_ROLE: '', RATE_LIMIT_ANONYMOUS: '0', ...options.gatewayEnv });
  const gateway: RunningGateway = await startGateway(
    { ...config, port: 0, subgraphUrls: Object.fromEntries(started.map((running) => [running.name, running.url])) },
    {
      ...options.gatewayHooks,
      onQueryPlan: (plan) => queryPlans.push(plan),
      onSubgraphRequest: (name) => void (gatewayRequests[name as SubgraphName] += 1),
      log: () => {},
      env: {},
    },
  );

  const harness: Harness = {
    gatewayUrl: gateway.url,
    clock,
    subgraphs,
    queryPlans,
    async query<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await bearer(COORDINATOR)), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<T>;
    },
    resetCounters() {
      queryPlans.length = 0;
      for (const name of SUBGRAPH_NAMES) gatewayRequests[name] = 0;
      for (const running of started) {
        running.stats.reset();
        running.dbCommands.reset();
      }
    },
    requestCounts: () => ({ ...gatewayRequests }),
    dbCommands: () =>
      Object.fromEntries(
        started.map((running) => {
          const background = backgroundCollections(running);
          return [running.name, Object.fromEntries(Object.entries(running.dbCommands.snapshot()).filter(([key]) => !background.has(key.split(' ')[1])))];
        }),
      ) as Record<SubgraphName, Record<string, number>>,
    auditWrites: () =>
      Object.fromEntries(
        started.filter((running) => running.name !== 'talent').map((running) => [running.name, running.dbCommands.snapshot()['insert audit_outbox'] ?? 0]),
      ) as Record<DepartmentName, number>,
    async stopSubgraph(name) {
      await subgraphs[name].stop();
      stopped.add(name);
    },
    async startSubgraph(name) {
      if (!stopped.has(name)) await harness.stopSubgraph(name);
      const running = await startSubgraph(SUBGRAPHS[name].build, { mongoUri, dbName: dbNameOf(name), port: subgraphs[name].port, environment });
      started[started.indexOf(subgraphs[name])] = running;
      subgraphs[name] = running;
      stopped.delete(name);
    },
    async stop() {
      await gateway.stop();
      await Promise.all(started.filter((running) => !stopped.has(running.name)).map((running) => running.stop()));
    },
  };
  return harness;
}

/** The id of the first talent the window lists (tests that need any one talent). */
export async function firstTalentId(harness: Harness): Promise<string> {
  const first = await harness.query<{ talents: { edges: { node: { id: string } }[] } }>('{ talents(first: 1) { edges { node { id } } } }');
  return first.data!.talents.edges[0].node.id;
}

/**
 * Waits for something another process does (a delivery, a report): asks again every 50 ms and
 * fails with the last answer after `timeoutMs`. For events, never a fixed sleep.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
