// Every step that touches another document is finished by a retry and never doubled (DESIGN.md, The
// flow of a case; no multi-document transaction): a delivery whose decision was interrupted after
// its booking was written, a staff cancellation whose booking was written but whose task was not
// moved, and a withdrawal interrupted after it gave the use back — each replayed, each leaving one
// booking, one use of the yearly allowance per booking (000 十三: 每年2次; 000 十三（三）3).
import { randomUUID } from 'node:crypto';
import { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createCaseTaskDesk, type CaseTaskDelivery, type CaseTaskDoc } from '../kit/case-task';
import { STEP_GRACE_MS } from '../kit/task-steps';
import { testEnvironment } from '../../test/environment';
import { decideCustomsTask } from './cases';
import type { CustomsServices } from './context';
import { registerCustomsModels } from './model';
import { airportForm, caseId, delivery, RECEIVE, talentId, useCustomsFixture } from './test-support';

const h = useCustomsFixture();

/** The department's services on the fixture's database and clock, to drive its desk by hand. */
function services(): CustomsServices {
  const environment = testEnvironment({}, h.clock);
  return { connection: h.connection, models: registerCustomsModels(h.connection), environment, desk: createCaseTaskDesk(h.connection, environment, 'customs') };
}

const deskDelivery = (n: number, form: unknown, overrides: Record<string, unknown> = {}): CaseTaskDelivery => {
  const raw = delivery(n, form, overrides);
  return { ...raw, acceptedAt: new Date(raw.acceptedAt) } as CaseTaskDelivery;
};
type Received = { receiveCustomsCaseTask: { status: string; step: string; booking: { id: string } | null } };
const receive = (input: unknown) => h.run<Received>(RECEIVE, { input });
const task = async (n: number) => (await h.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const allowances = () => registerCustomsModels(h.connection).AirportAllowance;
const allowance2026 = (n: number) => allowances().findById(`airport:${talentId(n)}:2026`).lean();
const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawCustomsCaseTasks(caseId: $caseId, reason: $reason) { status } }`;

describe('replaying an interrupted step', () => {
  it('a delivery whose decision was interrupted after its booking was written decides again: one booking, its use taken once', async () => {
    const { desk } = services();
    // One booking already this year: the retry must not count its own booking as the second.
    await receive(delivery(2, airportForm({ flightTime: '2026-06-01T12:00:00+08:00' }), { talentId: talentId(1) }));
    const interrupted = desk.receive(deskDelivery(1, airportForm()), async (draft, form) => {
      await decideCustomsTask(services())(draft, form);
      throw new Error('process stopped before the decision was stored');
    });
    await expect(interrupted).rejects.toThrow('process stopped');
    // The task stays undecided (a withdrawal would still find it); the booking is under the task's first record id.
    expect(await task(1)).toMatchObject({ decided: false, sequence: 0 });
    expect(await h.models.AirportServiceBooking.countDocuments({ talentId: talentId(1) })).toBe(2);

    const retried = await receive(delivery(1, airportForm()));
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.receiveCustomsCaseTask).toMatchObject({ status: 'IN_PROGRESS', step: 'BOOKED' });
    expect(await h.models.AirportServiceBooking.countDocuments({ talentId: talentId(1) })).toBe(2);
    expect(await task(1)).toMatchObject({ decided: true, sequence: 1, recordIds: [retried.data!.receiveCustomsCaseTask.booking!.id] });
    expect(await allowance2026(1)).toMatchObject({ used: 2 });
  });

  it('a cancellation whose booking was written but whose task was not moved is finished by the recovery, the booking written once', async () => {
    const { desk } = services();
    const booked = await receive(delivery(1, airportForm()));
    const id = booked.data!.receiveCustomsCaseTask.booking!.id;
    await receive(delivery(2, airportForm({ flightTime: '2026-06-01T12:00:00+08:00' }), { talentId: talentId(1) }));
    // What task-steps.ts leaves when the process stops after the record write: the step in the
    // task, the booking at its new version, the task not moved, the use not given back.
    const cancelledAt = h.clock.now();
    const set = { status: 'CANCELLED', cancelledAt };
    const change = { status: 'CANCELLED' as const, step: 'CANCELLED', note: '已取消预约，本年度服务次数退回（booking cancelled; the use is given back）— 000 十三（三）3' };
    await h.tasks.updateOne({ caseId: caseId(1) }, { $set: { pendingStep: { token: randomUUID(), kind: 'RECORD', at: cancelledAt, change, model: 'AirportServiceBooking', recordId: id, fromVersion: 0, set: mongo.BSON.EJSON.stringify(set) } } });
    await h.models.AirportServiceBooking.updateOne({ _id: id, __v: 0 }, { $set: set, $inc: { __v: 1 } });

    // Within the grace another step waits; after it, the recovery round finishes the step.
    const meanwhile = await h.run(/* GraphQL */ `mutation ($id: ID!) { cancelAirportServiceBooking(id: $id) { status } }`, { id });
    expect(meanwhile.errors?.[0].extensions?.code).toBe('REQUEST_IN_PROGRESS');
    h.clock.advance(STEP_GRACE_MS + 1000);
    await desk.reports.drain();
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', step: 'CANCELLED', pendingStep: null, sequence: 2 });
    expect(await h.models.AirportServiceBooking.findById(id).lean()).toMatchObject({ status: 'CANCELLED', __v: 1 });

    // The give-back that never ran: the next booking that finds the year full gives it back.
    expect(await allowance2026(1)).toMatchObject({ used: 2 });
    const third = await receive(delivery(3, airportForm({ flightTime: '2026-07-01T12:00:00+08:00' }), { talentId: talentId(1) }));
    expect(third.data?.receiveCustomsCaseTask).toMatchObject({ status: 'IN_PROGRESS', step: 'BOOKED' });
    expect(await allowance2026(1)).toMatchObject({ used: 2 });
  });

  it('a withdrawal interrupted after it gave the use back, run again, gives it back once', async () => {
    await receive(delivery(1, airportForm()));
    await receive(delivery(2, airportForm({ flightTime: '2026-06-01T12:00:00+08:00' }), { talentId: talentId(1) }));
    const first = await task(1);
    // The first run: its step in the task, its effects done (booking cancelled, use given back), the task not moved.
    await h.tasks.updateOne({ _id: first._id }, { $set: { pendingStep: { token: randomUUID(), kind: 'WITHDRAW', at: h.clock.now(), change: { status: 'CANCELLED', step: 'BOOKED', note: '…' }, model: null, recordId: null, fromVersion: null, set: null } } });
    await h.models.AirportServiceBooking.updateOne({ _id: first.recordIds[0] }, { $set: { status: 'CANCELLED', cancelledAt: h.clock.now() }, $inc: { __v: 1 } });
    await allowances().updateOne({ _id: `airport:${talentId(1)}:2026` }, { $inc: { used: -1 }, $unset: { [`holders.${first.recordIds[0]}`]: '' } });

    const again = await h.run<{ withdrawCustomsCaseTasks: { status: string }[] }>(WITHDRAW, { caseId: caseId(1), reason: '行程取消' });
    expect(again.errors).toBeUndefined();
    expect(again.data?.withdrawCustomsCaseTasks).toEqual([{ status: 'CANCELLED' }]);
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', pendingStep: null, sequence: 2 });
    expect(await h.models.AirportServiceBooking.findById(first.recordIds[0]).lean()).toMatchObject({ status: 'CANCELLED', __v: 1 });
    const allowance = await allowance2026(1);
    expect(allowance).toMatchObject({ used: 1 });
    expect(Object.keys(allowance?.holders ?? {})).toEqual([(await task(2)).recordIds[0]]);
  });

  it('000 十三: three bookings racing for a holder’s two uses of a year — two are booked, the third refused with the rule', async () => {
    const BOOK = /* GraphQL */ `mutation ($input: BookAirportServiceInput!) { bookAirportService(input: $input) { id } }`;
    const input = (flightTime: string) => ({ talentId: talentId(1), program: 'BAIYUN_YUNJU', scope: 'DOMESTIC', ...airportForm({ flightTime }) });
    const results = await Promise.all(['2026-05-01', '2026-06-01', '2026-07-01'].map((day) => h.run(BOOK, { input: input(`${day}T12:00:00+08:00`) })));
    expect(results.filter((result) => !result.errors)).toHaveLength(2);
    expect(results.flatMap((result) => result.errors ?? []).map((error) => error.extensions?.problems)).toEqual([[expect.objectContaining({ rule: 'AIRPORT_ANNUAL_LIMIT' })]]);
    expect(await h.models.AirportServiceBooking.countDocuments({ status: 'BOOKED' })).toBe(2);
  });
});
