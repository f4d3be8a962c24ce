// Every step of the household part that touches another document is finished by a retry after an
// interruption, never doubled (DESIGN.md, The flow of a case; no multi-document transaction): a
// decision run again opens one set of transfers, two requests for one person racing each other
// open one flow (000 一（二）), a staff step left half-done is finished by the recovery round or the
// next step without writing the transfer twice, and a withdrawal run again withdraws once.
import { mongo } from 'mongoose';
import { describe, expect, it, vi } from 'vitest';
import { documentCounts } from '../../test/case-desk';
import { recordIdFor, type CaseTaskDoc } from '../kit/case-task';
import type { PendingStep } from '../kit/case-task-model';
import { STEP_GRACE_MS } from '../kit/task-steps';
import { decideHukouTask } from './cases';
import { advancedTransfer, taskChangeAfter, type TransferRecord } from './transfers';
import { cancelRecordsFor } from './withdraw';
import { ADVANCE, HOLDER, MINOR, RECEIVE, SPOUSE, TASK_FIELDS, caseId, delivery, deskDelivery, hukouForm, secondProcess, talentId, useHouseholdFixture, type Person } from './testing';

const fixture = useHouseholdFixture();

type Transfer = { id: string; status: string; currentStep: string | null };
type Task = { status: string; step: string | null; reason: string | null; transfers: Transfer[] };
const BAIYUN = talentId(1);
const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawHouseholdCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
const familyCase = (n: number, people: Person[] = [SPOUSE, MINOR]) => delivery(n, BAIYUN, 'BAIYUN_YUNJU', people.some((person) => person.relation === 'HOLDER') ? 'HUKOU_TRANSFER_HOLDER' : 'HUKOU_TRANSFER_FAMILY', hukouForm(people));
const received = async (n: number, people?: Person[]) => {
  const result = await fixture.run<{ receiveHouseholdCaseTask: Task }>(RECEIVE, { input: familyCase(n, people) });
  expect(result.errors).toBeUndefined();
  return result.data!.receiveHouseholdCaseTask;
};
const taskOf = async (n: number) => (await fixture.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const transfers = () => fixture.models.HukouTransfer.find().sort({ _id: 1 }).lean<(TransferRecord & { __v: number })[]>();
const DUPLICATE = '已有办理中或已落户的户口迁入申请';

/**
 * A decision whose process stopped after it wrote its records and before the desk stored it: the
 * callback never returns (a process that died does not throw), so the undecided task stays as it was.
 */
async function decidedThenStopped(n: number, people?: Person[]): Promise<void> {
  const services = secondProcess(fixture);
  await new Promise<void>((written, failed) => {
    void services.desk
      .receive(deskDelivery(familyCase(n, people)), async (task, form) => {
        await decideHukouTask(services, task, form);
        written();
        return new Promise<never>(() => {});
      })
      .catch(failed);
  });
}

/** The talent's transfers as a read made just before a racing request wrote its own: none yet. */
function readBeforeTheOtherWrote(): void {
  vi.spyOn(fixture.models.HukouTransfer, 'find').mockReturnValueOnce({ lean: async () => [] } as never);
}

describe('a decision run again after an interruption', () => {
  it('finds the transfers it opened instead of opening more', async () => {
    await decidedThenStopped(1);
    expect(await taskOf(1)).toMatchObject({ decided: false, status: 'RECEIVED' });
    const opened = await transfers();
    expect(opened).toHaveLength(2);

    fixture.clock.advance(60_000);
    const task = await received(1);
    const stored = await taskOf(1);
    expect(task).toMatchObject({ status: 'IN_PROGRESS', step: 'MATERIALS_UPLOADED', transfers: [{ id: recordIdFor(stored, 0).toString() }, { id: recordIdFor(stored, 1).toString() }] });
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, HukouTransfer: 2 });
    expect(await transfers()).toEqual(opened);
    expect(stored).toMatchObject({ decided: true, sequence: 1 });
  });
});

describe('two requests for one person racing each other (000 一（二）: one flow per person)', () => {
  it('opens one transfer; the request whose read came too late is refused under the same rule', async () => {
    await received(1, [HOLDER]);
    readBeforeTheOtherWrote();
    const second = await received(2, [HOLDER]);
    expect(second).toMatchObject({ status: 'REFUSED', transfers: [] });
    expect(second.reason).toContain(`李建国${DUPLICATE}（this person already has a transfer in progress or settled）— 000 一（二）`);
    expect(await fixture.models.HukouTransfer.countDocuments()).toBe(1);
  });

  it('keeps none of a family request’s transfers when one of its people was taken first', async () => {
    await received(1, [MINOR]);
    readBeforeTheOtherWrote();
    const family = await received(2, [SPOUSE, MINOR]);
    expect(family).toMatchObject({ status: 'REFUSED', transfers: [] });
    expect(family.reason).toContain(`李小雨${DUPLICATE}`);
    expect((await transfers()).map((transfer) => [transfer.caseId, transfer.applicant.name])).toEqual([[caseId(1), MINOR.name]]);
  });

  it('lets exactly one of several simultaneous deliveries open the holder’s transfer', async () => {
    const results = await Promise.all([1, 2, 3, 4].map((n) => fixture.run<{ receiveHouseholdCaseTask: Task }>(RECEIVE, { input: familyCase(n, [HOLDER]) })));
    const statuses = results.map((result) => result.data?.receiveHouseholdCaseTask.status).sort();
    expect(statuses).toEqual(['IN_PROGRESS', 'REFUSED', 'REFUSED', 'REFUSED']);
    expect(await fixture.models.HukouTransfer.countDocuments()).toBe(1);
  });
});

