// The kit's HTTP boundary, observed (issue 11): one log line per request with its request id, trace
// id, operation, role, duration and outcome; an unexpected error logged once with its stack while
// the caller gets no stack; /metrics in Prometheus text with HELP/TYPE; /health/live and
// /health/ready; a caller's W3C traceparent continued; LOG_LEVEL checked.
import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveGraphQL, type Listening } from '../http';
import { createLogger, logLevelOf } from './logger';
import { createServiceMetrics } from './metrics';
import { observabilityPlugin } from './requests';
import { startTracing } from './tracing';

const lines: Record<string, unknown>[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
const spans = new InMemorySpanExporter();
let listening: Listening;
let ready = true;

beforeAll(async () => {
  startTracing('unit', { exporter: spans, env: {} });
  const logger = createLogger({ destination, level: 'info', env: {} }).child({ service: 'unit' });
  const apollo = new ApolloServer<{ viewer: { role: string } | null }>({
    typeDefs: /* GraphQL */ `type Query { hello: String, boom: String }`,
    resolvers: {
      Query: {
        hello: () => 'world',
        boom: () => {
          throw new Error('the disk is on fire');
        },
      },
    },
    plugins: [observabilityPlugin(logger)],
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  listening = await serveGraphQL(apollo, {
    port: 0,
    service: 'unit',
    logger,
    metrics: createServiceMetrics(),
    context: async (request) => ({ viewer: request.headers['x-role'] ? { role: String(request.headers['x-role']) } : null }),
    health: () => ({ ready: true }),
    ready: async () => ({ ready, database: { reachable: ready } }),
  });
});
afterAll(() => listening.close());
beforeEach(() => {
  lines.length = 0;
  spans.reset();
});

const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(listening.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

describe('observability at the HTTP boundary', () => {
  it('logs one line per request with its request id, trace id, operation, role, duration and outcome', async () => {
    const response = await post('query Hello { hello }', { 'x-request-id': 'req-hello-1', 'x-role': 'coordinator' });
    expect(await response.json()).toEqual({ data: { hello: 'world' } });
    const requestLines = lines.filter((line) => line.requestId === 'req-hello-1');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ level: 30, service: 'unit', requestId: 'req-hello-1', operation: 'Hello', role: 'coordinator', outcome: 'ok', status: 200 });
    expect(requestLines[0].traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof requestLines[0].durationMs).toBe('number');
  });

  it('logs an unexpected error once, with its stack, and answers without one', async () => {
    const response = await post('query Boom { boom }', { 'x-request-id': 'req-boom-1' });
    const body = (await response.json()) as { data: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.data).toEqual({ boom: null });
    expect(JSON.stringify(body)).not.toContain('observability.test');
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
    const errorLines = lines.filter((line) => line.level === 50);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({ requestId: 'req-boom-1', operation: 'Boom', path: ['boom'] });
    expect((errorLines[0].err as { stack: string }).stack).toContain('observability.test.ts');
    expect(lines.filter((line) => line.requestId === 'req-boom-1' && line.level === 30)).toEqual([
      expect.objectContaining({ outcome: 'partial', errorCodes: ['INTERNAL_SERVER_ERROR'], role: 'anonymous' }),
    ]);
  });

  it('continues the caller\'s trace (W3C traceparent) in its server span and log line', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    // A document not seen before: parsed and validated here, not taken from Apollo's document cache.
    await post('query Hello { hello traced: hello }', { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-request-id': 'req-traced' });
    expect(lines.find((line) => line.requestId === 'req-traced')?.traceId).toBe(traceId);
    const finished = spans.getFinishedSpans();
    const server = finished.find((span) => span.kind === SpanKind.SERVER)!;
    expect(server.spanContext().traceId).toBe(traceId);
    expect(server.parentSpanId).toBe('00f067aa0ba902b7');
    expect(server.attributes['graphql.operation.name']).toBe('Hello');
    // The request's GraphQL phases, beneath it.
    const phases = finished.filter((span) => span.name.startsWith('graphql.'));
    expect(phases.map((span) => span.name)).toEqual(['graphql.parse', 'graphql.validate', 'graphql.execute']);
    for (const span of phases) expect(span.parentSpanId, span.name).toBe(server.spanContext().spanId);
  });

  it('answers /metrics in Prometheus text, with HELP and TYPE, process metrics and requests by operation and outcome', async () => {
    await post('query Hello { hello }');
    await post('{ hello }');
    await fetch(listening.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    const response = await fetch(listening.url.replace('/graphql', '/metrics'));
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# HELP graphql_requests_total ');
    expect(text).toContain('# TYPE graphql_requests_total counter');
    expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('graphql_requests_total{operation="anonymous",outcome="ok"} 1');
    expect(text).toContain('graphql_requests_total{operation="anonymous",outcome="rejected"} 1');
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="Hello",outcome="ok"\} [1-9]/);
  });

  it('answers /health/live while the process runs and /health/ready with what it checked', async () => {
    const base = listening.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ live: true, service: 'unit' });
    const readyNow = await fetch(`${base}/health/ready`);
    expect([readyNow.status, await readyNow.json()]).toEqual([200, { ready: true, database: { reachable: true } }]);
    ready = false;
    const notReady = await fetch(`${base}/health/ready`);
    expect([notReady.status, await notReady.json()]).toEqual([503, { ready: false, database: { reachable: false } }]);
    ready = true;
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});

describe('settings', () => {
  it('reads LOG_LEVEL, refuses an unknown one, and keeps tests quiet unless TEST_LOG asks', () => {
    expect(logLevelOf({ LOG_LEVEL: 'warn' })).toBe('warn');
    expect(() => logLevelOf({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL');
    expect(logLevelOf({ NODE_ENV: 'test' })).toBe('silent');
    expect(logLevelOf({ NODE_ENV: 'test', TEST_LOG: '1' })).toBe('info');
    expect(logLevelOf({ NODE_ENV: 'production' })).toBe('info');
  });

  it('bounds the operation label: names past the limit count as "other", malformed ones as "invalid"', () => {
    const metrics = createServiceMetrics();
    for (let n = 0; n < 200; n += 1) expect(metrics.operationLabel(`Op${n}`)).toBe(`Op${n}`);
    expect(metrics.operationLabel('Op200')).toBe('other');
    expect(metrics.operationLabel('Op7')).toBe('Op7');
    expect(metrics.operationLabel('drop table;')).toBe('invalid');
    expect(metrics.operationLabel(null)).toBe('anonymous');
  });
});
