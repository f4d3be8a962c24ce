// Prometheus metrics (prom-client): the process's standard metrics once per process, and a
// registry of its own for each server in it (the gateway, each subgraph), so that the tests'
// one-process harness still answers each server's /metrics with that server's figures alone.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

let processRegistry: Registry | null = null;

/** CPU, memory, event-loop lag, GC, handles: collected once per process, shown by every server in it. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Seconds buckets from 5 ms to 10 s: a request, a subgraph fetch. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds buckets from 0.5 ms to 2.5 s: one database command. */
const COMMAND_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5];

/** How many distinct operation names get a label of their own; later ones are counted as "other". */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,79}$/;

export type RequestOutcome = 'ok' | 'partial' | 'error' | 'rejected';

export interface ServiceMetrics {
  registry: Registry;
  requests: Counter<'operation' | 'outcome'>;
  requestDuration: Histogram<'operation' | 'outcome'>;
  /** The label for an operation name: bounded, so a caller inventing names cannot grow the series without end. */
  operationLabel(name: string | null | undefined): string;
  /** What GET /metrics answers: the process's standard metrics, then this server's. */
  scrape(): Promise<string>;
  contentType: string;
}

export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  const seen = new Set<string>();
  return {
    registry,
    requests: new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests received, by operation name and outcome (ok, partial: data with errors, error, rejected: not GraphQL).',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to its answer, by operation name and outcome.',
      labelNames: ['operation', 'outcome'] as const,
      buckets: REQUEST_BUCKETS,
      registers: [registry],
    }),
    operationLabel(name) {
      if (!name) return 'anonymous';
      if (!OPERATION_NAME.test(name)) return 'invalid';
      if (seen.has(name)) return name;
      if (seen.size >= MAX_OPERATION_LABELS) return 'other';
      seen.add(name);
      return name;
    },
    async scrape() {
      return `${await processMetrics().metrics()}\n${await registry.metrics()}`;
    },
    contentType: registry.contentType,
  };
}

/** The gateway's view of its departments: every fetch timed, every failure counted, by subgraph. */
export function gatewayMetrics(registry: Registry) {
  return {
    fetchDuration: new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Time of each fetch the gateway sends to a subgraph, by subgraph and outcome (ok, error).',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: REQUEST_BUCKETS,
      registers: [registry],
    }),
    fetchErrors: new Counter({
      name: 'gateway_subgraph_fetch_errors_total',
      help: 'Subgraph fetches that failed, by subgraph and reason (unreachable, timeout, refused: the subgraph refused the request with 4xx).',
      labelNames: ['subgraph', 'reason'] as const,
      registers: [registry],
    }),
    sharedFetches: new Counter({
      name: 'gateway_subgraph_fetches_shared_total',
      help: 'Subgraph fetches not sent because an identical one (same query, variables and identity) was in flight; the caller shared its answer. By subgraph.',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    sharedReadRecords: new Counter({
      name: 'gateway_shared_read_records_total',
      help: 'Shared answers whose audited reads the gateway recorded in the window\'s archive for the caller it shared them with, by subgraph and outcome (recorded; failed: the data was withheld).',
      labelNames: ['subgraph', 'outcome'] as const,
      registers: [registry],
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof gatewayMetrics>;

/** What a subgraph counts beside its requests: its database, its audit hand-overs, its outboxes. */
export function subgraphMetrics(registry: Registry, outboxes: () => Promise<OutboxFigures[]>) {
  return {
    commandDuration: new Histogram({
      name: 'mongodb_command_duration_seconds',
      help: 'Time of each MongoDB command this subgraph sent, by collection, command and outcome (ok, error).',
      labelNames: ['collection', 'command', 'outcome'] as const,
      buckets: COMMAND_BUCKETS,
      registers: [registry],
    }),
    auditEvents: new Counter({
      name: 'audit_events_total',
      help: 'Audit records handed over, by outcome: queued (in the outbox to the window), stored (in the archive), failed (neither; the answer was withheld), refused (the audit outbox was full: AUDIT_BACKLOG_FULL).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    outboxFigures: outboxGauges(registry, outboxes),
  };
}

export type SubgraphMetrics = ReturnType<typeof subgraphMetrics>;

/** One outbox's state towards one destination, read from the database when /metrics is scraped. */
export interface OutboxFigures {
  outbox: string;
  destination: string;
  pending: number;
  /** Seconds since the oldest pending message was stored; 0 when none is pending. */
  oldestPendingSeconds: number;
  dead: number;
}

function outboxGauges(registry: Registry, read: () => Promise<OutboxFigures[]>) {
  // One read per scrape, shared by the three gauges (prom-client collects them one after another).
  let reading: Promise<OutboxFigures[]> | null = null;
  const figures = () => {
    reading ??= read().finally(() => setTimeout(() => (reading = null), 0));
    return reading;
  };
  const labelNames = ['outbox', 'destination'] as const;
  const gauge = (name: string, help: string, value: (figure: OutboxFigures) => number) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        for (const figure of await figures()) this.set({ outbox: figure.outbox, destination: figure.destination }, value(figure));
      },
    });
  return [
    gauge('outbox_pending_messages', 'Messages waiting in an outbox to be delivered, by outbox and destination.', (figure) => figure.pending),
    gauge('outbox_oldest_pending_age_seconds', 'Age of the oldest message still waiting in an outbox, by outbox and destination (0: none waiting).', (figure) => figure.oldestPendingSeconds),
    gauge('outbox_dead_letters', 'Messages dead-lettered in an outbox (refused for good or tried too often), by outbox and destination.', (figure) => figure.dead),
  ];
}