describe('a staff step interrupted between the transfer and the task', () => {
  const EVENT = '王丽：填报资料并上传原件材料已办结（particulars filled in and originals uploaded done）';

  /** What kit/task-steps.ts leaves when its process stops after the record write: the spouse advanced, the task not moved. */
  async function advanceHalfDone(n: number): Promise<{ spouse: string; child: string }> {
    await received(n);
    const task = await taskOf(n);
    const [spouse, child] = task.recordIds;
    const stored = (await fixture.models.HukouTransfer.findById(spouse).lean<TransferRecord>())!;
    const { next, set } = advancedTransfer(stored, fixture.clock.now());
    const step: PendingStep = {
      token: 'stopped-step', kind: 'RECORD', at: fixture.clock.now(), change: await taskChangeAfter(fixture.models, task, next, EVENT),
      model: 'HukouTransfer', recordId: spouse, fromVersion: 0, set: mongo.BSON.EJSON.stringify(set),
    };
    await fixture.tasks.updateOne({ _id: task._id }, { $set: { pendingStep: step } });
    await fixture.models.HukouTransfer.updateOne({ _id: spouse, __v: 0 }, { $set: set, $inc: { __v: 1 } });
    return { spouse, child };
  }

  it('is finished by the recovery round once its grace has passed, the transfer written once', async () => {
    await advanceHalfDone(1);
    const other = secondProcess(fixture);
    await other.desk.reports.drain();
    expect(await taskOf(1)).toMatchObject({ sequence: 1, pendingStep: expect.objectContaining({ token: 'stopped-step' }) });

    fixture.clock.advance(STEP_GRACE_MS + 1000);
    await other.desk.reports.drain();
    expect(await taskOf(1)).toMatchObject({ status: 'IN_PROGRESS', step: 'MATERIALS_UPLOADED', note: expect.stringContaining(EVENT), sequence: 2, pendingStep: null });
    const [spouse, child] = await transfers();
    expect(spouse).toMatchObject({ status: 'IN_PROGRESS', __v: 1 });
    expect(spouse.steps.filter((step) => step.completedAt !== null)).toHaveLength(2);
    expect(child).toMatchObject({ __v: 0 });
  });

  it('is finished by the next step, which then takes its own', async () => {
    const { child } = await advanceHalfDone(2);
    // Within the grace the spouse's step may still be under way.
    expect((await fixture.run(ADVANCE, { id: child })).errors?.[0].extensions).toMatchObject({ code: 'REQUEST_IN_PROGRESS' });

    fixture.clock.advance(STEP_GRACE_MS + 1000);
    const advanced = await fixture.run(ADVANCE, { id: child });
    expect(advanced.errors).toBeUndefined();
    // Both at the information card now: the spouse's step once, then the child's.
    expect(await taskOf(2)).toMatchObject({ status: 'IN_PROGRESS', step: 'INFO_CARD', sequence: 3, pendingStep: null });
    expect((await transfers()).map((transfer) => [transfer.__v, transfer.steps.filter((step) => step.completedAt !== null).length])).toEqual([[1, 2], [1, 2]]);
  });
});

describe('a withdrawal interrupted after withdrawing the transfers', () => {
  it('is finished by the window’s retry, each transfer withdrawn once', async () => {
    await received(3);
    const services = secondProcess(fixture);
    const stopped = services.desk.withdraw(caseId(3), '暂不迁入', async (task) => {
      await cancelRecordsFor(services)(task);
      throw new Error('process stopped');
    });
    await expect(stopped).rejects.toThrow('process stopped');
    expect(await taskOf(3)).toMatchObject({ status: 'IN_PROGRESS', pendingStep: expect.objectContaining({ kind: 'WITHDRAW' }) });

    const retried = await fixture.run<{ withdrawHouseholdCaseTasks: Task[] }>(WITHDRAW, { caseId: caseId(3), reason: '暂不迁入' });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.withdrawHouseholdCaseTasks).toEqual([expect.objectContaining({ status: 'CANCELLED' })]);
    expect(await taskOf(3)).toMatchObject({ status: 'CANCELLED', sequence: 2, pendingStep: null });
    expect((await transfers()).map((transfer) => [transfer.status, transfer.__v])).toEqual([['WITHDRAWN', 1], ['WITHDRAWN', 1]]);
  });

  it('withdraws the transfers of a delivery withdrawn before its decision was stored, freeing the people', async () => {
    await decidedThenStopped(4);
    expect((await fixture.run(WITHDRAW, { caseId: caseId(4), reason: '暂不迁入' })).errors).toBeUndefined();
    expect(await taskOf(4)).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect((await transfers()).map((transfer) => [transfer.status, transfer.__v])).toEqual([['WITHDRAWN', 1], ['WITHDRAWN', 1]]);
    expect(await received(5)).toMatchObject({ status: 'IN_PROGRESS' });
  });
});
