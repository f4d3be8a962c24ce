// 申请人撤回办件 (withdrawHealthCaseTasks, the window's call): a checkup still BOOKED is cancelled and
// the year's use given back (001 第四条（四）; 002 八（三）), the task CANCELLED with the withdrawal in
// its note and reported in sequence; a signed family-doctor contract (a finished task) stays as it is.
// A repeat changes nothing.
import { expectRewithdrawalChangesNothing } from '../../test/case-desk';
import { describe, expect, it } from 'vitest';
import type { CaseTaskDoc } from '../kit/case-task';
import { LIWAN_CONTRACT, RECEIVE, TASK_FIELDS, caseId, delivery, queuedReports, talentId, useHealthFixture } from './testing';

const fixture = useHealthFixture();

const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawHealthCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
type Task = { item: string; status: string; step: string | null; note: string; checkupBooking: { status: string } | null; familyDoctorContract: { status: string } | null };
const receive = (input: ReturnType<typeof delivery>) => fixture.run<{ receiveHealthCaseTask: Task }>(RECEIVE, { input });
const withdraw = (variables: Record<string, unknown>) => fixture.run<{ withdrawHealthCaseTasks: Task[] }>(WITHDRAW, variables);
const task = async (n: number) => (await fixture.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const BAIYUN = talentId(1);
const freeCheckup = (n: number) => delivery(n, BAIYUN, 'BAIYUN_YUNJU', 'FREE_ANNUAL_CHECKUP', { preferredDate: '2026-06-20', hospital: null });
const NOTE = '申请人撤回办件：另行安排（withdrawn by the applicant）';

describe('withdrawHealthCaseTasks', () => {
  it('cancels a booked checkup and its task, reports it, and gives the year’s use back', async () => {
    await receive(freeCheckup(1));
    expect((await receive(freeCheckup(2))).data?.receiveHealthCaseTask.status).toBe('REFUSED');
    const result = await withdraw({ caseId: caseId(1), reason: ' 另行安排 ' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.withdrawHealthCaseTasks).toEqual([
      expect.objectContaining({ item: 'FREE_ANNUAL_CHECKUP', status: 'CANCELLED', step: 'CHECKUP_BOOKED', note: NOTE, checkupBooking: expect.objectContaining({ status: 'CANCELLED' }) }),
    ]);
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', completedAt: expect.any(Date), sequence: 2 });
    expect((await queuedReports(fixture)).filter((report) => report.caseId === caseId(1)).map((report) => [report.status, report.step, report.sequence])).toEqual([['CANCELLED', 'CHECKUP_BOOKED', 2]]);
    expect((await receive(freeCheckup(3))).data?.receiveHealthCaseTask).toMatchObject({ status: 'IN_PROGRESS', checkupBooking: { status: 'BOOKED' } });
  });

  it('is idempotent: withdrawing again changes nothing and queues no report', async () => {
    await receive(freeCheckup(1));
    await expectRewithdrawalChangesNothing(fixture, (reason) => withdraw({ caseId: caseId(1), reason }), '另行安排');
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', note: NOTE, sequence: 2 });
  });

  it('leaves a signed family-doctor contract (a finished task) as it is', async () => {
    await receive(delivery(4, talentId(2), 'LIWAN_YINGCAI', 'FAMILY_DOCTOR_CONTRACT', LIWAN_CONTRACT));
    const reports = await queuedReports(fixture);
    const result = await withdraw({ caseId: caseId(4), reason: '另行安排' });
    expect(result.data?.withdrawHealthCaseTasks).toEqual([
      expect.objectContaining({ item: 'FAMILY_DOCTOR_CONTRACT', status: 'DONE', step: 'CONTRACT_SIGNED', familyDoctorContract: expect.objectContaining({ status: 'ACTIVE' }) }),
    ]);
    expect(await queuedReports(fixture)).toEqual(reports);
    expect(await task(4)).toMatchObject({ status: 'DONE', sequence: 1 });
  });

  it('refuses a malformed case id or reason with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    await receive(freeCheckup(1));
    const cases: [Record<string, unknown>, string][] = [
      [{ caseId: 'case-1', reason: '另行安排' }, 'caseId'],
      [{ caseId: caseId(1), reason: '' }, 'reason'],
      [{ caseId: caseId(1), reason: '因'.repeat(501) }, 'reason'],
    ];
    for (const [variables, field] of cases) {
      expect((await withdraw(variables)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await task(1)).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });
    expect(await fixture.models.CheckupBooking.countDocuments({ status: 'BOOKED' })).toBe(1);
  });
});
