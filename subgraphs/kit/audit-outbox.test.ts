// A department's audit outbox is bounded (issue 12): past its limit of waiting messages an audited
// read is refused with AUDIT_BACKLOG_FULL — the caller retries later, no record is dropped — while
// a mutation's records are always queued (its attempt must be on record before its effect). Once
// the window has taken the backlog, reads are recorded again. Records queued together go to the
// window in one hand-over.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testEnvironment } from '../../test/environment';
import { auditOutbox, createAuditTrail, type AuditEvent } from './audit';
import type { Viewer } from './context';
import { connectDepartmentDb, type DepartmentDb } from './mongo';

let db: DepartmentDb;
beforeAll(async () => {
  db = await connectDepartmentDb(inject('mongoUri'), `unit_${randomBytes(4).toString('hex')}`);
});
afterAll(() => db.close());

const coordinator: Viewer = { subject: 'coordinator-li', role: 'coordinator' };
const TALENT = '64c000000000000000000001';

/** What one request of a dashboard hands over: a record of its reads, or of a mutation. */
function requestRecords(kind: 'READ' | 'MUTATION', n: number): AuditEvent[] {
  const trail = createAuditTrail('health', `req-${n}`, coordinator, () => new Date());
  if (kind === 'READ') trail.read(TALENT, 'Talent.health', ['Talent.health.checkup']);
  else trail.mutation('bookCheckup', TALENT, 'OK');
  return trail.take();
}

describe('the audit outbox bound', () => {
  it('refuses reads past the limit, never drops a record, and takes reads again once the backlog is delivered', async () => {
    // Not started: nothing is delivered, so the backlog only grows.
    const sink = auditOutbox(db.connection, testEnvironment({}), { limit: 3, batchMessages: 50, batchBytes: 512 * 1024, lingerMs: 200, pollMs: 1000 });
    await sink.outbox.model.init();
    for (let n = 1; n <= 3; n += 1) await sink.record(requestRecords('READ', n));

    const refused = sink.record(requestRecords('READ', 4));
    await expect(refused).rejects.toThrow(/审计积压.*audit backlog full/);
    await expect(sink.record(requestRecords('READ', 5))).rejects.toMatchObject({ extensions: { code: 'AUDIT_BACKLOG_FULL', waiting: 3, limit: 3 } });
    expect(await sink.outbox.waiting()).toBe(3);

    // A mutation's record goes in whatever the backlog.
    await sink.record(requestRecords('MUTATION', 6));
    expect(await sink.outbox.waiting()).toBe(4);

    // The window took everything: reads are recorded again (the bound counts afresh, never on a stale figure).
    await sink.outbox.model.updateMany({}, { $set: { status: 'DELIVERED' } });
    await sink.record(requestRecords('READ', 7));
    const stored = await sink.outbox.model.find({}).lean();
    expect(stored.flatMap((message) => (message.payload.events as AuditEvent[]).map((event) => event.requestId)).sort()).toEqual(['req-1', 'req-2', 'req-3', 'req-6', 'req-7']);
    expect(stored.every((message) => (message.payload.events as AuditEvent[]).length === 1)).toBe(true);
  });
});

describe('the hand-over', () => {
  it('carries the records queued within the linger in one call to the window, each stored before its request answered', async () => {
    const calls: string[][] = [];
    const window = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const { variables } = JSON.parse(body) as { variables: { events: AuditEvent[] } };
        calls.push(variables.events.map((event) => event.requestId));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { recordAuditEvents: variables.events.length } }));
      });
    });
    await new Promise<void>((resolve) => window.listen(0, '127.0.0.1', resolve));
    // The outbox's own timer is out of the way: only the linger starts a hand-over.
    const sink = auditOutbox(db.connection, testEnvironment({ talent: `http://127.0.0.1:${(window.address() as AddressInfo).port}/graphql` }), { limit: 100, batchMessages: 50, batchBytes: 512 * 1024, lingerMs: 2000, pollMs: 3_600_000 });
    await sink.outbox.model.deleteMany({});
    sink.start?.();
    try {
      // Five requests at once, each answered once its record is in the outbox: one hand-over for all.
      await Promise.all([11, 12, 13, 14, 15].map((n) => sink.record(requestRecords('READ', n))));
      expect(await sink.outbox.model.countDocuments({ status: 'PENDING' })).toBe(5);
      await expect.poll(() => calls.length, { timeout: 20_000 }).toBe(1);
      expect(calls[0].sort()).toEqual(['req-11', 'req-12', 'req-13', 'req-14', 'req-15']);
      // A later one goes on its own, once its linger is over.
      await sink.record(requestRecords('READ', 16));
      await expect.poll(() => calls.length, { timeout: 20_000 }).toBe(2);
      expect(calls[1]).toEqual(['req-16']);
    } finally {
      await sink.stop?.();
      await new Promise((resolve) => window.close(resolve));
    }
  });
});
