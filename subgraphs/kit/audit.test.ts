// The audit trail of one request (kit/audit.ts): one record listing every talent and field read
// (issue 12), each mutation a record of its own, services left out, and never holding a value the
// archive would refuse.
import { describe, expect, it } from 'vitest';
import { auditBatches, auditEntries, createAuditTrail, MAX_AUDIT_BATCH, MAX_READS_PER_RECORD } from './audit';
import type { Viewer } from './context';

const AT = new Date('2026-11-24T04:00:00Z');
const coordinator: Viewer = { subject: 'c', role: 'coordinator' };
const TALENT = '64C000000000000000000001';
const OTHER = '64c000000000000000000002';

describe('the audit trail', () => {
  it('lists every read of the request in one record, merged per talent and field, and keeps each mutation apart', () => {
    const trail = createAuditTrail('health', 'req-1', coordinator, () => AT);
    trail.read(TALENT, 'Talent.health', ['Talent.health.checkup']);
    trail.read(OTHER, 'Talent.health', ['Talent.health.checkup'], 'FORBIDDEN');
    trail.read(TALENT, 'Talent.health', ['Talent.health.checkupBookings', 'Talent.health.checkup']);
    trail.mutation('bookCheckup', TALENT, 'OK');
    trail.mutation('bookCheckup', TALENT, 'ERROR');
    const records = trail.take();
    expect(records.map((record) => [record.kind, record.outcome, record.reads.length])).toEqual([
      ['READ', 'FORBIDDEN', 2],
      ['MUTATION', 'OK', 1],
      ['MUTATION', 'ERROR', 1],
    ]);
    expect(auditEntries(records).map((entry) => [entry.kind, entry.talentId, entry.operation, entry.fields, entry.outcome])).toEqual([
      ['READ', TALENT.toLowerCase(), 'Talent.health', ['Talent.health.checkup', 'Talent.health.checkupBookings'], 'OK'],
      ['READ', OTHER, 'Talent.health', ['Talent.health.checkup'], 'FORBIDDEN'],
      ['MUTATION', TALENT.toLowerCase(), 'Mutation.bookCheckup', ['Mutation.bookCheckup'], 'OK'],
      ['MUTATION', TALENT.toLowerCase(), 'Mutation.bookCheckup', ['Mutation.bookCheckup'], 'ERROR'],
    ]);
    expect(records.every((record) => record.requestId === 'req-1' && record.at === AT.toISOString() && record.source === 'health')).toBe(true);
    expect(new Set(records.map((record) => record.id)).size).toBe(3);
    expect(trail.take()).toEqual([]);
  });

  it('makes one record of a page of talents, several only past MAX_READS_PER_RECORD reads', () => {
    const trail = createAuditTrail('talent', 'req-5', coordinator, () => AT);
    const page = (n: number) => Array.from({ length: n }, (_, index) => `64c${String(index).padStart(21, '0')}`);
    for (const talentId of page(100)) {
      trail.read(talentId, 'Talent.phone', ['Talent.phone(full)']);
      trail.read(talentId, 'IdDocument.number', ['IdDocument.number(full)']);
    }
    const [record, ...rest] = trail.take();
    expect(rest).toEqual([]);
    expect(record.reads).toHaveLength(200);
    expect(record.reads.slice(0, 2)).toEqual([
      { talentId: page(1)[0], operation: 'IdDocument.number', fields: ['IdDocument.number(full)'], outcome: 'OK' },
      { talentId: page(1)[0], operation: 'Talent.phone', fields: ['Talent.phone(full)'], outcome: 'OK' },
    ]);
    for (const talentId of page(MAX_READS_PER_RECORD + 1)) trail.read(talentId, 'Talent.phone', ['Talent.phone']);
    expect(trail.take().map((many) => many.reads.length)).toEqual([MAX_READS_PER_RECORD, 1]);
  });

  it('does not keep a malformed talent id from a caller', () => {
    const trail = createAuditTrail('health', 'req-2', coordinator, () => AT);
    trail.mutation('bookCheckup', 'nope', 'ERROR');
    expect(trail.take()[0].reads[0].talentId).toBeNull();
  });

  it('leaves services out: what they do follows from an audited call', () => {
    const trail = createAuditTrail('legal', 'req-3', { subject: 'subgraph:talent', role: 'service' }, () => AT);
    trail.read(TALENT, 'Talent.legal', ['Talent.legal.openCount']);
    trail.mutation('receiveLegalCaseTask', TALENT, 'OK');
    expect(trail.take()).toEqual([]);
  });
});

describe('hand-overs to the window', () => {
  it('never carry more records than the window takes at once', () => {
    const trail = createAuditTrail('health', 'req-4', coordinator, () => AT);
    for (let n = 0; n < 2 * MAX_AUDIT_BATCH + 1; n += 1) trail.mutation('bookCheckup', TALENT, 'OK');
    const records = trail.take();
    expect(auditBatches(records).map((batch) => batch.length)).toEqual([MAX_AUDIT_BATCH, MAX_AUDIT_BATCH, 1]);
    expect(auditBatches(records).flat()).toEqual(records);
    expect(auditBatches([])).toEqual([]);
  });
});
