// 申请人撤回办件 (withdrawEducationCaseTasks, the window's call): an enrolment request still RECEIVED
// becomes WITHDRAWN — the child may be asked for again (000 八（二）2) — and the task is CANCELLED with
// the withdrawal in its note and its current state reported. A repeat changes nothing; a placed request is left as is.
import { describe, expect, it } from 'vitest';
import { expectRewithdrawalChangesNothing, queuedReports } from '../../test/case-desk';
import type { CaseTaskDoc } from '../kit/case-task';
import { caseId, delivery, enrolmentForm, PLACE, RECEIVE, SIX, TASK_FIELDS, talentId, useEducationFixture } from './testing';

const fixture = useEducationFixture();

const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawEducationCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
type Enrolment = { id: string; status: string; decidedOn: string | null; assignedSchool: string | null };
type Task = { status: string; step: string | null; note: string; enrolment: Enrolment | null };
const withdraw = (variables: Record<string, unknown>) => fixture.run<{ withdrawEducationCaseTasks: Task[] }>(WITHDRAW, variables);
const task = async (n: number) => (await fixture.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const BAIYUN = talentId(1);
const primary = (n: number) => delivery(n, BAIYUN, 'BAIYUN_YUNJU', 'SCHOOL_ENROLMENT', enrolmentForm(SIX, 'PRIMARY'));
const NOTE = '申请人撤回办件：已在外区就读（withdrawn by the applicant）';

async function received(input: ReturnType<typeof delivery>): Promise<Task> {
  const result = await fixture.run<{ receiveEducationCaseTask: Task }>(RECEIVE, { input });
  expect(result.errors).toBeUndefined();
  return result.data!.receiveEducationCaseTask;
}

describe('withdrawEducationCaseTasks', () => {
  it('withdraws a received request and cancels the task, reported; the child may be asked for again', async () => {
    await received(primary(1));
    const reported = async () => (await queuedReports(fixture)).map((report) => [report.caseId, report.status, report.sequence]);
    // The desk sends a task's current state: the receipt first, then the cancellation in its place.
    expect(await reported()).toEqual([[caseId(1), 'IN_PROGRESS', 1]]);
    const result = await withdraw({ caseId: caseId(1), reason: ' 已在外区就读 ' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.withdrawEducationCaseTasks).toEqual([
      expect.objectContaining({ status: 'CANCELLED', note: NOTE, enrolment: expect.objectContaining({ status: 'WITHDRAWN', decidedOn: '2026-06-15', assignedSchool: null }) }),
    ]);
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', completedAt: expect.any(Date), sequence: 2 });
    expect(await reported()).toEqual([[caseId(1), 'CANCELLED', 2]]);
    expect(await received(primary(2))).toMatchObject({ status: 'IN_PROGRESS', enrolment: { status: 'RECEIVED' } });
  });

  it('is idempotent: withdrawing again changes nothing and queues no report', async () => {
    await received(primary(1));
    await expectRewithdrawalChangesNothing(fixture, (reason) => withdraw({ caseId: caseId(1), reason }), '已在外区就读');
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', note: NOTE, sequence: 2 });
  });

  it('leaves a placed request (a finished task) as it is', async () => {
    const { enrolment } = await received(primary(1));
    const placed = await fixture.run(PLACE, { id: enrolment!.id, school: '广州市白云区京溪小学' });
    expect(placed.errors).toBeUndefined();
    const before = await task(1);
    const result = await withdraw({ caseId: caseId(1), reason: '已在外区就读' });
    expect(result.data?.withdrawEducationCaseTasks.map((one) => [one.status, one.enrolment?.status])).toEqual([['DONE', 'PLACED']]);
    expect((await task(1)).sequence).toBe(before.sequence);
  });

  it('refuses a malformed case id or reason with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    await received(primary(1));
    const cases: [Record<string, unknown>, string][] = [
      [{ caseId: 'zz'.repeat(12), reason: '已在外区就读' }, 'caseId'],
      [{ caseId: caseId(1), reason: '  ' }, 'reason'],
      [{ caseId: caseId(1), reason: '因'.repeat(501) }, 'reason'],
    ];
    for (const [variables, field] of cases) {
      expect((await withdraw(variables)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await task(1)).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });
    expect(await fixture.models.SchoolEnrolment.countDocuments({ status: 'RECEIVED' })).toBe(1);
  });
});
