// The audit trail of one request (kit/audit.ts): merged per talent and field, services left out,
// and never holding a value the archive would refuse.
import { describe, expect, it } from 'vitest';
import { auditBatches, createAuditTrail, MAX_AUDIT_BATCH } from './audit';
import type { Viewer } from './context';

const AT = new Date('2026-11-24T04:00:00Z');
const coordinator: Viewer = { subject: 'c', role: 'coordinator' };
const TALENT = '64C000000000000000000001';

describe('the audit trail', () => {
  it('merges the reads of one talent and field, and keeps each mutation apart', () => {
    const trail = createAuditTrail('health', 'req-1', coordinator, () => AT);
    trail.read(TALENT, 'Talent.health', ['Talent.health.checkup']);
    trail.read(TALENT, 'Talent.health', ['Talent.health.checkupBookings', 'Talent.health.checkup']);
    trail.mutation('bookCheckup', TALENT, 'OK');
    trail.mutation('bookCheckup', TALENT, 'ERROR');
    const events = trail.take();
    expect(events.map((event) => [event.kind, event.talentId, event.operation, event.fields, event.outcome])).toEqual([
      ['READ', TALENT.toLowerCase(), 'Talent.health', ['Talent.health.checkup', 'Talent.health.checkupBookings'], 'OK'],
      ['MUTATION', TALENT.toLowerCase(), 'Mutation.bookCheckup', ['Mutation.bookCheckup'], 'OK'],
      ['MUTATION', TALENT.toLowerCase(), 'Mutation.bookCheckup', ['Mutation.bookCheckup'], 'ERROR'],
    ]);
    expect(events.every((event) => event.requestId === 'req-1' && event.at === AT.toISOString() && event.source === 'health')).toBe(true);
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
    expect(trail.take()).toEqual([]);
  });

  it('does not keep a malformed talent id from a caller', () => {
    const trail = createAuditTrail('health', 'req-2', coordinator, () => AT);
    trail.mutation('bookCheckup', 'nope', 'ERROR');
    expect(trail.take()[0].talentId).toBeNull();
  });

  it('leaves services out: what they do follows from an audited call', () => {
    const trail = createAuditTrail('legal', 'req-3', { subject: 'subgraph:talent', role: 'service' }, () => AT);
    trail.read(TALENT, 'Talent.legal', ['Talent.legal.openCount']);
    trail.mutation('receiveLegalCaseTask', TALENT, 'OK');
    expect(trail.take()).toEqual([]);
  });
});

describe('hand-overs to the window', () => {
  it('never carry more events than the window takes at once', () => {
    const trail = createAuditTrail('health', 'req-4', coordinator, () => AT);
    for (let n = 0; n < 2 * MAX_AUDIT_BATCH + 1; n += 1) trail.read(`64c${String(n).padStart(21, '0')}`, 'Talent.health', ['Talent.health.checkup']);
    const events = trail.take();
    expect(auditBatches(events).map((batch) => batch.length)).toEqual([MAX_AUDIT_BATCH, MAX_AUDIT_BATCH, 1]);
    expect(auditBatches(events).flat()).toEqual(events);
    expect(auditBatches([])).toEqual([]);
  });
});
