// A department's audit outbox is bounded (issue 12): past its limit of waiting messages an audited
// read is refused with AUDIT_BACKLOG_FULL — the caller retries later, no record is dropped — while
// a mutation's records are always queued (its attempt must be on record before its effect). Once
// the window has taken the backlog, reads are recorded again.
import { randomBytes } from 'node:crypto';
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
    const sink = auditOutbox(db.connection, testEnvironment({}), { limit: 3, batchMessages: 50, batchBytes: 512 * 1024 });
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
