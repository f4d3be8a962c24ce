// 住建局's part of a case (004 第十条 并行办理, 第十一条 回告原因): the window's delivery of a
// TALENT_APARTMENT item becomes one task and one application (idempotent by case + item), a
// delivery the rules forbid comes back REFUSED with its clause (002 四; 003), and every staff step
// changes the task and makes its report to the window due.
import { describe, expect, it } from 'vitest';
import type { CaseTaskDoc } from '../kit/case-task';
import {
  ALLOCATE,
  caseId,
  delivery,
  liwanForm,
  person,
  RECEIVE,
  REJECT,
  reports,
  talentId,
  WAITLIST,
  useHousingFixture,
} from './test-support';

const h = useHousingFixture();

type Received = { receiveHousingCaseTask: { id: string; status: string; reason: string | null; application: { id: string } | null } };
const receive = (input: unknown) => h.run<Received>(RECEIVE, { input });

describe('receiveHousingCaseTask', () => {
  it('accepts an eligible household: an application SUBMITTED with the case id, the declarations on file, a report queued', async () => {
    const result = await receive(delivery(1, liwanForm()));
    expect(result.errors).toBeUndefined();
    const task = result.data!.receiveHousingCaseTask;
    expect(task).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      item: 'TALENT_APARTMENT',
      status: 'IN_PROGRESS',
      step: 'SUBMITTED',
      note: '人才公寓申请已提交：荔湾区白鹅潭人才公寓，审核中（application submitted, under review）',
      reason: null,
      dueOn: '2026-04-28',
      receivedAt: expect.any(String),
      completedAt: null,
      application: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        status: 'SUBMITTED',
        district: '荔湾区',
        project: '白鹅潭人才公寓',
        householdSize: 3,
        submittedOn: '2026-03-16',
        decidedOn: null,
        waitlistPosition: null,
        rejectionReason: null,
        caseId: caseId(1),
        allocatedUnit: null,
      },
    });
    const declarations = await h.models.HomeOwnershipDeclaration.find().lean();
    expect(declarations.map((d) => [d.personName, d.relation, d.homesOwned, d.declaredOn, d.caseId])).toEqual([
      ['李伟', 'HOLDER', 0, '2026-03-16', caseId(1)],
      ['陈芳', 'SPOUSE', 0, '2026-03-16', caseId(1)],
      ['李子轩', 'MINOR_CHILD', 0, '2026-03-16', caseId(1)],
    ]);
    expect(await reports(h)).toEqual([{ caseId: caseId(1), item: 'TALENT_APARTMENT', department: 'housing', status: 'IN_PROGRESS', step: 'SUBMITTED', sequence: 1, reason: null }]);
  });

  it('is idempotent by case and item: the same delivery twice gives one task, one application, one set of declarations, one report', async () => {
    const first = await receive(delivery(1, liwanForm()));
    const second = await receive(delivery(1, liwanForm()));
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(await h.tasks.countDocuments()).toBe(1);
    expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(1);
    expect(await h.models.HomeOwnershipDeclaration.countDocuments()).toBe(3);
    expect(await reports(h)).toHaveLength(1);
  });

  it('002 四: refuses when the spouse owns a home in the city — REFUSED with the reason and its clause, nothing else written', async () => {
    const form = liwanForm({ declarations: [person('李伟', 'HOLDER'), person('陈芳', 'SPOUSE', 1), person('李子轩', 'MINOR_CHILD')] });
    const result = await receive(delivery(2, form));
    expect(result.errors).toBeUndefined();
    expect(result.data!.receiveHousingCaseTask).toMatchObject({
      status: 'REFUSED',
      application: null,
      reason: '持卡人配偶陈芳在广州市有自有产权住房 1 套（the spouse 陈芳 owns 1 home(s) in 广州市）— 002 四',
    });
    expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(0);
    expect(await h.models.HomeOwnershipDeclaration.countDocuments()).toBe(0);
    expect(await reports(h)).toEqual([
      { caseId: caseId(2), item: 'TALENT_APARTMENT', department: 'housing', status: 'REFUSED', step: null, sequence: 1, reason: expect.stringContaining('— 002 四') },
    ]);
  });

  it('003: refuses a Tianhe green card — the guide lists no apartment service', async () => {
    const result = await receive(delivery(3, liwanForm({ district: '天河区' }), { program: 'GUANGZHOU_GREEN_CARD' }));
    expect(result.errors).toBeUndefined();
    expect(result.data!.receiveHousingCaseTask.status).toBe('REFUSED');
    expect(result.data!.receiveHousingCaseTask.reason).toBe(
      '广州市人才绿卡（天河区受理）不提供人才公寓服务（the Guangzhou talent green card (Tianhe) offers no talent apartment）— 003 五（办事指南未列住房保障服务 / the guide lists no housing service）',
    );
  });

  it('refuses a second application while one is open, naming the open one', async () => {
    await receive(delivery(1, liwanForm()));
    const again = await receive(delivery(1, liwanForm(), { caseId: caseId(9) }));
    expect(again.data!.receiveHousingCaseTask.status).toBe('REFUSED');
    expect(again.data!.receiveHousingCaseTask.reason).toContain('已有一份未办结的人才公寓申请（白鹅潭人才公寓，审核中）');
    expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(1);
  });

  it('answers a malformed delivery with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [delivery(4, { ...liwanForm(), householdSize: 'three' }), 'input.form.householdSize'],
      [delivery(4, { district: '荔湾区', householdSize: 1, declarations: [person('李伟', 'HOLDER')] }), 'input.form.project'],
      [delivery(4, liwanForm({ project: '公'.repeat(81) })), 'input.form.project'],
      [delivery(4, liwanForm({ declarations: [{ ...person('李伟', 'HOLDER'), homesOwned: -1 }] })), 'input.form.declarations.0.homesOwned'],
      [delivery(4, liwanForm({ declarations: [{ ...person('李伟', 'HOLDER'), relation: 'PARENT' }] })), 'input.form.declarations.0.relation'],
      [{ ...delivery(4, liwanForm()), form: '{not json' }, 'input.form'],
      [delivery(4, liwanForm(), { item: 'AIRPORT_VIP_DOMESTIC' }), 'input.item'],
      [delivery(4, liwanForm(), { caseId: 'case-4' }), 'input.caseId'],
      [delivery(4, liwanForm(), { talentId: '12' }), 'input.talentId'],
    ];
    for (const [input, field] of cases) {
      const result = await receive(input);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await h.tasks.countDocuments()).toBe(0);
    expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(0);
    expect(await reports(h)).toEqual([]);
  });
});

