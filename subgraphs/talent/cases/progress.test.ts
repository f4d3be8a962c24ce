// After intake: the departments' reports applied once and in order (DESIGN.md step 4), the case
// ready for 统一交付 when every part is finished and delivered once (004 第十一条), refused parts
// coming back with their reason, 督办 of parts past their working-day limit (004 第十七条), and
// 容缺 materials owed before delivery (002 二（一）2).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../../test/environment';
import { addDays, todayInChina } from '../../kit/dates';
import { buildTalentSubgraph } from '../server';
import { BAIYUN, insertTestTalents } from './fixtures';

let fixture: SubgraphFixture;
const clock = new TestClock();
const today = () => todayInChina(clock.now());
const DAY = 24 * 3600_000;

const CASE_FIELDS = 'id status overdue dueOn deliveredAt items { service status step note reason overdue } pendingMaterials { code suppliedAt } timeline { kind department service message }';
type CaseView = { id: string; status: string; overdue: boolean; dueOn: string; items: { service: string; status: string; overdue: boolean; reason: string | null }[]; timeline: { kind: string }[] };

async function newCase(materials = ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'CHECKUP_RECEIPT'], deferral: Record<string, string> | null = null): Promise<string> {
  const result = await fixture.run<{ submitCase: { id: string } }>(`mutation($input: SubmitCaseInput!) { submitCase(input: $input) { id } }`, {
    input: {
      requestKey: `req-${Math.random().toString(36).slice(2, 12)}`,
      talentId: BAIYUN,
      items: [
        { service: 'LEGAL_CONSULTATION', legalConsultation: { topic: '劳动合同纠纷', category: 'CONSULTATION', personalMatter: true, channel: 'PHONE' } },
        { service: 'FREE_ANNUAL_CHECKUP', checkup: { preferredDate: addDays(today(), 10), hospital: null } },
      ],
      materials,
      deferral,
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.submitCase.id;
}

let sequence = 0;
async function report(caseId: string, department: string, item: string, status: string, extra: { sequence?: number; reason?: string } = {}) {
  sequence += 1;
  const result = await fixture.run(`mutation($input: CaseTaskReportInput!) { recordCaseTaskReport(input: $input) }`, {
    input: { caseId, department, item, status, step: null, note: status === 'DONE' ? '已办结' : '办理中', reason: extra.reason ?? null, occurredAt: clock.now().toISOString(), sequence: extra.sequence ?? sequence },
  });
  expect(result.errors).toBeUndefined();
}

const view = async (id: string) => (await fixture.run<{ case: CaseView }>(`query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { id })).data!.case;

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
});
beforeEach(async () => {
  clock.set(new Date());
  await fixture.clear();
  await insertTestTalents(fixture.connection, today());
});
afterAll(() => fixture.close());

describe('a case after intake', () => {
  it('applies each department report once and in order, then is ready for one delivery (004 第十一条)', async () => {
    const id = await newCase();
    await report(id, 'legal', 'LEGAL_CONSULTATION', 'IN_PROGRESS', { sequence: 1 });
    await report(id, 'legal', 'LEGAL_CONSULTATION', 'DONE', { sequence: 2 });
    await report(id, 'legal', 'LEGAL_CONSULTATION', 'IN_PROGRESS', { sequence: 1 }); // late duplicate: ignored
    expect((await view(id)).status).toBe('IN_PROGRESS');
    await report(id, 'health', 'FREE_ANNUAL_CHECKUP', 'DONE', { sequence: 1 });
    const ready = await view(id);
    expect(ready.status).toBe('READY_FOR_DELIVERY');
    expect(ready.items.map((item) => [item.service, item.status])).toEqual([['LEGAL_CONSULTATION', 'DONE'], ['FREE_ANNUAL_CHECKUP', 'DONE']]);
    expect(ready.timeline.map((event) => event.kind)).toEqual(['SUBMITTED', 'TASK_UPDATED', 'TASK_UPDATED', 'TASK_UPDATED', 'READY_FOR_DELIVERY']);

    const delivered = await fixture.run<{ deliverCase: { status: string; timeline: { kind: string }[] } }>(`mutation($id: ID!) { deliverCase(caseId: $id, note: "已电话约定领取") { status timeline { kind } } }`, { id });
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data!.deliverCase.status).toBe('DELIVERED');
    const again = await fixture.run(`mutation($id: ID!) { deliverCase(caseId: $id) { status } }`, { id });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId', status: 'DELIVERED' });
  });

  it('cannot be delivered before every part is finished', async () => {
    const id = await newCase();
    await report(id, 'legal', 'LEGAL_CONSULTATION', 'DONE');
    const early = await fixture.run(`mutation($id: ID!) { deliverCase(caseId: $id) { status } }`, { id });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId', status: 'IN_PROGRESS', source: '004 第十一条' });
  });

  it('returns a refused part with its reason, and is rejected when no part can be done (004 第十一条 回告原因)', async () => {
    const id = await newCase();
    await report(id, 'legal', 'LEGAL_CONSULTATION', 'REFUSED', { reason: '非本人直接利害关系事项（not a personal matter）— 000 十二（三）1' });
    await report(id, 'health', 'FREE_ANNUAL_CHECKUP', 'REFUSED', { reason: '本年度免费体检已使用 — 001 第四条（四）' });
    const rejected = await view(id);
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.items.map((item) => item.reason)).toEqual(['非本人直接利害关系事项（not a personal matter）— 000 十二（三）1', '本年度免费体检已使用 — 001 第四条（四）']);
    expect(rejected.timeline.map((event) => event.kind)).toEqual(['SUBMITTED', 'TASK_REFUSED', 'TASK_REFUSED', 'REJECTED']);
  });

  it('is overdue once a part passes its working-day limit unfinished, and found by the 督办 filter (004 第十七条)', async () => {
    const id = await newCase();
    await report(id, 'health', 'FREE_ANNUAL_CHECKUP', 'DONE');
    expect((await view(id)).overdue).toBe(false);
    clock.advance(20 * DAY);
    const late = await view(id);
    expect(late.overdue).toBe(true);
    expect(late.items.map((item) => [item.service, item.overdue])).toEqual([['LEGAL_CONSULTATION', true], ['FREE_ANNUAL_CHECKUP', false]]);
    const supervised = await fixture.run<{ cases: { totalCount: number; edges: { node: { id: string } }[] } }>(`{ cases(filter: { overdue: true, department: LEGAL }) { totalCount edges { node { id } } } }`);
    expect(supervised.data!.cases).toEqual({ totalCount: 1, edges: [{ node: { id } }] });
    await report(id, 'legal', 'LEGAL_CONSULTATION', 'DONE');
    expect((await view(id)).overdue).toBe(false);
    expect((await fixture.run<{ cases: { totalCount: number } }>(`{ cases(filter: { overdue: true }) { totalCount } }`)).data!.cases.totalCount).toBe(0);
  });

  it('owes 容缺 materials until supplied, and cannot be delivered before (002 二（一）2)', async () => {
    const id = await newCase(['TALENT_CARD'], { promisedBy: addDays(today(), 5), statement: '本人承诺按期补齐' });
    await report(id, 'legal', 'LEGAL_CONSULTATION', 'DONE');
    await report(id, 'health', 'FREE_ANNUAL_CHECKUP', 'DONE');
    const blocked = await fixture.run(`mutation($id: ID!) { deliverCase(caseId: $id) { status } }`, { id });
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: '002 二（一）2' });
    const wrong = await fixture.run(`mutation($id: ID!) { supplyCaseMaterials(caseId: $id, materials: [PASSPORT]) { id } }`, { id });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'materials' });
    const supplied = await fixture.run<{ supplyCaseMaterials: { pendingMaterials: { code: string; suppliedAt: string | null }[] } }>(
      `mutation($id: ID!) { supplyCaseMaterials(caseId: $id, materials: [CONSULTATION_SUMMARY, CHECKUP_RECEIPT]) { pendingMaterials { code suppliedAt } } }`,
      { id },
    );
    expect(supplied.data!.supplyCaseMaterials.pendingMaterials.every((material) => material.suppliedAt !== null)).toBe(true);
    expect((await fixture.run<{ deliverCase: { status: string } }>(`mutation($id: ID!) { deliverCase(caseId: $id) { status } }`, { id })).data!.deliverCase.status).toBe('DELIVERED');
  });

  it('can be withdrawn before delivery, with a reason, and is then handed to no department', async () => {
    const id = await newCase();
    const withdrawn = await fixture.run<{ withdrawCase: { status: string } }>(`mutation($id: ID!) { withdrawCase(caseId: $id, reason: "申请人另有安排") { status } }`, { id });
    expect(withdrawn.data!.withdrawCase.status).toBe('WITHDRAWN');
    const noReason = await fixture.run(`mutation($id: ID!) { withdrawCase(caseId: $id, reason: " ") { status } }`, { id });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('keeps a finished outcome: a case whose every part was refused, or that was delivered, cannot be withdrawn (004 第十一条)', async () => {
    const rejected = await newCase();
    await report(rejected, 'legal', 'LEGAL_CONSULTATION', 'REFUSED', { reason: '非个人事务（not a personal matter）— 000 十二' });
    await report(rejected, 'health', 'FREE_ANNUAL_CHECKUP', 'REFUSED', { reason: '本年度已体检（used this year）— 000 十一' });
    expect((await view(rejected)).status).toBe('REJECTED');
    const refused = await fixture.run(`mutation($id: ID!) { withdrawCase(caseId: $id, reason: "不再需要") { status } }`, { id: rejected });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId', rule: 'CASE_FINISHED', source: '004 第十一条' });
    expect((await view(rejected)).status).toBe('REJECTED');
  });

  it('answers an unknown case with null, and a report for an item the case lacks with BAD_USER_INPUT', async () => {
    expect((await fixture.run(`{ case(id: "ffffffffffffffffffffffff") { id } }`)).data).toEqual({ case: null });
    const id = await newCase();
    const stray = await fixture.run(`mutation($input: CaseTaskReportInput!) { recordCaseTaskReport(input: $input) }`, {
      input: { caseId: id, department: 'customs', item: 'AIRPORT_VIP_DOMESTIC', status: 'DONE', step: null, note: 'x', reason: null, occurredAt: clock.now().toISOString(), sequence: 1 },
    });
    expect(stray.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.item' });
  });
});
