// Every step of the bureau's part that touches another document is finished by a retry after an
// interruption, never doubled (DESIGN.md, The flow of a case; no multi-document transaction): a
// decision run again books once, a staff step left half-done is finished without writing the
// booking twice, a withdrawal run again gives the year's use back once (001 第四条（四）; 002 八（三）).
import { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { documentCounts } from '../../test/case-desk';
import { recordIdFor, type CaseTaskDoc } from '../kit/case-task';
import type { PendingStep } from '../kit/case-task-model';
import { STEP_GRACE_MS } from '../kit/task-steps';
import { checkupTaskChange } from './bookings';
import { decideHealthTask } from './cases';
import type { CheckupBookingDoc } from './model';
import { LIWAN_CONTRACT, RECEIVE, TASK_FIELDS, caseId, delivery, deskDelivery, secondProcess, talentId, useHealthFixture } from './testing';

const fixture = useHealthFixture();

type Task = { status: string; step: string | null; checkupBooking: { id: string; status: string } | null; familyDoctorContract: { id: string; renewals: number } | null };
const received = async (input: ReturnType<typeof delivery>) => {
  const result = await fixture.run<{ receiveHealthCaseTask: Task }>(RECEIVE, { input });
  expect(result.errors).toBeUndefined();
  return result.data!.receiveHealthCaseTask;
};
const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawHealthCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
const CANCEL = 'mutation ($id: ID!) { cancelCheckupBooking(id: $id) { id status } }';
const BAIYUN = talentId(1);
const LIWAN = talentId(2);
const freeCheckup = (n: number) => delivery(n, BAIYUN, 'BAIYUN_YUNJU', 'FREE_ANNUAL_CHECKUP', { preferredDate: '2026-06-20', hospital: null });
const taskOf = async (n: number) => (await fixture.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const bookings = () => fixture.models.CheckupBooking.find().sort({ caseId: 1, _id: 1 }).lean<(CheckupBookingDoc & { __v: number })[]>();
/** The year's uses held (model.ts: one booked or done checkup per talent and year). */
const usesHeld = () => fixture.models.CheckupBooking.countDocuments({ talentId: BAIYUN, yearSlot: 2026 });

/** The delivery's decision runs in full, then the process stops before the desk stores it. */
async function receiveInterrupted(input: ReturnType<typeof delivery>): Promise<void> {
  const services = secondProcess(fixture);
  const decide = decideHealthTask(services);
  const stopped = services.desk.receive(deskDelivery(input), async (task, form) => {
    await decide(task, form);
    throw new Error('process stopped');
  });
  await expect(stopped).rejects.toThrow('process stopped');
  expect(await fixture.tasks.findOne({ caseId: input.caseId }).lean<CaseTaskDoc>()).toMatchObject({ decided: false, status: 'RECEIVED', sequence: 0 });
}

describe('a decision run again after an interruption', () => {
  it('finds the checkup it booked instead of refusing itself under the once-a-year rule', async () => {
    await receiveInterrupted(freeCheckup(1));
    const [booking] = await bookings();
    expect(booking._id.equals(recordIdFor(await taskOf(1)))).toBe(true);

    // The window delivers the part again: the decision runs again and finds its booking.
    const task = await received(freeCheckup(1));
    expect(task).toMatchObject({ status: 'IN_PROGRESS', step: 'CHECKUP_BOOKED', checkupBooking: { id: booking._id.toString(), status: 'BOOKED' } });
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, CheckupBooking: 1 });
    expect(await usesHeld()).toBe(1);
    expect(await taskOf(1)).toMatchObject({ decided: true, sequence: 1, recordIds: [booking._id.toString()] });
  });

  it('writes a claimed family-doctor term once, though its contract was not written before the stop', async () => {
    await receiveInterrupted(delivery(2, LIWAN, 'LIWAN_YINGCAI', 'FAMILY_DOCTOR_CONTRACT', LIWAN_CONTRACT));
    // The stop came between the claim and the contract (signings.ts): only the claim is there.
    await fixture.models.FamilyDoctorContract.deleteMany({});
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, FamilyDoctorSigning: 1 });

    const task = await received(delivery(2, LIWAN, 'LIWAN_YINGCAI', 'FAMILY_DOCTOR_CONTRACT', LIWAN_CONTRACT));
    // 002 八（四）: not refused as overlapping its own claim; the first term, no renewal.
    expect(task).toMatchObject({ status: 'DONE', step: 'CONTRACT_SIGNED', familyDoctorContract: { id: recordIdFor(await taskOf(2)).toString(), renewals: 0 } });
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, FamilyDoctorContract: 1, FamilyDoctorSigning: 1 });
  });

  it('lets a delivery withdrawn before its decision was stored give its booking’s use back', async () => {
    await receiveInterrupted(freeCheckup(3));
    const result = await fixture.run(WITHDRAW, { caseId: caseId(3), reason: '另行安排' });
    expect(result.errors).toBeUndefined();
    expect(await taskOf(3)).toMatchObject({ decided: true, status: 'CANCELLED', sequence: 1 });
    expect((await bookings()).map((booking) => booking.status)).toEqual(['CANCELLED']);
    expect(await usesHeld()).toBe(0);
  });
});

