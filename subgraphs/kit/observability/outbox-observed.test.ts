// An outbox, observed (issue 11): a retry is logged at warn and a dead letter at error, with the
// message's key and destination; the figures /metrics shows (pending, oldest pending age, dead
// letters by destination) come from the database; a message keeps the trace of the request that
// stored it, and its delivery — however late — is a span of that trace.
import { randomBytes } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { TestClock } from '../../../test/environment';
import { GraphQLCallError } from '../graphql-client';
import { connectDepartmentDb, type CommandSample, type DepartmentDb } from '../mongo';
import { createOutbox, outboxFigures, type OutboxMessage } from '../outbox';
import type { LogLevel } from './logger';
import { startTracing, tracer, traceHeaders } from './tracing';

let db: DepartmentDb;
const clock = new TestClock();
const spans = new InMemorySpanExporter();
const logged: { message: string; level: LogLevel; fields: Record<string, unknown> }[] = [];
const commands: CommandSample[] = [];
let answer: () => void = () => {};
const delivered: { key: string; traceparent: string | undefined }[] = [];

const outbox = () =>
  createOutbox(db.connection, 'observed_outbox', {
    clock: clock.now,
    baseDelayMs: 1000,
    log: (message, level = 'info', fields = {}) => void logged.push({ message, level, fields }),
    deliver: async (message: OutboxMessage) => {
      // What a service call would send on: the active context's traceparent.
      delivered.push({ key: message.key, traceparent: traceHeaders().traceparent });
      answer();
    },
  });

beforeAll(async () => {
  startTracing('unit', { exporter: spans, env: {} });
  db = await connectDepartmentDb(inject('mongoUri'), `unit_${randomBytes(4).toString('hex')}`, (sample) => commands.push(sample));
  await outbox().model.init();
});
beforeEach(async () => {
  logged.length = 0;
  delivered.length = 0;
  answer = () => {};
  spans.reset();
  await outbox().model.deleteMany({});
});
afterAll(() => db.close());

describe('an observed outbox', () => {
  it('logs a retry at warn and a dead letter at error, naming the message', async () => {
    const box = outbox();
    await box.enqueue([{ key: 'k-retry', destination: 'talent', payload: {} }]);
    answer = () => {
      throw new Error('window down');
    };
    await box.drain();
    expect(logged).toEqual([
      { message: expect.stringContaining('not delivered (attempt 1'), level: 'warn', fields: expect.objectContaining({ outbox: 'observed_outbox', key: 'k-retry', destination: 'talent', attempts: 1 }) },
    ]);

    logged.length = 0;
    await box.enqueue([{ key: 'k-dead', destination: 'legal', payload: {} }]);
    answer = () => {
      throw new GraphQLCallError('refused', [{ message: '格式不正确', extensions: { code: 'BAD_USER_INPUT' } }]);
    };
    await box.drain();
    expect(logged).toEqual([
      { message: expect.stringContaining('dead-lettered after 1 attempt'), level: 'error', fields: expect.objectContaining({ key: 'k-dead', destination: 'legal', attempts: 1 }) },
    ]);
  });

  it('reports pending messages, the oldest one\'s age and dead letters by destination', async () => {
    const model = outbox().model;
    const now = clock.now();
    const message = (key: string, destination: string, status: string, ageSeconds: number) => ({
      key,
      destination,
      payload: {},
      status,
      attempts: 0,
      nextAttemptAt: new Date(now.getTime() + 3600_000),
      lockedUntil: null,
      lastError: null,
      deliveredAt: null,
      trace: null,
      createdAt: new Date(now.getTime() - ageSeconds * 1000),
      updatedAt: now,
    });
    await model.collection.insertMany([
      message('a', 'talent', 'PENDING', 120),
      message('b', 'talent', 'PENDING', 30),
      message('c', 'talent', 'DEAD', 500),
      message('d', 'legal', 'DEAD', 10),
      message('e', 'legal', 'DELIVERED', 900),
    ]);
    const figures = await outboxFigures(db.connection, now);
    expect(figures.map((figure) => ({ ...figure, oldestPendingSeconds: Math.round(figure.oldestPendingSeconds) }))).toEqual([
      { outbox: 'observed_outbox', destination: 'legal', pending: 0, oldestPendingSeconds: 0, dead: 1 },
      { outbox: 'observed_outbox', destination: 'talent', pending: 2, oldestPendingSeconds: 120, dead: 1 },
    ]);
  });

  it('delivers a message in the trace of the request that stored it', async () => {
    const box = outbox();
    const stored = await tracer().startActiveSpan('request that stores', async (span) => {
      await box.enqueue([{ key: 'k-traced', destination: 'talent', payload: {} }]);
      span.end();
      return span.spanContext();
    });
    // Delivered later, from no request at all.
    await context.with(trace.deleteSpan(context.active()), () => box.drain());
    const deliverySpan = spans.getFinishedSpans().find((span) => span.name === 'outbox observed_outbox deliver')!;
    expect(deliverySpan.spanContext().traceId).toBe(stored.traceId);
    expect(deliverySpan.parentSpanId).toBe(stored.spanId);
    expect(delivered).toEqual([{ key: 'k-traced', traceparent: `00-${stored.traceId}-${deliverySpan.spanContext().spanId}-01` }]);
  });

  it('times every command by collection and command', () => {
    expect(commands).toContainEqual(expect.objectContaining({ command: 'insert', collection: 'observed_outbox', ok: true, seconds: expect.any(Number) }));
    expect(commands).toContainEqual(expect.objectContaining({ command: 'find', collection: 'observed_outbox' }));
  });
});
