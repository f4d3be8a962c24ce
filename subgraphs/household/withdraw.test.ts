// 申请人撤回办件 (withdrawHouseholdCaseTasks, the window's call): every hukou transfer of the task still
// IN_PROGRESS becomes WITHDRAWN (a rejected or settled one stays), the task is CANCELLED with the
// withdrawal in its note and reported in sequence. A repeat changes nothing; a finished task is left as is.
import { describe, expect, it } from 'vitest';
import { expectRewithdrawalChangesNothing, queuedReports } from '../../test/case-desk';
import type { CaseTaskDoc } from '../kit/case-task';
import { ADVANCE, caseId, delivery, HOLDER, hukouForm, MINOR, RECEIVE, REJECT, SPOUSE, TASK_FIELDS, talentId, useHouseholdFixture } from './testing';

const fixture = useHouseholdFixture();

const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawHouseholdCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
type Transfer = { id: string; status: string; currentStep: string | null; rejectionReason: string | null };
type Task = { status: string; step: string | null; note: string; transfers: Transfer[] };
const withdraw = (variables: Record<string, unknown>) => fixture.run<{ withdrawHouseholdCaseTasks: Task[] }>(WITHDRAW, variables);
const task = async (n: number) => (await fixture.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const BAIYUN = talentId(1);
const NOTE = '申请人撤回办件：暂不迁入（withdrawn by the applicant）';

async function received(n: number, item: 'HUKOU_TRANSFER_HOLDER' | 'HUKOU_TRANSFER_FAMILY', people = [SPOUSE, MINOR]): Promise<Task> {
  const result = await fixture.run<{ receiveHouseholdCaseTask: Task }>(RECEIVE, { input: delivery(n, BAIYUN, 'BAIYUN_YUNJU', item, hukouForm(people)) });
  expect(result.errors).toBeUndefined();
  return result.data!.receiveHouseholdCaseTask;
}

describe('withdrawHouseholdCaseTasks', () => {
  it('withdraws every transfer still in progress, leaves a rejected one, cancels the task and reports it', async () => {
    const { transfers } = await received(1, 'HUKOU_TRANSFER_FAMILY');
    const [spouse, child] = transfers.map((transfer) => transfer.id);
    expect((await fixture.run(REJECT, { id: child, reason: '随迁家属材料不齐全' })).errors).toBeUndefined();
    expect((await fixture.run(ADVANCE, { id: spouse })).errors).toBeUndefined();
    const result = await withdraw({ caseId: caseId(1), reason: ' 暂不迁入 ' });
    expect(result.errors).toBeUndefined();
    const [cancelled] = result.data!.withdrawHouseholdCaseTasks;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', note: NOTE });
    expect(cancelled.transfers.map((transfer) => [transfer.id, transfer.status, transfer.currentStep])).toEqual([
      [spouse, 'WITHDRAWN', null],
      [child, 'REJECTED', null],
    ]);
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', completedAt: expect.any(Date), sequence: 4 });
    // The window is sent the task's current state: the cancellation, after the steps before it.
    expect((await queuedReports(fixture)).map((report) => [report.sequence, report.status])).toEqual([[4, 'CANCELLED']]);
    // A withdrawn transfer blocks no other: the spouse may be asked for again.
    expect(await received(2, 'HUKOU_TRANSFER_FAMILY', [SPOUSE])).toMatchObject({ status: 'IN_PROGRESS', transfers: [{ status: 'IN_PROGRESS' }] });
  });

  it('is idempotent: withdrawing again changes nothing and queues no report', async () => {
    await received(1, 'HUKOU_TRANSFER_HOLDER', [HOLDER]);
    await expectRewithdrawalChangesNothing(fixture, (reason) => withdraw({ caseId: caseId(1), reason }), '暂不迁入');
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', note: NOTE, sequence: 2 });
  });

  it('leaves a finished task as it is: every transfer rejected, the task REFUSED', async () => {
    const { transfers } = await received(1, 'HUKOU_TRANSFER_HOLDER', [HOLDER]);
    await fixture.run(REJECT, { id: transfers[0].id, reason: '未提供合法住所证明' });
    const before = await task(1);
    const result = await withdraw({ caseId: caseId(1), reason: '暂不迁入' });
    expect(result.data?.withdrawHouseholdCaseTasks.map((one) => [one.status, one.transfers.map((transfer) => transfer.status)])).toEqual([['REFUSED', ['REJECTED']]]);
    expect((await task(1)).sequence).toBe(before.sequence);
  });

  it('refuses a malformed case id or reason with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    await received(1, 'HUKOU_TRANSFER_HOLDER', [HOLDER]);
    const cases: [Record<string, unknown>, string][] = [
      [{ caseId: 'case-1', reason: '暂不迁入' }, 'caseId'],
      [{ caseId: caseId(1), reason: ' ' }, 'reason'],
      [{ caseId: caseId(1), reason: '因'.repeat(501) }, 'reason'],
    ];
    for (const [variables, field] of cases) {
      expect((await withdraw(variables)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await task(1)).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });
    expect(await fixture.models.HukouTransfer.countDocuments({ status: 'IN_PROGRESS' })).toBe(1);
  });
});