describe('a staff step interrupted between the booking and the task', () => {
  /** What kit/task-steps.ts leaves when its process stops after the record write: the booking cancelled, the task not moved. */
  async function cancelHalfDone(n: number): Promise<CheckupBookingDoc> {
    await received(freeCheckup(n));
    const [booking] = await bookings();
    const set = { status: 'CANCELLED', yearSlot: null };
    const step: PendingStep = {
      token: 'stopped-step', kind: 'RECORD', at: fixture.clock.now(), change: checkupTaskChange({ ...booking, status: 'CANCELLED' }),
      model: 'CheckupBooking', recordId: booking._id.toString(), fromVersion: 0, set: mongo.BSON.EJSON.stringify(set),
    };
    await fixture.tasks.updateOne({ caseId: caseId(n) }, { $set: { pendingStep: step } });
    await fixture.models.CheckupBooking.updateOne({ _id: booking._id, __v: 0 }, { $set: set, $inc: { __v: 1 } });
    return booking;
  }

  it('is finished by the recovery round once its grace has passed, the booking written once', async () => {
    const booking = await cancelHalfDone(4);
    const other = secondProcess(fixture);
    // Within the grace the step may still be running: nobody takes it over.
    expect((await fixture.run(CANCEL, { id: booking._id.toString() })).errors?.[0].extensions).toMatchObject({ code: 'REQUEST_IN_PROGRESS' });
    await other.desk.reports.drain();
    expect(await taskOf(4)).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });

    fixture.clock.advance(STEP_GRACE_MS + 1000);
    await other.desk.reports.drain();
    expect(await taskOf(4)).toMatchObject({ status: 'CANCELLED', step: 'CHECKUP_CANCELLED', sequence: 2, pendingStep: null });
    expect(await bookings()).toEqual([expect.objectContaining({ status: 'CANCELLED', yearSlot: null, __v: 1 })]);
    expect(await usesHeld()).toBe(0);
  });

  it('is finished by the next step on the booking, which then refuses its own (already cancelled)', async () => {
    const booking = await cancelHalfDone(5);
    fixture.clock.advance(STEP_GRACE_MS + 1000);
    const again = await fixture.run(CANCEL, { id: booking._id.toString() });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(again.errors?.[0].message).toContain('只有已预约的体检可以取消');
    expect(await taskOf(5)).toMatchObject({ status: 'CANCELLED', step: 'CHECKUP_CANCELLED', sequence: 2, pendingStep: null });
    expect(await bookings()).toEqual([expect.objectContaining({ status: 'CANCELLED', __v: 1 })]);
  });
});

describe('a withdrawal interrupted after undoing the booking', () => {
  it('is finished by the window’s retry, giving the year’s use back once', async () => {
    await received(freeCheckup(6));
    const services = secondProcess(fixture);
    // The withdrawal cancels the booking (the use given back), then its process stops.
    const stopped = services.desk.withdraw(caseId(6), '另行安排', async (task) => {
      await fixture.models.CheckupBooking.updateOne({ _id: task.recordIds[0], status: 'BOOKED' }, { $set: { status: 'CANCELLED', yearSlot: null }, $inc: { __v: 1 } });
      throw new Error('process stopped');
    });
    await expect(stopped).rejects.toThrow('process stopped');
    expect(await taskOf(6)).toMatchObject({ status: 'IN_PROGRESS', pendingStep: expect.objectContaining({ kind: 'WITHDRAW' }) });

    // Meanwhile another case takes the year's free checkup that was given back.
    expect((await received(freeCheckup(7))).status).toBe('IN_PROGRESS');
    expect(await usesHeld()).toBe(1);

    const retried = await fixture.run<{ withdrawHealthCaseTasks: Task[] }>(WITHDRAW, { caseId: caseId(6), reason: '另行安排' });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.withdrawHealthCaseTasks).toEqual([expect.objectContaining({ status: 'CANCELLED', checkupBooking: expect.objectContaining({ status: 'CANCELLED' }) })]);
    expect(await taskOf(6)).toMatchObject({ status: 'CANCELLED', sequence: 2, pendingStep: null });
    // The other case's booking keeps the use: it was given back once, not twice.
    expect((await bookings()).map((booking) => [booking.caseId, booking.status, booking.__v])).toEqual([
      [caseId(6), 'CANCELLED', 1],
      [caseId(7), 'BOOKED', 0],
    ]);
    expect(await usesHeld()).toBe(1);
  });
});
