// The outbox behind the departments' audit hand-overs: a message is delivered until accepted, with
// growing delays; a process that dies mid-delivery loses nothing (the lease runs out and the
// message is claimed again); a key is written once; two senders on one collection deliver each
// message once; a message refused for good is dead-lettered, not retried for ever, until revived.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { TestClock } from '../../test/environment';
import { connectDepartmentDb, type DepartmentDb } from './mongo';
import { GraphQLCallError } from './graphql-client';
import { createOutbox, outboxRetentionSeconds, type OutboxMessage } from './outbox';

let db: DepartmentDb;
const clock = new TestClock();
let attempts: string[] = [];
let failuresLeft = 0;
let refuseForGood = false;

const outbox = () =>
  createOutbox(db.connection, 'test_outbox', {
    clock: clock.now,
    baseDelayMs: 1000,
    leaseMs: 60_000,
    deliver: async (message: OutboxMessage) => {
      attempts.push(message.key);
      if (refuseForGood) throw new GraphQLCallError('refused', [{ message: '审计事件格式不正确', extensions: { code: 'BAD_USER_INPUT' } }]);
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('department down');
      }
    },
  });

beforeAll(async () => {
  db = await connectDepartmentDb(inject('mongoUri'), `unit_${randomBytes(4).toString('hex')}`);
  await outbox().model.init();
});
beforeEach(async () => {
  attempts = [];
  failuresLeft = 0;
  refuseForGood = false;
  await outbox().model.deleteMany({});
});
afterAll(() => db.close());

describe('outbox', () => {
  it('lets MongoDB remove delivered messages after OUTBOX_RETENTION_DAYS (30), never pending or dead ones', async () => {
    const indexes = await outbox().model.collection.indexes();
    expect(indexes.find((index) => index.key.deliveredAt === 1)).toMatchObject({ expireAfterSeconds: 30 * 24 * 60 * 60 });
    expect(outboxRetentionSeconds({ OUTBOX_RETENTION_DAYS: '7' })).toBe(7 * 24 * 60 * 60);
    expect(() => outboxRetentionSeconds({ OUTBOX_RETENTION_DAYS: 'forever' })).toThrow(/OUTBOX_RETENTION_DAYS/);
    // Only delivered messages have a deliveredAt for the TTL monitor to read.
    const box = outbox();
    await box.enqueue([{ key: 'kept', destination: 'legal', payload: {} }]);
    expect((await box.model.findOne({ key: 'kept' }).lean<OutboxMessage>())!.deliveredAt).toBeNull();
  });

  it('delivers each message once and marks it delivered', async () => {
    const box = outbox();
    await box.enqueue([
      { key: 'a', destination: 'household', payload: { n: 1 } },
      { key: 'b', destination: 'customs', payload: { n: 2 } },
    ]);
    await box.drain();
    await box.drain();
    expect(attempts.sort()).toEqual(['a', 'b']);
    expect(await box.model.countDocuments({ status: 'DELIVERED' })).toBe(2);
  });

  it('retries a refused delivery later, with a growing delay, until it is accepted', async () => {
    const box = outbox();
    failuresLeft = 2;
    await box.enqueue([{ key: 'a', destination: 'health', payload: {} }]);
    await box.drain();
    expect(attempts).toEqual(['a']);
    await box.drain(); // not due yet: the first retry waits 1 s
    expect(attempts).toEqual(['a']);
    clock.advance(1000);
    await box.drain();
    expect(attempts).toEqual(['a', 'a']);
    clock.advance(1000); // the second retry waits 2 s
    await box.drain();
    expect(attempts).toEqual(['a', 'a']);
    clock.advance(1000);
    await box.drain();
    expect(attempts).toEqual(['a', 'a', 'a']);
    const message = await box.model.findOne({ key: 'a' }).lean();
    expect({ status: message!.status, attempts: message!.attempts, lastError: message!.lastError }).toEqual({ status: 'DELIVERED', attempts: 3, lastError: null });
  });

  it('claims again a message whose deliverer died mid-delivery, once the lease has run out', async () => {
    const box = outbox();
    await box.enqueue([{ key: 'a', destination: 'legal', payload: {} }]);
    // A process claimed it and died before finishing: the lease is set, the message still pending.
    await box.model.updateOne({ key: 'a' }, { $set: { lockedUntil: new Date(clock.now().getTime() + 60_000) } });
    await box.drain();
    expect(attempts).toEqual([]);
    clock.advance(60_000);
    await box.drain();
    expect(attempts).toEqual(['a']);
  });

  it('writes a key once: the same message again is kept as it was, nothing duplicated', async () => {
    const box = outbox();
    await box.enqueue([{ key: 'a', destination: 'housing', payload: { n: 1 } }]);
    await box.enqueue([{ key: 'a', destination: 'housing', payload: { n: 2 } }, { key: 'b', destination: 'housing', payload: {} }]);
    expect((await box.model.find({}).sort({ key: 1 }).lean()).map((message) => [message.key, message.payload])).toEqual([['a', { n: 1 }], ['b', {}]]);
  });

  it('delivers each message once when two senders work one collection', async () => {
    const [one, two] = [outbox(), outbox()];
    await one.enqueue(Array.from({ length: 30 }, (_, n) => ({ key: `m${n}`, destination: 'legal', payload: {} })));
    one.start();
    two.start();
    await Promise.all([one.drain(), two.drain(), one.drain(), two.drain()]);
    await Promise.all([one.stop(), two.stop()]);
    expect(attempts.length).toBe(30);
    expect(new Set(attempts).size).toBe(30);
  });

  it('dead-letters a message refused for good, with its last error, and sends it again when revived', async () => {
    const box = outbox();
    refuseForGood = true;
    await box.enqueue([{ key: 'a', destination: 'talent', payload: {} }]);
    await box.drain();
    clock.advance(3_600_000);
    await box.drain();
    expect(attempts).toEqual(['a']);
    expect(await box.model.findOne({ key: 'a' }).lean()).toMatchObject({ status: 'DEAD', attempts: 1, lastError: expect.stringContaining('refused') });
    refuseForGood = false;
    expect(await box.retryDead()).toBe(1);
    await box.drain();
    expect(attempts).toEqual(['a', 'a']);
    expect(await box.model.findOne({ key: 'a' }).lean()).toMatchObject({ status: 'DELIVERED' });
  });
});

