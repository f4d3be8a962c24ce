// The coordinator's case dashboard costs the same for 1 or 10 cases (DESIGN.md "Data"): each
// department subgraph is asked once and reads each collection once, never once per case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BAIYUN, checkupItem, itemsReach, legalItem, SUBMIT, withTestTalents } from './cases';

let harness: Harness;

const DASHBOARD = /* GraphQL */ `
  query Dashboard($first: Int!) {
    cases(first: $first) {
      totalCount
      edges { node { id status overdue items { service status } talent { name } legal { status consultation { status free } } health { status checkupBooking { status } } } }
    }
  }
`;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
  for (let n = 0; n < 10; n += 1) {
    const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, {
      input: { requestKey: `e2e-dashboard-${n}`, talentId: BAIYUN, items: [legalItem, ...(n === 0 ? [checkupItem(harness)] : [])], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'CHECKUP_RECEIPT'] },
    });
    expect(submitted.errors).toBeUndefined();
    await itemsReach(harness, submitted.data!.submitCase.id, { LEGAL_CONSULTATION: ['IN_PROGRESS'] });
  }
});
afterAll(() => harness.stop());

describe('the case dashboard', () => {
  it.each([1, 10])('asks each department once and reads each collection once for %i cases', async (first) => {
    harness.resetCounters();
    const result = await harness.query<{ cases: { totalCount: number; edges: { node: { legal: unknown[] } }[] } }>(DASHBOARD, { first });
    expect(result.errors).toBeUndefined();
    expect(result.data!.cases.totalCount).toBe(10);
    expect(result.data!.cases.edges.every(({ node }) => node.legal.length === 1)).toBe(true);
    const requests = harness.requestCounts();
    expect({ talent: requests.talent, legal: requests.legal, health: requests.health }).toEqual({ talent: 1, legal: 1, health: 1 });
    const commands = harness.dbCommands();
    expect(commands.legal).toEqual({ 'find case_tasks': 1, 'find legal_consultations': 1 });
    expect(commands.health['find case_tasks']).toBe(1);
    expect(Object.values(commands.talent).every((count) => count === 1)).toBe(true);
  });
});
