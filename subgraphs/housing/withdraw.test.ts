// 申请人撤回办件 (withdrawHousingCaseTasks, the window's call): an application SUBMITTED or WAITLISTED
// becomes WITHDRAWN and the waitlist closes up behind it; the task is CANCELLED with the withdrawal
// in its note and reported. A repeat changes nothing; a decided application is left as is.
import { expectRewithdrawalChangesNothing } from '../../test/case-desk';
import { describe, expect, it } from 'vitest';
import type { CaseTaskDoc } from '../kit/case-task';
import { ALLOCATE, caseId, delivery, liwanForm, RECEIVE, reports, TASK_FIELDS, useHousingFixture, WAITLIST } from './test-support';

const h = useHousingFixture();

const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawHousingCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
type Application = { id: string; status: string; decidedOn: string | null; waitlistPosition: number | null };
type Task = { item: string; status: string; step: string | null; note: string; application: Application | null };
const withdraw = (variables: Record<string, unknown>) => h.run<{ withdrawHousingCaseTasks: Task[] }>(WITHDRAW, variables);
const task = async (n: number) => (await h.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const NOTE = '申请人撤回办件：已另购住房（withdrawn by the applicant）';

async function received(n: number): Promise<string> {
  const result = await h.run<{ receiveHousingCaseTask: Task }>(RECEIVE, { input: delivery(n, liwanForm()) });
  expect(result.errors).toBeUndefined();
  return result.data!.receiveHousingCaseTask.application!.id;
}
const application = async (id: string) => h.models.TalentApartmentApplication.findById(id).lean<Application>();

describe('withdrawHousingCaseTasks', () => {
  it('withdraws a waitlisted application: the queue closes up, the task is CANCELLED and reported', async () => {
    const first = await received(1);
    const second = await received(2);
    await h.run(WAITLIST, { id: first });
    await h.run(WAITLIST, { id: second });
    const result = await withdraw({ caseId: caseId(1), reason: ' 已另购住房 ' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.withdrawHousingCaseTasks).toEqual([
      expect.objectContaining({ status: 'CANCELLED', step: 'WAITLISTED', note: NOTE, application: expect.objectContaining({ status: 'WITHDRAWN', decidedOn: '2026-03-16', waitlistPosition: null }) }),
    ]);
    expect(await application(second)).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', completedAt: expect.any(Date), sequence: 3 });
    expect((await reports(h)).filter((report) => report.caseId === caseId(1)).map((report) => [report.status, report.step, report.sequence])).toEqual([['CANCELLED', 'WAITLISTED', 3]]);
  });

  it('withdraws a submitted application, and the talent may apply again', async () => {
    const id = await received(3);
    await withdraw({ caseId: caseId(3), reason: '已另购住房' });
    expect(await application(id)).toMatchObject({ status: 'WITHDRAWN', decidedOn: '2026-03-16' });
    const again = await h.run<{ receiveHousingCaseTask: Task }>(RECEIVE, { input: delivery(4, liwanForm(), { talentId: delivery(3, {}).talentId }) });
    expect(again.data?.receiveHousingCaseTask).toMatchObject({ status: 'IN_PROGRESS', application: { status: 'SUBMITTED' } });
  });

  it('is idempotent: withdrawing again changes nothing and queues no report', async () => {
    await received(1);
    await expectRewithdrawalChangesNothing(h, (reason) => withdraw({ caseId: caseId(1), reason }), '已另购住房');
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', note: NOTE, sequence: 2 });
  });

  it('leaves an allocated application (a finished task) as it is', async () => {
    const id = await received(1);
    await h.run(ALLOCATE, { id, unit: { building: '1栋', unitNumber: '101', areaSqm: 45 } });
    const queued = await reports(h);
    const result = await withdraw({ caseId: caseId(1), reason: '已另购住房' });
    expect(result.data?.withdrawHousingCaseTasks.map((one) => [one.status, one.application?.status])).toEqual([['DONE', 'ALLOCATED']]);
    expect(await reports(h)).toEqual(queued);
  });

  it('refuses a malformed case id or reason with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    const id = await received(1);
    const cases: [Record<string, unknown>, string][] = [
      [{ caseId: '12345', reason: '已另购住房' }, 'caseId'],
      [{ caseId: caseId(1), reason: '\n' }, 'reason'],
      [{ caseId: caseId(1), reason: '因'.repeat(501) }, 'reason'],
    ];
    for (const [variables, field] of cases) {
      expect((await withdraw(variables)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await task(1)).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });
    expect(await application(id)).toMatchObject({ status: 'SUBMITTED' });
  });
});
