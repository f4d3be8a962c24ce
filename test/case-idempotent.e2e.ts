// Submitting the same request twice creates one case (issue 3): a client that retries — or sends
// twice at once — gets the same case back, and each department gets its part once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BAIYUN, checkupItem, itemsReach, legalItem, SUBMIT, withTestTalents } from './cases';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

describe('idempotent submission', () => {
  it('answers the same request sent three times, twice at once, with one case and one task per item', async () => {
    const input = { requestKey: 'e2e-same-0001', talentId: BAIYUN, items: [legalItem, checkupItem(harness)], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'CHECKUP_RECEIPT'] };
    const [first, second] = await Promise.all([harness.query<{ submitCase: { id: string } }>(SUBMIT, { input }), harness.query<{ submitCase: { id: string } }>(SUBMIT, { input })]);
    const third = await harness.query<{ submitCase: { id: string } }>(SUBMIT, { input });
    for (const answer of [first, second, third]) expect(answer.errors).toBeUndefined();
    const id = first.data!.submitCase.id;
    expect([second.data!.submitCase.id, third.data!.submitCase.id]).toEqual([id, id]);
    expect(await harness.subgraphs.talent.connection.models.Case.countDocuments({})).toBe(1);
    await itemsReach(harness, id, { LEGAL_CONSULTATION: ['IN_PROGRESS'], FREE_ANNUAL_CHECKUP: ['IN_PROGRESS'] });
    expect(await harness.subgraphs.legal.connection.models.CaseTask.countDocuments({})).toBe(1);
    expect(await harness.subgraphs.health.connection.models.CaseTask.countDocuments({})).toBe(1);
  });

  it('refuses the key when it comes back with a different request', async () => {
    const reused = await harness.query(SUBMIT, { input: { requestKey: 'e2e-same-0001', talentId: BAIYUN, items: [legalItem], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] } });
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.requestKey' });
  });
});
