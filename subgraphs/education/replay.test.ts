// Every step of the bureau's part that touches another document is finished by a retry after an
// interruption, never doubled (DESIGN.md, The flow of a case; no multi-document transaction): a
// decision run again writes one request, two requests for one child and year racing each other
// leave one live request (000 八（二）2), a staff decision left half-done is finished by the
// recovery round or the next decision without writing the request twice, and a withdrawal run
// again withdraws once.
import { mongo } from 'mongoose';
import { describe, expect, it, vi } from 'vitest';
import { documentCounts, refusal } from '../../test/case-desk';
import { recordIdFor, type CaseTaskDoc } from '../kit/case-task';
import type { PendingStep } from '../kit/case-task-model';
import { STEP_GRACE_MS } from '../kit/task-steps';
import { decideEnrolmentTask } from './cases';
import { decidedEnrolment, type EnrolmentDecision } from './enrolments';
import type { SchoolEnrolmentDoc } from './model';
import { cancelRecordsFor } from './withdraw';
import { APPLY, PLACE, RECEIVE, SIX, TASK_FIELDS, TODDLER, caseId, delivery, deskDelivery, enrolmentForm, secondProcess, talentId, useEducationFixture } from './testing';

const fixture = useEducationFixture();

type Task = { status: string; step: string | null; reason: string | null; enrolment: { id: string; status: string } | null };
const BAIYUN = talentId(1);
const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawEducationCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
const kindergarten = (n: number) => delivery(n, BAIYUN, 'BAIYUN_YUNJU', 'KINDERGARTEN_ENROLMENT', enrolmentForm(TODDLER, 'KINDERGARTEN'));
const primary = (n: number) => delivery(n, BAIYUN, 'BAIYUN_YUNJU', 'SCHOOL_ENROLMENT', enrolmentForm(SIX, 'PRIMARY'));
const received = async (input: ReturnType<typeof delivery>) => {
  const result = await fixture.run<{ receiveEducationCaseTask: Task }>(RECEIVE, { input });
  expect(result.errors).toBeUndefined();
  return result.data!.receiveEducationCaseTask;
};
const applyDirectly = () =>
  fixture.run(APPLY, {
    input: { talentId: BAIYUN, program: 'BAIYUN_YUNJU', child: { name: SIX.name, relation: 'CHILD', gender: SIX.gender, birthDate: SIX.birthDate }, level: 'PRIMARY', schoolYear: 2026, district: '白云区', preferredSchool: '广州市白云区京溪小学' },
  });
const taskOf = async (n: number) => (await fixture.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const enrolments = () => fixture.models.SchoolEnrolment.find().sort({ _id: 1 }).lean<(SchoolEnrolmentDoc & { __v: number })[]>();
const DUPLICATE = '陈子轩已有 2026 学年的入学申请（this child already has a live request for that school year）— 000 八（二）2';

/**
 * A decision whose process stopped after it wrote its records and before the desk stored it: the
 * callback never returns (a process that died does not throw), so the undecided task stays as it was.
 */
async function decidedThenStopped(input: ReturnType<typeof delivery>): Promise<void> {
  const services = secondProcess(fixture);
  await new Promise<void>((written, failed) => {
    void services.desk
      .receive(deskDelivery(input), async (task, form) => {
        await decideEnrolmentTask(services, task, form);
        written();
        return new Promise<never>(() => {});
      })
      .catch(failed);
  });
}

/** The talent's requests as a read made just before a racing request wrote its own: none yet. */
function readBeforeTheOtherWrote(): void {
  vi.spyOn(fixture.models.SchoolEnrolment, 'find').mockReturnValueOnce({ lean: async () => [] } as never);
}

describe('a decision run again after an interruption', () => {
  it('finds the request it wrote instead of writing another', async () => {
    await decidedThenStopped(kindergarten(1));
    expect(await taskOf(1)).toMatchObject({ decided: false, status: 'RECEIVED' });
    const [first] = await enrolments();

    fixture.clock.advance(60_000);
    const task = await received(kindergarten(1));
    expect(task).toMatchObject({ status: 'IN_PROGRESS', step: 'KINDERGARTEN_LOTTERY', enrolment: { id: recordIdFor(await taskOf(1)).toString(), status: 'RECEIVED' } });
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, SchoolEnrolment: 1 });
    expect(await enrolments()).toEqual([first]);
    expect(await taskOf(1)).toMatchObject({ decided: true, sequence: 1 });
  });
});

describe('two requests for one child and school year racing each other (000 八（二）2)', () => {
  it('refuses the case whose read came too late under the same rule, writing no request', async () => {
    await received(primary(1));
    readBeforeTheOtherWrote();
    const second = await received(primary(2));
    expect(second).toMatchObject({ status: 'REFUSED', enrolment: null });
    expect(second.reason).toContain(DUPLICATE);
    expect(await fixture.models.SchoolEnrolment.countDocuments()).toBe(1);
  });

  it('refuses a direct application whose read came too late with the same rule as input', async () => {
    await received(primary(1));
    readBeforeTheOtherWrote();
    const { code, field, problems, message } = refusal(await applyDirectly());
    expect({ code, field, problems }).toEqual({ code: 'BAD_USER_INPUT', field: 'input.child', problems: ['ENROLMENT_DUPLICATE'] });
    expect(message).toContain('陈子轩已有 2026 学年的入学申请');
    expect(await fixture.models.SchoolEnrolment.countDocuments()).toBe(1);
  });

  it('lets exactly one of several simultaneous direct applications through', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => applyDirectly()));
    expect(results.map((result) => result.errors?.[0]?.extensions?.code ?? 'RECEIVED').sort()).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'RECEIVED']);
    expect(await fixture.models.SchoolEnrolment.countDocuments()).toBe(1);
  });
});

