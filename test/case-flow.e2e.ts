// 统一受理、并行办理、统一交付、统一建档 end to end (004 第七至十二条): one submission at the window,
// the four departments get their parts side by side, each works its steps and reports back, the
// case is delivered once, and its timeline is the archive. Every department keeps one task per item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanNode } from '@apollo/query-planner';
import { startHarness, type Harness } from './harness';
import { airportItem, BAIYUN, CASE_VIEW, CHILD, checkupItem, itemsReach, legalItem, readCase, SPOUSE, SUBMIT, withTestTalents, staff } from './cases';

let harness: Harness;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

function fetchedServices(node: PlanNode): string[] {
  if (node.kind === 'Fetch') return [node.serviceName];
  if (node.kind === 'Flatten') return fetchedServices(node.node);
  if (node.kind === 'Sequence' || node.kind === 'Parallel') return node.nodes.flatMap(fetchedServices);
  return [];
}

describe('a case from the window to delivery', () => {
  it('is accepted once, worked by four departments in parallel, delivered once, archived', async () => {
    const submitted = await harness.query<{ submitCase: { id: string; status: string } }>(SUBMIT, {
      input: {
        requestKey: 'e2e-flow-0001',
        talentId: BAIYUN,
        specialist: '张专员',
        items: [
          { service: 'HUKOU_TRANSFER_FAMILY', hukouTransfer: { familyMemberIds: [SPOUSE, CHILD], route: 'PLANNED_GUIDANCE', targetAddress: '广州市白云区白云大道南118号', policeStation: '景泰派出所' } },
          legalItem,
          checkupItem(harness),
          airportItem(harness),
        ],
        materials: ['TALENT_CARD', 'TALENT_INTRO_FORM', 'ID_CARD', 'HOUSEHOLD_REGISTER', 'FAMILY_MATERIALS', 'RESIDENCE_PROOF', 'CONSULTATION_SUMMARY', 'CHECKUP_RECEIPT', 'FLIGHT_DETAILS'],
      },
    });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitCase.id;

    // 并行办理: every department received its part and reported it back.
    const working = await itemsReach(harness, id, { HUKOU_TRANSFER_FAMILY: ['IN_PROGRESS'], LEGAL_CONSULTATION: ['IN_PROGRESS'], FREE_ANNUAL_CHECKUP: ['IN_PROGRESS'], AIRPORT_VIP_DOMESTIC: ['IN_PROGRESS'] });
    expect(working.status).toBe('IN_PROGRESS');
    expect(working.household![0].transfers.map((transfer) => transfer.currentStep)).toEqual(['MATERIALS_UPLOADED', 'MATERIALS_UPLOADED']);

    // The case view fetches the departments side by side: one Parallel node after the window.
    harness.resetCounters();
    await harness.query(CASE_VIEW, { id });
    const root = harness.queryPlans[0].node!;
    expect(root.kind).toBe('Sequence');
    if (root.kind === 'Sequence') {
      expect(fetchedServices(root.nodes[0])).toEqual(['talent']);
      expect(root.nodes[1].kind).toBe('Parallel');
      expect(fetchedServices(root.nodes[1]).sort()).toEqual(['customs', 'health', 'household', 'legal']);
    }

    // Each department's staff work their steps (through the one graph).
    const consultation = working.legal![0].consultation.id;
    const assigned = await harness.query(`mutation($id: ID!) { assignLegalCounsel(id: $id, counsel: { name: "李明", role: GOVERNMENT_LEGAL_ADVISER, office: "白云区司法局" }) { status } }`, { id: consultation }, await staff('legal'));
    expect(assigned.errors).toBeUndefined();
    const answered = await harness.query(`mutation($id: ID!) { answerLegalConsultation(id: $id) { status } }`, { id: consultation }, await staff('legal'));
    expect(answered.errors).toBeUndefined();
    for (const transfer of working.household![0].transfers) {
      for (let step = 0; step < 4; step += 1) {
        const advanced = await harness.query(`mutation($id: ID!) { advanceHukouTransfer(id: $id) { status } }`, { id: transfer.id }, await staff('household'));
        expect(advanced.errors).toBeUndefined();
      }
    }
    harness.clock.advance(4 * DAY); // past the checkup day and the flight
    expect((await harness.query(`mutation($id: ID!) { recordCheckupDone(id: $id) { status } }`, { id: working.health![0].checkupBooking.id }, await staff('health'))).errors).toBeUndefined();
    expect((await harness.query(`mutation($id: ID!) { recordAirportServiceServed(id: $id) { status } }`, { id: working.customs![0].booking.id }, await staff('customs'))).errors).toBeUndefined();

    const ready = await itemsReach(harness, id, { HUKOU_TRANSFER_FAMILY: ['DONE'], LEGAL_CONSULTATION: ['DONE'], FREE_ANNUAL_CHECKUP: ['DONE'], AIRPORT_VIP_DOMESTIC: ['DONE'] });
    expect(ready.status).toBe('READY_FOR_DELIVERY');
    const delivered = await harness.query<{ deliverCase: { status: string } }>(`mutation($id: ID!) { deliverCase(caseId: $id, note: "已电话通知领取") { status } }`, { id });
    expect(delivered.data).toEqual({ deliverCase: { status: 'DELIVERED' } });

    // 统一建档: the archive tells the whole story, in order.
    const archive = await readCase(harness, id);
    const kinds = archive.timeline.map((event) => event.kind);
    expect(kinds[0]).toBe('SUBMITTED');
    expect(kinds.slice(-2)).toEqual(['READY_FOR_DELIVERY', 'DELIVERED']);
    expect(archive.timeline.filter((event) => event.kind === 'DISPATCHED').map((event) => event.service).sort()).toEqual(['AIRPORT_VIP_DOMESTIC', 'FREE_ANNUAL_CHECKUP', 'HUKOU_TRANSFER_FAMILY', 'LEGAL_CONSULTATION']);

    // One task per item in each department, and the talent's own view shows the records.
    for (const name of ['household', 'legal', 'health', 'customs'] as const) {
      expect(await harness.subgraphs[name].connection.models.CaseTask.countDocuments({ caseId: id }), name).toBe(1);
    }
    const talent = await harness.query<{ talent: { cases: { id: string; status: string }[]; customs: { airportService: { used: number } } } }>(
      `query($t: ID!) { talent(id: $t) { cases { id status } customs { airportService { used } } } }`,
      { t: BAIYUN },
    );
    expect(talent.data!.talent.cases).toEqual([{ id, status: 'DELIVERED' }]);
    expect(talent.data!.talent.customs.airportService.used).toBe(1);
  });

  it('returns a part the department cannot do with its reason (004 第十一条)', async () => {
    // Liwan's card offers legal advice but not written opinions as a free service; the airport service is Baiyun's only.
    const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, {
      input: { requestKey: 'e2e-flow-0002', talentId: BAIYUN, items: [{ ...legalItem, legalConsultation: { ...legalItem.legalConsultation, category: 'MEDIATION' } }], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] },
    });
    expect(submitted.errors).toBeUndefined();
    const refused = await itemsReach(harness, submitted.data!.submitCase.id, { LEGAL_CONSULTATION: ['REFUSED'] });
    expect(refused.status).toBe('REJECTED');
    expect(refused.items[0].reason).toContain('000 十二');
  });
});
