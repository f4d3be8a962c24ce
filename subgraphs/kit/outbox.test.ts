// The outbox behind 并行办理 and the departments' reports (DESIGN.md "The flow of a case"):
// a message is delivered until accepted, with growing delays; a process that dies mid-delivery
// loses nothing (the lease runs out and the message is claimed again); a key is written once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { TestClock } from '../../test/environment';
import { connectDepartmentDb, type DepartmentDb } from './mongo';
import { createOutbox, type OutboxMessage } from './outbox';

let db: DepartmentDb;
const clock = new TestClock();
let attempts: string[] = [];
let failuresLeft = 0;

const outbox = () =>
  createOutbox(db.connection, 'test_outbox', {
    clock: clock.now,
    baseDelayMs: 1000,
    leaseMs: 60_000,
    deliver: async (message: OutboxMessage) => {
      attempts.push(message.key);
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
  await outbox().model.deleteMany({});
});
afterAll(() => db.close());

describe('outbox', () => {
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

  it('writes a key once: the same message twice is refused, nothing duplicated', async () => {
    const box = outbox();
    await box.enqueue([{ key: 'a', destination: 'housing', payload: {} }]);
    await expect(box.enqueue([{ key: 'a', destination: 'housing', payload: {} }])).rejects.toMatchObject({ code: 11000 });
    expect(await box.model.countDocuments({})).toBe(1);
  });
});
