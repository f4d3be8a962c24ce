// 申请人撤回办件 (withdrawLegalCaseTasks, the window's call): a consultation not yet answered becomes
// WITHDRAWN (not CLOSED: closed means answered), the task is CANCELLED with the withdrawal in its note
// and reported in sequence; staff can take it no further. A repeat changes nothing; an answered one is left as is.
import { expectRewithdrawalChangesNothing } from '../../test/case-desk';
import { describe, expect, it } from 'vitest';
import type { CaseTaskDoc } from '../kit/case-task';
import { ADVISER, ANSWER, ASSIGN, PERSONAL_PHONE, RECEIVE, TASK_FIELDS, caseId, delivery, queuedReports, talentId, useLegalFixture } from './testing';

const fixture = useLegalFixture();

const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawLegalCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
type Consultation = { id: string; status: string; answeredAt: string | null };
type Task = { status: string; step: string | null; note: string; consultation: Consultation | null };
const withdraw = (variables: Record<string, unknown>) => fixture.run<{ withdrawLegalCaseTasks: Task[] }>(WITHDRAW, variables);
const task = async (n: number) => (await fixture.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const BAIYUN = talentId(1);
const NOTE = '申请人撤回办件：纠纷已和解（withdrawn by the applicant）';

async function received(n: number): Promise<string> {
  const result = await fixture.run<{ receiveLegalCaseTask: Task }>(RECEIVE, { input: delivery(n, BAIYUN, 'BAIYUN_YUNJU', PERSONAL_PHONE) });
  expect(result.errors).toBeUndefined();
  return result.data!.receiveLegalCaseTask.consultation!.id;
}

describe('withdrawLegalCaseTasks', () => {
  it('withdraws a consultation with counsel assigned but no answer; the task is CANCELLED and reported', async () => {
    const id = await received(1);
    expect((await fixture.run(ASSIGN, { id, counsel: ADVISER })).errors).toBeUndefined();
    const result = await withdraw({ caseId: caseId(1), reason: ' 纠纷已和解 ' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.withdrawLegalCaseTasks).toEqual([
      expect.objectContaining({ status: 'CANCELLED', step: 'COUNSEL_ASSIGNED', note: NOTE, consultation: expect.objectContaining({ status: 'WITHDRAWN', answeredAt: null }) }),
    ]);
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', completedAt: expect.any(Date), sequence: 3 });
    expect((await queuedReports(fixture)).map((report) => [report.sequence, report.status, report.step])).toEqual([[3, 'CANCELLED', 'COUNSEL_ASSIGNED']]);
    // Staff can no longer answer it.
    expect((await fixture.run(ANSWER, { id })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('is idempotent: withdrawing again changes nothing and queues no report', async () => {
    await received(1);
    await expectRewithdrawalChangesNothing(fixture, (reason) => withdraw({ caseId: caseId(1), reason }), '纠纷已和解');
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', note: NOTE, sequence: 2 });
  });

  it('leaves an answered consultation (a finished task) as it is', async () => {
    const id = await received(1);
    await fixture.run(ASSIGN, { id, counsel: ADVISER });
    fixture.clock.advance(3_600_000);
    expect((await fixture.run(ANSWER, { id })).errors).toBeUndefined();
    const queued = await queuedReports(fixture);
    const result = await withdraw({ caseId: caseId(1), reason: '纠纷已和解' });
    expect(result.data?.withdrawLegalCaseTasks.map((one) => [one.status, one.consultation?.status])).toEqual([['DONE', 'ANSWERED']]);
    expect(await queuedReports(fixture)).toEqual(queued);
  });

  it('refuses a malformed case id or reason with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    await received(1);
    const cases: [Record<string, unknown>, string][] = [
      [{ caseId: 'case-1', reason: '纠纷已和解' }, 'caseId'],
      [{ caseId: caseId(1), reason: '' }, 'reason'],
      [{ caseId: caseId(1), reason: '因'.repeat(501) }, 'reason'],
    ];
    for (const [variables, field] of cases) {
      expect((await withdraw(variables)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await task(1)).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });
    expect(await fixture.models.LegalConsultation.countDocuments({ status: 'REQUESTED' })).toBe(1);
  });
});
