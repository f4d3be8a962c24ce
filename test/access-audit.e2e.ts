// 统一建档 of access (issue 4): every mutation and every read of health, legal, ID number and phone
// data, in whichever subgraph it happens, reaches the one archive at the window — who, role, which
// talent, which fields, when, the request id — and only coordinators read it. A request's reads are
// one record per subgraph listing each talent and field (issue 12); each mutation is a record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../subgraphs/kit/dates';
import { eventually, startHarness, type Harness } from './harness';
import { BAIYUN, staff, withTestTalents } from './cases';
import { bearer, COORDINATOR } from './tokens';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

interface AuditNode {
  requestId: string;
  subject: string;
  role: string;
  department: string | null;
  kind: string;
  outcome: string;
  source: string;
  reads: { talentId: string | null; operation: string; fields: string[]; outcome: string }[];
}

const AUDIT = /* GraphQL */ `
  query($filter: AuditEventFilter) {
    auditEvents(first: 100, filter: $filter) { edges { node { requestId subject role department kind outcome source reads { talentId operation fields outcome } } } }
  }
`;

async function auditOf(requestId: string, count: number): Promise<AuditNode[]> {
  const read = async () => {
    const answer = await harness.query<{ auditEvents: { edges: { node: AuditNode }[] } }>(AUDIT, { filter: { requestId } });
    return answer.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
  };
  // Departments hand their events over through an outbox: wait for all of them.
  const events = await eventually(read, (found) => found.length >= count);
  return events.sort((a, b) => a.source.localeCompare(b.source) || a.reads[0].operation.localeCompare(b.reads[0].operation) || a.outcome.localeCompare(b.outcome));
}

const holder = { subject: 'holder-chen', role: 'talent' as const, talentId: BAIYUN };

describe('the audit archive', () => {
  it('records every sensitive read of one request, in every subgraph, under its request id', async () => {
    const query = `query($id: ID!) { talent(id: $id) { phone(full: true) idDocument { number } health { checkup { remaining } } legal { openCount } household { transfers { id } } } }`;
    const answer = await harness.query(query, { id: BAIYUN }, { 'x-request-id': 'audit-read-0001' });
    expect(answer.errors).toBeUndefined();
    const common = { requestId: 'audit-read-0001', subject: COORDINATOR.subject, role: 'COORDINATOR', department: null, kind: 'READ', outcome: 'OK' };
    const read = (operation: string, fields: string[]) => ({ talentId: BAIYUN, operation, fields, outcome: 'OK' });
    // One record per subgraph that read something sensitive; household data is not sensitive in the sense: no record for it.
    expect(await auditOf('audit-read-0001', 3)).toEqual([
      { ...common, source: 'health', reads: [read('Talent.health', ['Talent.health.checkup'])] },
      { ...common, source: 'legal', reads: [read('Talent.legal', ['Talent.legal.openCount'])] },
      { ...common, source: 'talent', reads: [read('IdDocument.number', ['IdDocument.number']), read('Talent.phone', ['Talent.phone(full)'])] },
    ]);
  });

  it('replaces a request id that is not a plain short token, and still records the read', async () => {
    const reader = await bearer({ subject: 'coordinator-long-id', role: 'coordinator' });
    const answer = await harness.query(`query($id: ID!) { talent(id: $id) { phone } }`, { id: BAIYUN }, { ...reader, 'x-request-id': 'x'.repeat(101) });
    expect(answer.errors).toBeUndefined();
    const AUDIT_BY = `query($subject: String) { auditEvents(filter: { subject: $subject }) { edges { node { requestId reads { operation } } } } }`;
    const events = await eventually(
      async () => (await harness.query<{ auditEvents: { edges: { node: { requestId: string; reads: { operation: string }[] } }[] } }>(AUDIT_BY, { subject: 'coordinator-long-id' })).data?.auditEvents.edges ?? [],
      (edges) => edges.length === 1,
    );
    expect(events[0].node.reads).toEqual([{ operation: 'Talent.phone' }]);
    expect(events[0].node.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records refused reads as FORBIDDEN', async () => {
    const answer = await harness.query(`query($id: ID!) { talent(id: $id) { id health { checkup { remaining } } } }`, { id: BAIYUN }, { ...(await staff('housing')), 'x-request-id': 'audit-refused-01' });
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await auditOf('audit-refused-01', 1)).toMatchObject([{ role: 'DEPARTMENT_STAFF', department: 'HOUSING', outcome: 'FORBIDDEN', source: 'health', reads: [{ talentId: BAIYUN, operation: 'Talent.health', outcome: 'FORBIDDEN' }] }]);
  });

  it('records every mutation, whoever calls it and however it ends', async () => {
    const book = `mutation($input: BookCheckupInput!) { bookCheckup(input: $input) { id } }`;
    const input = { talentId: BAIYUN, program: 'BAIYUN_YUNJU', kind: 'HEALTH_CHECKUP', preferredDate: addDays(todayInChina(harness.clock.now()), 5) };
    const booked = await harness.query(book, { input }, { ...(await bearer(holder)), 'x-request-id': 'audit-mutation-1' });
    expect(booked.errors).toBeUndefined();
    // The attempt is recorded before the booking is written, the outcome with the answer.
    const booking = { requestId: 'audit-mutation-1', subject: 'holder-chen', role: 'TALENT', department: null, kind: 'MUTATION', source: 'health' };
    const called = (outcome: string) => [{ talentId: BAIYUN, operation: 'Mutation.bookCheckup', fields: ['Mutation.bookCheckup'], outcome }];
    expect(await auditOf('audit-mutation-1', 2)).toEqual([
      { ...booking, outcome: 'ATTEMPTED', reads: called('ATTEMPTED') },
      { ...booking, outcome: 'OK', reads: called('OK') },
    ]);

    const refused = await harness.query(book, { input }, { ...(await staff('housing')), 'x-request-id': 'audit-mutation-2' });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await auditOf('audit-mutation-2', 1)).toMatchObject([{ outcome: 'FORBIDDEN', reads: called('FORBIDDEN') }]);

    // A second booking in the year breaks the rule (000 十一: once a year): audited as ERROR.
    const again = await harness.query(book, { input }, { ...(await bearer(holder)), 'x-request-id': 'audit-mutation-3' });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await auditOf('audit-mutation-3', 2)).toMatchObject([
      { outcome: 'ATTEMPTED', reads: called('ATTEMPTED') },
      { outcome: 'ERROR', reads: called('ERROR') },
    ]);
  });

  it('is read by coordinators only, and cannot be written through the graph', async () => {
    for (const headers of [await bearer({ subject: 's', role: 'specialist' }), await bearer({ subject: 'a', role: 'analyst' }), await bearer(holder), await staff('health')]) {
      const answer = await harness.query(AUDIT, {}, headers);
      expect(answer.data).toEqual({ auditEvents: null });
      expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const write = await harness.query(`mutation { recordAuditEvents(events: []) }`);
    expect(write.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
