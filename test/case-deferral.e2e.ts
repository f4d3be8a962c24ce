// 容缺受理 (002 二（一）2、二（二）2): a request missing only non-key materials is accepted on a
// written promise with a deadline; the materials are owed until supplied, and the case is not
// delivered before. A missing key material is refused with the full list, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../subgraphs/kit/dates';
import { startHarness, type Harness } from './harness';
import { BAIYUN, itemsReach, legalItem, SUBMIT, withTestTalents, staff } from './cases';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

describe('容缺受理', () => {
  it('refuses a missing key material with every missing material listed, storing nothing', async () => {
    const result = await harness.query(SUBMIT, { input: { requestKey: 'e2e-defer-001', talentId: BAIYUN, items: [legalItem], materials: [] } });
    expect(result.data).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      missingMaterials: [expect.objectContaining({ code: 'TALENT_CARD', key: true }), expect.objectContaining({ code: 'CONSULTATION_SUMMARY', key: false })],
    });
    expect(await harness.subgraphs.talent.connection.models.Case.countDocuments({})).toBe(0);
  });

  it('accepts on a promise, owes the material, and delivers only once it is supplied', async () => {
    const promisedBy = addDays(todayInChina(harness.clock.now()), 5);
    const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, {
      input: { requestKey: 'e2e-defer-002', talentId: BAIYUN, items: [legalItem], materials: ['TALENT_CARD'], deferral: { promisedBy, statement: '本人承诺于领取结果时补齐咨询材料' } },
    });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitCase.id;
    const working = await itemsReach(harness, id, { LEGAL_CONSULTATION: ['IN_PROGRESS'] });
    const consultation = working.legal![0].consultation.id;
    await harness.query(`mutation($id: ID!) { assignLegalCounsel(id: $id, counsel: { name: "李明", role: GOVERNMENT_LEGAL_ADVISER, office: "白云区司法局" }) { status } }`, { id: consultation }, await staff('legal'));
    await harness.query(`mutation($id: ID!) { answerLegalConsultation(id: $id) { status } }`, { id: consultation }, await staff('legal'));
    await itemsReach(harness, id, { LEGAL_CONSULTATION: ['DONE'] });

    const owed = await harness.query<{ case: { pendingMaterials: { code: string; promisedBy: string; suppliedAt: string | null }[] } }>(`query($id: ID!) { case(id: $id) { pendingMaterials { code promisedBy suppliedAt } } }`, { id });
    expect(owed.data!.case.pendingMaterials).toEqual([{ code: 'CONSULTATION_SUMMARY', promisedBy, suppliedAt: null }]);
    const blocked = await harness.query(`mutation($id: ID!) { deliverCase(caseId: $id) { status } }`, { id });
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: '002 二（一）2' });

    await harness.query(`mutation($id: ID!) { supplyCaseMaterials(caseId: $id, materials: [CONSULTATION_SUMMARY]) { id } }`, { id });
    const delivered = await harness.query(`mutation($id: ID!) { deliverCase(caseId: $id) { status } }`, { id });
    expect(delivered).toEqual({ data: { deliverCase: { status: 'DELIVERED' } } });
  });
});
