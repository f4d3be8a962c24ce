// 统一建档 of access (issue 4): every mutation and every read of health, legal, ID number and phone
// data, in whichever subgraph it happens, reaches the one archive at the window — who, role, which
// talent, which fields, when, the request id — and only coordinators read it.
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
  talentId: string | null;
  kind: string;
  operation: string;
  fields: string[];
  outcome: string;
  source: string;
}

const AUDIT = /* GraphQL */ `
  query($filter: AuditEventFilter) {
    auditEvents(first: 100, filter: $filter) { edges { node { requestId subject role department talentId kind operation fields outcome source } } }
  }
`;

async function auditOf(requestId: string, count: number): Promise<AuditNode[]> {
  const read = async () => {
    const answer = await harness.query<{ auditEvents: { edges: { node: AuditNode }[] } }>(AUDIT, { filter: { requestId } });
    return answer.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
  };
  // Departments hand their events over through an outbox: wait for all of them.
  const events = await eventually(read, (found) => found.length >= count);
  return events.sort((a, b) => a.operation.localeCompare(b.operation) || a.outcome.localeCompare(b.outcome));
}

const holder = { subject: 'holder-chen', role: 'talent' as const, talentId: BAIYUN };

describe('the audit archive', () => {
  it('records every sensitive read of one request, in every subgraph, under its request id', async () => {
    const query = `query($id: ID!) { talent(id: $id) { phone(full: true) idDocument { number } health { checkup { remaining } } legal { openCount } household { transfers { id } } } }`;
    const answer = await harness.query(query, { id: BAIYUN }, { 'x-request-id': 'audit-read-0001' });
    expect(answer.errors).toBeUndefined();
    const common = { requestId: 'audit-read-0001', subject: COORDINATOR.subject, role: 'COORDINATOR', department: null, talentId: BAIYUN, kind: 'READ', outcome: 'OK' };
    // Household data is not sensitive in the sense: no event for it.
    expect(await auditOf('audit-read-0001', 4)).toEqual([
      { ...common, operation: 'IdDocument.number', fields: ['IdDocument.number'], source: 'talent' },
      { ...common, operation: 'Talent.health', fields: ['Talent.health.checkup'], source: 'health' },
      { ...common, operation: 'Talent.legal', fields: ['Talent.legal.openCount'], source: 'legal' },
      { ...common, operation: 'Talent.phone', fields: ['Talent.phone(full)'], source: 'talent' },
    ]);
  });

  it('replaces a request id that is not a plain short token, and still records the read', async () => {
    const reader = await bearer({ subject: 'coordinator-long-id', role: 'coordinator' });
    const answer = await harness.query(`query($id: ID!) { talent(id: $id) { phone } }`, { id: BAIYUN }, { ...reader, 'x-request-id': 'x'.repeat(101) });
    expect(answer.errors).toBeUndefined();
    const AUDIT_BY = `query($subject: String) { auditEvents(filter: { subject: $subject }) { edges { node { requestId operation } } } }`;
    const events = await eventually(
      async () => (await harness.query<{ auditEvents: { edges: { node: { requestId: string; operation: string } }[] } }>(AUDIT_BY, { subject: 'coordinator-long-id' })).data?.auditEvents.edges ?? [],
      (edges) => edges.length === 1,
    );
    expect(events[0].node.operation).toBe('Talent.phone');
    expect(events[0].node.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records refused reads as FORBIDDEN', async () => {
    const answer = await harness.query(`query($id: ID!) { talent(id: $id) { id health { checkup { remaining } } } }`, { id: BAIYUN }, { ...(await staff('housing')), 'x-request-id': 'audit-refused-01' });
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await auditOf('audit-refused-01', 1)).toMatchObject([{ role: 'DEPARTMENT_STAFF', department: 'HOUSING', talentId: BAIYUN, operation: 'Talent.health', outcome: 'FORBIDDEN', source: 'health' }]);
  });

  it('records every mutation, whoever calls it and however it ends', async () => {
    const book = `mutation($input: BookCheckupInput!) { bookCheckup(input: $input) { id } }`;
    const input = { talentId: BAIYUN, program: 'BAIYUN_YUNJU', kind: 'HEALTH_CHECKUP', preferredDate: addDays(todayInChina(harness.clock.now()), 5) };
    const booked = await harness.query(book, { input }, { ...(await bearer(holder)), 'x-request-id': 'audit-mutation-1' });
    expect(booked.errors).toBeUndefined();
    // The attempt is recorded before the booking is written, the outcome with the answer.
    const booking = { requestId: 'audit-mutation-1', subject: 'holder-chen', role: 'TALENT', department: null, talentId: BAIYUN, kind: 'MUTATION', operation: 'Mutation.bookCheckup', fields: ['Mutation.bookCheckup'], source: 'health' };
    expect(await auditOf('audit-mutation-1', 2)).toEqual([
      { ...booking, outcome: 'ATTEMPTED' },
      { ...booking, outcome: 'OK' },
    ]);

    const refused = await harness.query(book, { input }, { ...(await staff('housing')), 'x-request-id': 'audit-mutation-2' });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await auditOf('audit-mutation-2', 1)).toMatchObject([{ operation: 'Mutation.bookCheckup', outcome: 'FORBIDDEN', talentId: BAIYUN }]);

    // A second booking in the year breaks the rule (000 十一: once a year): audited as ERROR.
    const again = await harness.query(book, { input }, { ...(await bearer(holder)), 'x-request-id': 'audit-mutation-3' });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await auditOf('audit-mutation-3', 2)).toMatchObject([
      { operation: 'Mutation.bookCheckup', outcome: 'ATTEMPTED', talentId: BAIYUN },
      { operation: 'Mutation.bookCheckup', outcome: 'ERROR', talentId: BAIYUN },
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