describe('staff steps on a case application', () => {
  async function received(n: number) {
    const result = await receive(delivery(n, liwanForm()));
    return result.data!.receiveHousingCaseTask.application!.id;
  }
  const task = async (n: number) => (await h.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;

  it('waitlists at the next free position (task stays IN_PROGRESS), then allocates (task DONE), each step reported in sequence', async () => {
    // Two already waiting for the same project: the new one is third.
    await h.models.TalentApartmentApplication.insertMany([1, 2].map((position) => ({ talentId: talentId(50 + position), district: '荔湾区', project: '白鹅潭人才公寓', status: 'WAITLISTED', waitlistPosition: position, householdSize: 1, submittedOn: '2026-01-05' })));
    const id = await received(1);
    const waitlisted = await h.run(WAITLIST, { id });
    expect(waitlisted.errors).toBeUndefined();
    expect(waitlisted.data).toMatchObject({ waitlistApartmentApplication: { status: 'WAITLISTED', waitlistPosition: 3 } });
    expect(await task(1)).toMatchObject({ status: 'IN_PROGRESS', step: 'WAITLISTED', note: '已列入白鹅潭人才公寓轮候，序号 3（waitlisted at position 3）', sequence: 2 });

    const allocated = await h.run(ALLOCATE, { id, unit: { building: '2栋', unitNumber: '802', areaSqm: 75 } });
    expect(allocated.errors).toBeUndefined();
    expect(allocated.data).toMatchObject({
      allocateApartment: { status: 'ALLOCATED', waitlistPosition: null, decidedOn: '2026-03-16', allocatedUnit: { project: '白鹅潭人才公寓', building: '2栋', unitNumber: '802', areaSqm: 75 } },
    });
    expect(await task(1)).toMatchObject({ status: 'DONE', step: 'ALLOCATED', completedAt: expect.any(Date), sequence: 3 });
    expect((await reports(h)).map((report) => [report.sequence, report.status, report.step])).toEqual([[3, 'DONE', 'ALLOCATED']]);
  });

  it('leaving the waitlist moves everyone behind up one (positions stay 1…n)', async () => {
    const ids = [await received(1), await received(2), await received(3)];
    for (const id of ids) await h.run(WAITLIST, { id });
    await h.run(REJECT, { id: ids[0], reason: '未能提供在荔湾区辖内工作的证明' });
    await h.run(ALLOCATE, { id: ids[1], unit: { building: '1栋', unitNumber: '101', areaSqm: 60 } });
    const third = await h.models.TalentApartmentApplication.findById(ids[2]).lean();
    expect(third?.waitlistPosition).toBe(1);
  });

  it('rejects with the staff reason: application REJECTED, task REFUSED with the reason, reported', async () => {
    const id = await received(1);
    const result = await h.run(REJECT, { id, reason: '未能提供在荔湾区辖内工作的证明' });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ rejectApartmentApplication: { status: 'REJECTED', rejectionReason: '未能提供在荔湾区辖内工作的证明', decidedOn: '2026-03-16' } });
    expect(await task(1)).toMatchObject({ status: 'REFUSED', step: 'REJECTED', reason: '不予配租：未能提供在荔湾区辖内工作的证明（rejected by the housing office）', sequence: 2 });
    expect((await reports(h)).at(-1)).toMatchObject({ status: 'REFUSED', sequence: 2 });
  });

  it('refuses a step the application is not at, an unknown id and a malformed one — nothing changes', async () => {
    const id = await received(1);
    await h.run(ALLOCATE, { id, unit: { building: '1栋', unitNumber: '101', areaSqm: 60 } });
    const again = await h.run(WAITLIST, { id });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', rule: 'APPLICATION_STATUS', status: 'ALLOCATED' });
    const unknown = await h.run(REJECT, { id: talentId(99), reason: '材料不全' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const malformed = await h.run(WAITLIST, { id: 'x' });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await task(1)).sequence).toBe(2);
    expect((await reports(h)).map((report) => report.sequence)).toEqual([2]);
  });
});
