// The five steps of a hukou transfer (000 一（二）) moved by staff, the case task following all of its
// transfers with a report queued for the window at each change (004 第十一条), and malformed
// deliveries and staff input refused with BAD_USER_INPUT, nothing written.
import { beforeEach, describe, expect, it } from 'vitest';
import { documentCounts, queuedReports } from '../../test/case-desk';
import {
  ADVANCE,
  HOLDER,
  MINOR,
  RECEIVE,
  REJECT,
  SPOUSE,
  caseId,
  delivery,
  hukouForm,
  refusal,
  talentId,
  useHouseholdFixture,
} from './testing';

const fixture = useHouseholdFixture();

type Transfer = { id: string; status: string; currentStep: string | null; settledOn: string | null; rejectionReason: string | null };
type Task = { id: string; status: string; step: string | null; note: string; reason: string | null; completedAt: string | null; transfers: Transfer[] };
const BAIYUN = talentId(1);
const HOUR = 3600_000;

/**
 * The report due to the window after each change, in order. The desk sends a task's current state
 * (kit/task-reports.ts), so the history is taken as it happens: one report per change, in sequence.
 */
let reported: (string | number | null)[][] = [];
beforeEach(() => {
  reported = [];
});
async function noteReport(): Promise<void> {
  for (const report of await queuedReports(fixture)) reported.push([report.sequence, report.status, report.step]);
}