describe('a staff decision interrupted between the request and the task', () => {
  /** What kit/task-steps.ts leaves when its process stops after the record write: the request decided, the task not moved. */
  async function decideHalfDone(input: ReturnType<typeof delivery>, decision: EnrolmentDecision): Promise<string> {
    await received(input);
    const task = (await fixture.tasks.findOne({ caseId: input.caseId }).lean<CaseTaskDoc>())!;
    const [stored] = await enrolments();
    const { set, task: change } = decidedEnrolment(stored, decision, fixture.clock.now());
    const step: PendingStep = {
      token: 'stopped-step', kind: 'RECORD', at: fixture.clock.now(), change,
      model: 'SchoolEnrolment', recordId: stored._id.toString(), fromVersion: 0, set: mongo.BSON.EJSON.stringify(set),
    };
    await fixture.tasks.updateOne({ _id: task._id }, { $set: { pendingStep: step } });
    await fixture.models.SchoolEnrolment.updateOne({ _id: stored._id, __v: 0 }, { $set: set, $inc: { __v: 1 } });
    return stored._id.toString();
  }

  it('is finished by the recovery round once its grace has passed, the request written once', async () => {
    await decideHalfDone(kindergarten(1), { kind: 'LOTTERY', won: true, school: null });
    const other = secondProcess(fixture);
    await other.desk.reports.drain();
    expect(await taskOf(1)).toMatchObject({ step: 'KINDERGARTEN_LOTTERY', sequence: 1, pendingStep: expect.objectContaining({ token: 'stopped-step' }) });

    fixture.clock.advance(STEP_GRACE_MS + 1000);
    await other.desk.reports.drain();
    expect(await taskOf(1)).toMatchObject({ status: 'DONE', step: 'PLACED', sequence: 2, pendingStep: null });
    expect(await enrolments()).toEqual([expect.objectContaining({ status: 'PLACED', lotteryOutcome: 'WON', __v: 1 })]);
  });

  it('is finished by the next decision, which then takes its own: placed after the lost lottery', async () => {
    const id = await decideHalfDone(kindergarten(2), { kind: 'LOTTERY', won: false, school: null });
    const place = { id, school: '广州市白云区同和幼儿园', priority: true };
    // Within the grace the lottery step may still be under way.
    expect((await fixture.run(PLACE, place)).errors?.[0].extensions).toMatchObject({ code: 'REQUEST_IN_PROGRESS' });

    fixture.clock.advance(STEP_GRACE_MS + 1000);
    expect((await fixture.run(PLACE, place)).errors).toBeUndefined();
    expect(await taskOf(2)).toMatchObject({ status: 'DONE', step: 'PLACED', sequence: 3, pendingStep: null });
    // Two writes: the lottery once, then the placement.
    expect(await enrolments()).toEqual([expect.objectContaining({ status: 'PLACED', lotteryOutcome: 'NOT_WON', priorityOutcome: 'GRANTED', __v: 2 })]);
  });
});

describe('a withdrawal interrupted after withdrawing the request', () => {
  it('is finished by the window’s retry, the request withdrawn once', async () => {
    await received(primary(3));
    const services = secondProcess(fixture);
    const stopped = services.desk.withdraw(caseId(3), '已在外区就读', async (task) => {
      await cancelRecordsFor(services)(task);
      throw new Error('process stopped');
    });
    await expect(stopped).rejects.toThrow('process stopped');
    expect(await taskOf(3)).toMatchObject({ status: 'IN_PROGRESS', pendingStep: expect.objectContaining({ kind: 'WITHDRAW' }) });

    const retried = await fixture.run<{ withdrawEducationCaseTasks: Task[] }>(WITHDRAW, { caseId: caseId(3), reason: '已在外区就读' });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.withdrawEducationCaseTasks).toEqual([expect.objectContaining({ status: 'CANCELLED', enrolment: expect.objectContaining({ status: 'WITHDRAWN' }) })]);
    expect(await taskOf(3)).toMatchObject({ status: 'CANCELLED', sequence: 2, pendingStep: null });
    expect(await enrolments()).toEqual([expect.objectContaining({ status: 'WITHDRAWN', __v: 1 })]);
  });

  it('withdraws the request of a delivery withdrawn before its decision was stored, freeing the child', async () => {
    await decidedThenStopped(primary(4));
    expect((await fixture.run(WITHDRAW, { caseId: caseId(4), reason: '已在外区就读' })).errors).toBeUndefined();
    expect(await taskOf(4)).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect(await enrolments()).toEqual([expect.objectContaining({ status: 'WITHDRAWN', __v: 1 })]);
    expect(await received(primary(5))).toMatchObject({ status: 'IN_PROGRESS' });
  });
});
