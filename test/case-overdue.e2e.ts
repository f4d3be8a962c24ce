// 督办 (004 第十七条 拖延时限、逾期没有办结): each part's limit is counted in working days from
// acceptance; a part past it and unfinished is overdue on the case, and the supervision list
// finds it by department. Finishing the part clears it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BAIYUN, itemsReach, legalItem, SUBMIT, withTestTalents, staff } from './cases';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  harness.clock.set(new Date('2026-09-29T10:00:00+08:00')); // a Tuesday before the National Day holidays
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

const SUPERVISION = `{ cases(filter: { overdue: true, department: LEGAL }) { totalCount edges { node { id items { service dueOn overdue } } } } }`;

describe('working-day limits and overdue', () => {
  it('counts the limit over the holidays, flags the part once past it, and clears it when done', async () => {
    const submitted = await harness.query<{ submitCase: { id: string; items: { service: string }[] } }>(SUBMIT, {
      input: { requestKey: 'e2e-overdue-01', talentId: BAIYUN, items: [legalItem], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] },
    });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitCase.id;
    const working = await itemsReach(harness, id, { LEGAL_CONSULTATION: ['IN_PROGRESS'] });
    const dueOn = (await harness.query<{ case: { items: { dueOn: string }[] } }>(`query($id: ID!) { case(id: $id) { items { dueOn } } }`, { id })).data!.case.items[0].dueOn;
    // 5 working days from 2026-09-29: Sep 30, (Oct 1–7 holidays), Oct 8, Oct 9, Oct 10 (make-up Saturday), Oct 12.
    expect(dueOn).toBe('2026-10-12');

    harness.clock.set(new Date('2026-10-12T18:00:00+08:00'));
    expect((await harness.query<{ cases: { totalCount: number } }>(SUPERVISION)).data!.cases.totalCount).toBe(0);
    harness.clock.set(new Date('2026-10-13T09:00:00+08:00'));
    expect((await harness.query(SUPERVISION)).data).toEqual({ cases: { totalCount: 1, edges: [{ node: { id, items: [{ service: 'LEGAL_CONSULTATION', dueOn, overdue: true }] } }] } });

    const consultation = working.legal![0].consultation.id;
    await harness.query(`mutation($id: ID!) { assignLegalCounsel(id: $id, counsel: { name: "李明", role: GOVERNMENT_LEGAL_ADVISER, office: "白云区司法局" }) { status } }`, { id: consultation }, await staff('legal'));
    await harness.query(`mutation($id: ID!) { answerLegalConsultation(id: $id) { status } }`, { id: consultation }, await staff('legal'));
    await itemsReach(harness, id, { LEGAL_CONSULTATION: ['DONE'] });
    expect((await harness.query<{ cases: { totalCount: number } }>(SUPERVISION)).data!.cases.totalCount).toBe(0);
  });
});