async function openFamilyCase(n = 1): Promise<Task> {
  const result = await fixture.run<{ receiveHouseholdCaseTask: Task }>(RECEIVE, { input: delivery(n, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_FAMILY', hukouForm([SPOUSE, MINOR])) });
  expect(result.errors).toBeUndefined();
  await noteReport();
  return result.data!.receiveHouseholdCaseTask;
}
const advance = async (id: string) => {
  fixture.clock.advance(HOUR);
  const result = await fixture.run<{ advanceHukouTransfer: Transfer }>(ADVANCE, { id });
  expect(result.errors).toBeUndefined();
  await noteReport();
  return result.data!.advanceHukouTransfer;
};
const reject = async (id: string, reason: string) => {
  const result = await fixture.run<{ rejectHukouTransfer: Transfer }>(REJECT, { id, reason });
  expect(result.errors).toBeUndefined();
  await noteReport();
  return result.data!.rejectHukouTransfer;
};
const taskNow = async () => fixture.connection.models.CaseTask.findOne().lean<{ status: string; step: string | null; note: string; reason: string | null; completedAt: Date | null; sequence: number }>();
const reportSteps = () => reported;

describe('advanceHukouTransfer', () => {
  it('moves each transfer step by step; the task is at the earliest current step and DONE when all are settled', async () => {
    // 000 一（二）2–5: materials, information card, police review, settled at the police station.
    const task = await openFamilyCase();
    const [spouse, child] = task.transfers.map((transfer) => transfer.id);
    expect((await advance(spouse)).currentStep).toBe('INFO_CARD');
    expect(await taskNow()).toMatchObject({ status: 'IN_PROGRESS', step: 'MATERIALS_UPLOADED', note: expect.stringContaining('王丽：填报资料并上传原件材料已办结') });
    expect((await advance(child)).currentStep).toBe('INFO_CARD');
    expect(await taskNow()).toMatchObject({ status: 'IN_PROGRESS', step: 'INFO_CARD' });
    for (let step = 0; step < 3; step += 1) await advance(spouse);
    expect(await taskNow()).toMatchObject({ status: 'IN_PROGRESS', step: 'INFO_CARD', completedAt: null });
    for (let step = 0; step < 2; step += 1) await advance(child);
    const settled = await advance(child);
    expect(settled).toMatchObject({ status: 'SETTLED', currentStep: null, settledOn: '2026-06-15' });
    expect(await taskNow()).toMatchObject({ status: 'DONE', step: 'SETTLED', note: expect.stringContaining('王丽、李小雨已落户'), reason: null, completedAt: expect.any(Date), sequence: 9 });
    expect(await reportSteps()).toEqual([
      [1, 'IN_PROGRESS', 'MATERIALS_UPLOADED'],
      [2, 'IN_PROGRESS', 'MATERIALS_UPLOADED'],
      [3, 'IN_PROGRESS', 'INFO_CARD'],
      [4, 'IN_PROGRESS', 'INFO_CARD'],
      [5, 'IN_PROGRESS', 'INFO_CARD'],
      [6, 'IN_PROGRESS', 'INFO_CARD'],
      [7, 'IN_PROGRESS', 'POLICE_REVIEW'],
      [8, 'IN_PROGRESS', 'SETTLED'],
      [9, 'DONE', 'SETTLED'],
    ]);
  });

  it('refuses to move a transfer that is settled or rejected', async () => {
    // 000 一（二）5: once settled at the police station the flow is over.
    const task = await openFamilyCase();
    const [spouse, child] = task.transfers.map((transfer) => transfer.id);
    for (let step = 0; step < 4; step += 1) await advance(spouse);
    await reject(child, '随迁家属材料不齐全');
    const counts = await documentCounts(fixture);
    for (const id of [spouse, child]) {
      const result = await fixture.run(ADVANCE, { id });
      expect(refusal(result)).toEqual({ count: 1, code: 'BAD_USER_INPUT', field: 'id', problems: ['HUKOU_TRANSFER_CLOSED'] });
    }
    expect(refusal(await fixture.run(REJECT, { id: child, reason: '再次' })).problems).toEqual(['HUKOU_TRANSFER_CLOSED']);
    expect(await documentCounts(fixture)).toEqual(counts);
  });

  it('moves a transfer the department entered itself, with no case to report to', async () => {
    const [stored] = await fixture.connection.models.HukouTransfer.insertMany([
      {
        talentId: BAIYUN, program: 'BAIYUN_YUNJU', applicant: { name: '李建国', relation: 'HOLDER', birthDate: '1979-06-12' }, route: 'PLANNED_GUIDANCE',
        steps: ['ONLINE_DECLARATION', 'MATERIALS_UPLOADED', 'INFO_CARD', 'POLICE_REVIEW', 'SETTLED'].map((step, n) => ({ step, completedAt: n === 0 ? new Date('2026-06-01T10:00:00+08:00') : null })),
        status: 'IN_PROGRESS', targetAddress: '广州市白云区同和路88号', policeStation: '同和派出所', submittedOn: '2026-06-01',
      },
    ]);
    expect((await advance(stored._id.toString())).currentStep).toBe('INFO_CARD');
    expect(await queuedReports(fixture)).toEqual([]);
  });
});

describe('rejectHukouTransfer', () => {
  it('keeps the task in progress while others go on, and REFUSED with every reason when all are rejected', async () => {
    // 004 第十一条 回告原因: the reasons, with the step of 000 一（二） they were refused at, go back to the window.
    const task = await openFamilyCase();
    const [spouse, child] = task.transfers.map((transfer) => transfer.id);
    expect(await reject(spouse, '  本市合法住所证明与入户地址不符 ')).toMatchObject({ status: 'REJECTED', rejectionReason: '本市合法住所证明与入户地址不符', currentStep: null });
    expect(await taskNow()).toMatchObject({ status: 'IN_PROGRESS', step: 'MATERIALS_UPLOADED' });
    await advance(child);
    await reject(child, '户籍档案信息与申报资料不一致');
    expect(await taskNow()).toMatchObject({
      status: 'REFUSED',
      step: null,
      completedAt: expect.any(Date),
      reason:
        '王丽不予办理：本市合法住所证明与入户地址不符（rejected at particulars filled in and originals uploaded）— 000 一（二）2；' +
        '李小雨不予办理：户籍档案信息与申报资料不一致（rejected at household information card collected）— 000 一（二）3',
    });
    expect(await reportSteps()).toEqual([[1, 'IN_PROGRESS', 'MATERIALS_UPLOADED'], [2, 'IN_PROGRESS', 'MATERIALS_UPLOADED'], [3, 'IN_PROGRESS', 'INFO_CARD'], [4, 'REFUSED', null]]);
  });

  it('closes a family where some settled and the rest were rejected as DONE, the rejection in its reason', async () => {
    const task = await openFamilyCase();
    const [spouse, child] = task.transfers.map((transfer) => transfer.id);
    await reject(child, '随迁家属材料不齐全');
    for (let step = 0; step < 4; step += 1) await advance(spouse);
    expect(await taskNow()).toMatchObject({ status: 'DONE', step: 'SETTLED', reason: expect.stringContaining('李小雨不予办理：随迁家属材料不齐全') });
  });
});

describe('bad input', () => {
  const form = hukouForm([HOLDER]);
  const input = (overrides: Record<string, unknown>) => ({ ...delivery(1, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_HOLDER', form), ...overrides });
  // The fields refused, and — where a problem names a rule rather than a field — the problems as listed.
  const cases: [string, Record<string, unknown>, string[], string[]?][] = [
    ['a form that is not JSON', { form: '{"applicants": [' }, ['input.form']],
    ['an item of another department', { item: 'TALENT_APARTMENT' }, ['input.item'], ['ITEM_NOT_THIS_DEPARTMENT']],
    ['a malformed case id', { caseId: 'case-1' }, ['input.caseId']],
    ['missing fields', { form: JSON.stringify({ applicants: [HOLDER] }) }, ['input.form.route', 'input.form.targetAddress', 'input.form.policeStation']],
    ['no applicants', { form: JSON.stringify({ ...form, applicants: [] }) }, ['input.form.applicants']],
    [
      'wrong types',
      { form: JSON.stringify({ ...form, route: 3, applicants: [{ ...HOLDER, name: 7, relation: 'FRIEND', birthDate: '2026-02-30', idNumber: 12, dependent: 'yes' }] }) },
      ['input.form.applicants.0.name', 'input.form.applicants.0.relation', 'input.form.applicants.0.birthDate', 'input.form.applicants.0.idNumber', 'input.form.applicants.0.dependent', 'input.form.route'],
    ],
    ['oversized strings', { form: JSON.stringify({ ...form, targetAddress: '路'.repeat(201), applicants: [{ ...HOLDER, name: '名'.repeat(61) }] }) }, ['input.form.applicants.0.name', 'input.form.targetAddress']],
    ['a field of another form', { form: JSON.stringify({ ...form, flightNumber: 'CZ3101' }) }, ['input.form.flightNumber']],
    ['a birth date in the future', { form: JSON.stringify({ ...form, applicants: [{ ...HOLDER, birthDate: '2030-01-01' }] }) }, ['input.form.applicants.0.birthDate']],
  ];
  for (const [what, overrides, fields, listed = fields] of cases) {
    it(`refuses a delivery with ${what}, and writes nothing`, async () => {
      const result = await fixture.run(RECEIVE, { input: input(overrides) });
      const { count, code, field, problems } = refusal(result);
      expect({ count, code, field }).toEqual({ count: 1, code: 'BAD_USER_INPUT', field: fields[0] });
      if (problems.length > 0) expect(problems).toEqual(listed);
      expect(await documentCounts(fixture)).toEqual({});
    });
  }

  it('refuses a delivery whose variables do not fit the schema (through Apollo Server)', async () => {
    const result = await fixture.served(RECEIVE, { input: input({ acceptedAt: 'yesterday', program: 'NOWHERE' }) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await documentCounts(fixture)).toEqual({});
  });

  it('answers an unknown transfer with NOT_FOUND and a malformed id or an empty reason with BAD_USER_INPUT', async () => {
    const unknown = caseId(77);
    expect((await fixture.run(ADVANCE, { id: unknown })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', what: 'HukouTransfer' });
    expect(refusal(await fixture.run(ADVANCE, { id: 'not-an-id' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const task = await openFamilyCase();
    const before = await documentCounts(fixture);
    expect(refusal(await fixture.run(REJECT, { id: task.transfers[0].id, reason: '   ' }))).toEqual({ count: 1, code: 'BAD_USER_INPUT', field: 'reason', problems: ['HUKOU_REJECTION_REASON'] });
    expect(refusal(await fixture.run(REJECT, { id: task.transfers[0].id, reason: '因'.repeat(501) })).field).toBe('reason');
    expect(await documentCounts(fixture)).toEqual(before);
    expect(await taskNow()).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });
  });
});