describe('an outbox that hands over in batches (issue 12)', () => {
  let calls: string[][] = [];
  let badKey: string | null = null;
  const batched = (options: { batchSize?: number; batchBytes?: number } = {}) =>
    createOutbox(db.connection, 'test_outbox', {
      clock: clock.now,
      baseDelayMs: 1000,
      leaseMs: 60_000,
      ...options,
      deliverBatch: async (messages: OutboxMessage[]) => {
        calls.push(messages.map((message) => message.key));
        // The window refuses a whole call that holds one malformed record.
        if (badKey && messages.some((message) => message.key === badKey)) throw new GraphQLCallError('refused', [{ message: '格式不正确', extensions: { code: 'BAD_USER_INPUT' } }]);
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('window down');
        }
      },
    });
  const keys = (n: number) => Array.from({ length: n }, (_, index) => `m${String(index).padStart(2, '0')}`);
  beforeEach(() => {
    calls = [];
    badKey = null;
  });

  it('delivers a round of due messages in one call, with a few commands for the whole round', async () => {
    const box = batched({ batchSize: 50 });
    await box.enqueue(keys(30).map((key) => ({ key, destination: 'talent', payload: { events: [] } })));
    const commands: string[] = [];
    const count = (event: { commandName: string }) => void commands.push(event.commandName);
    db.connection.getClient().on('commandStarted', count);
    await box.drain();
    db.connection.getClient().off('commandStarted', count);
    expect(calls).toEqual([keys(30)]);
    // Claim (find, updateMany) and delivered (updateMany): not three per message.
    expect(commands).toEqual(['find', 'update', 'update']);
    expect(await box.model.countDocuments({ status: 'DELIVERED' })).toBe(30);
    expect(await box.waiting()).toBe(0);
  });

  it('keeps a call within its byte budget and a round within its size', async () => {
    const box = batched({ batchSize: 4, batchBytes: 250 });
    await box.enqueue(keys(6).map((key) => ({ key, destination: 'talent', payload: { text: 'x'.repeat(100) } })));
    await box.drain();
    // Two messages of ~113 bytes fit in 250; a round claims 4.
    expect(calls).toEqual([['m00', 'm01'], ['m02', 'm03']]);
    await box.drain();
    expect(calls.slice(2)).toEqual([['m04', 'm05']]);
  });

  it('retries a failed call as a whole, and sends a call refused for good one by one so only the bad message is dead-lettered', async () => {
    const box = batched();
    failuresLeft = 1;
    await box.enqueue(keys(3).map((key) => ({ key, destination: 'talent', payload: {} })));
    await box.drain();
    expect(await box.waiting()).toBe(3);
    clock.advance(1000);
    badKey = 'm01';
    await box.drain();
    expect(calls).toEqual([keys(3), keys(3), ['m00'], ['m01'], ['m02']]);
    expect((await box.model.find({}).sort({ key: 1 }).lean()).map((message) => [message.key, message.status, message.attempts])).toEqual([
      ['m00', 'DELIVERED', 2],
      ['m01', 'DEAD', 2],
      ['m02', 'DELIVERED', 2],
    ]);
    // A dead letter still waits: it counts against the audit outbox's bound until it is revived and delivered.
    expect(await box.waiting()).toBe(1);
  });

  it('delivers each message once when two senders work one collection', async () => {
    const [one, two] = [batched({ batchSize: 7 }), batched({ batchSize: 7 })];
    await one.enqueue(keys(40).map((key) => ({ key, destination: 'talent', payload: {} })));
    one.start();
    two.start();
    await Promise.all([one.drain(), two.drain(), one.drain(), two.drain()]);
    await Promise.all([one.stop(), two.stop()]);
    const delivered = calls.flat();
    expect(delivered.length).toBe(40);
    expect(new Set(delivered).size).toBe(40);
  });
});
