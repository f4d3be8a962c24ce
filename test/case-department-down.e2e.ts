// Nothing lost (issue 3; DESIGN.md "The flow of a case" step 3): a department that is down when a
// case is submitted delays its own part only. The case is accepted, the other departments proceed,
// and the part arrives once the department is back — exactly once, with no second task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from './harness';
import type { CaseDoc } from '../subgraphs/talent/case-model';
import { BAIYUN, CASE_ITEMS, checkupItem, itemsReach, legalItem, SUBMIT, withTestTalents } from './cases';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

/** The hand-over state of the case's part for `department` (kept in the case, talent/case-model.ts). */
const dispatchTo = async (caseId: string, department: string) =>
  (await harness.subgraphs.talent.connection.models.Case.findById(caseId).lean<CaseDoc>())?.items.find((item) => item.department === department)?.dispatch;

describe('a department down at submission', () => {
  it('gets its part once it is back; the others go ahead meanwhile', async () => {
    await harness.stopSubgraph('legal');
    const submitted = await harness.query<{ submitCase: { id: string; status: string } }>(SUBMIT, {
      input: { requestKey: 'e2e-down-0001', talentId: BAIYUN, items: [legalItem, checkupItem(harness)], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'CHECKUP_RECEIPT'] },
    });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitCase.id;

    const meanwhile = await itemsReach(harness, id, { FREE_ANNUAL_CHECKUP: ['IN_PROGRESS'], LEGAL_CONSULTATION: ['PENDING'] }, CASE_ITEMS);
    expect(meanwhile.status).toBe('IN_PROGRESS');
    const waiting = await eventually(() => dispatchTo(id, 'legal'), (dispatch) => (dispatch?.attempts ?? 0) >= 1);
    expect(waiting).toMatchObject({ state: 'PENDING' });
    expect(waiting!.lastError).toBeTruthy();

    await harness.startSubgraph('legal');
    harness.clock.advance(10 * 60_000); // the retry is due now, not after its backoff
    const arrived = await itemsReach(harness, id, { LEGAL_CONSULTATION: ['IN_PROGRESS'] });
    expect(arrived.legal).toHaveLength(1);
    expect(await harness.subgraphs.legal.connection.models.CaseTask.countDocuments({ caseId: id })).toBe(1);
    expect(await harness.subgraphs.legal.connection.models.LegalConsultation.countDocuments({ caseId: id })).toBe(1);
    expect(await dispatchTo(id, 'legal')).toMatchObject({ state: 'DONE' });
  });
});
