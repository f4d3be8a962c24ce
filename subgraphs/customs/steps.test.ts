// Staff steps on case records (000 十三（三）3; 004 第五条、第十一条): a booking served (task DONE), cancelled
// (task CANCELLED, the use given back) or changed (every rule checked again, task still in progress);
// an exit-entry item RECEIVED → IN_PROGRESS → COMPLETED or REJECTED — each reported to the window (the task's latest state is what is due).
import { describe, expect, it } from 'vitest';
import type { CaseTaskDoc } from '../kit/case-task';
import { rulesOf } from '../../test/case-desk';
import {
  ADVANCE,
  airportForm,
  CANCEL,
  caseId,
  CHANGE,
  delivery,
  HOUR,
  RECEIVE,
  REJECT_ITEM,
  reports,
  SERVED,
  talentId,
  useCustomsFixture,
} from './test-support';

// The test clock runs on from NOW: a moment stamped by a step is within seconds of it.
const ABOUT_NOW = expect.stringMatching(/^2026-04-20T02:00:0\d/);

const h = useCustomsFixture();

type Received = { receiveCustomsCaseTask: { booking: { id: string } | null; exitEntryItem: { id: string } | null } };
async function booked(n: number, form = airportForm(), overrides: Record<string, unknown> = {}): Promise<string> {
  const result = await h.run<Received>(RECEIVE, { input: delivery(n, form, overrides) });
  return result.data!.receiveCustomsCaseTask.booking!.id;
}
const task = async (n: number) => (await h.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const steps = async () => (await reports(h)).map((report) => [report.sequence, report.status, report.step]);

describe('airport booking steps', () => {
  it('records the service once the flight time has passed: booking SERVED, task DONE, reported', async () => {
    const id = await booked(1);
    const early = await h.run(SERVED, { id });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', rule: 'AIRPORT_SERVED_AFTER_FLIGHT' });
    h.clock.set(new Date('2026-05-01T13:00:00+08:00'));
    const served = await h.run(SERVED, { id });
    expect(served.errors).toBeUndefined();
    expect(served.data).toMatchObject({ recordAirportServiceServed: { status: 'SERVED' } });
    expect(await task(1)).toMatchObject({ status: 'DONE', step: 'SERVED', completedAt: expect.any(Date), sequence: 2 });
    expect(await steps()).toEqual([[2, 'DONE', 'SERVED']]);
  });

  it('000 十三（三）3: a cancellation gives the use back — task CANCELLED, and a third booking in the year fits again', async () => {
    const first = await booked(1);
    await booked(2, airportForm({ flightTime: '2026-06-01T12:00:00+08:00' }), { talentId: talentId(1) });
    const cancelled = await h.run(CANCEL, { id: first });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data).toMatchObject({ cancelAirportServiceBooking: { status: 'CANCELLED', cancelledAt: ABOUT_NOW } });
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', step: 'CANCELLED', sequence: 2 });
    const third = await h.run<Received>(RECEIVE, { input: delivery(3, airportForm({ flightTime: '2026-07-01T12:00:00+08:00' }), { talentId: talentId(1) }) });
    expect(third.data?.receiveCustomsCaseTask.booking).not.toBeNull();
  });

  it('000 十三（三）3: a change is checked again against the new flight as of now, and reported as still booked', async () => {
    const id = await booked(1);
    // Now 10:00; a domestic flight at 11:30 is less than 2 h away.
    const late = await h.run(CHANGE, { id, input: { flightTime: '2026-04-20T11:30:00+08:00', flightNumber: 'CZ3999' } });
    expect(rulesOf(late.errors?.[0])).toEqual([['AIRPORT_LEAD_TIME', '000 十三（三）1']]);
    expect(late.errors?.[0].extensions?.field).toBe('input.flightTime');
    const signOnDeparture = await h.run(CHANGE, { id, input: { direction: 'DEPARTURE' } });
    expect(rulesOf(signOnDeparture.errors?.[0])).toEqual([['AIRPORT_NAME_SIGN', '000 十三（三）2']]);

    const changed = await h.run(CHANGE, { id, input: { flightTime: '2026-05-02T08:00:00+08:00', flightNumber: 'CZ3105', vehicles: [] } });
    expect(changed.errors).toBeUndefined();
    expect(changed.data).toMatchObject({
      changeAirportServiceBooking: { status: 'BOOKED', flightNumber: 'CZ3105', flightTime: '2026-05-02T00:00:00.000Z', vehicles: [], greeters: [{ name: '李娜' }], changedAt: ABOUT_NOW },
    });
    expect(await task(1)).toMatchObject({ status: 'IN_PROGRESS', step: 'BOOKED', note: '预约已变更：国内航班 CZ3105（2026-05-02 08:00）接机服务，服务地点：国内商务贵宾厅（booked）', sequence: 2 });
  });

  it('000 十三: a change into a year whose two uses are taken is refused; the booking itself does not count against it', async () => {
    const id = await booked(1);
    await booked(2, airportForm({ flightTime: '2027-02-01T12:00:00+08:00' }), { talentId: talentId(1) });
    await booked(3, airportForm({ flightTime: '2027-03-01T12:00:00+08:00' }), { talentId: talentId(1) });
    const moved = await h.run(CHANGE, { id, input: { flightTime: '2027-04-01T12:00:00+08:00' } });
    expect(rulesOf(moved.errors?.[0])).toEqual([['AIRPORT_ANNUAL_LIMIT', '000 十三；001 第四条（七）']]);
    const sameYear = await h.run(CHANGE, { id, input: { flightTime: '2026-12-01T12:00:00+08:00' } });
    expect(sameYear.errors).toBeUndefined();
  });

  it('changes a booking recorded before its program was kept, under the Baiyun allowance (the only program that books)', async () => {
    const legacy = await h.models.AirportServiceBooking.create({
      talentId: talentId(4), scope: 'DOMESTIC', direction: 'ARRIVAL', flightNumber: 'CZ3101', flightTime: '2026-05-01T12:00:00+08:00', passengers: [{ name: '张伟' }],
      checkedLuggage: false, nameSign: false, contactPhone: '13812345678', status: 'BOOKED', bookedAt: '2026-04-01T00:00:00Z',
    });
    const changed = await h.run(CHANGE, { id: legacy._id.toString(), input: { flightTime: '2026-05-03T12:00:00+08:00' } });
    expect(changed.errors).toBeUndefined();
    expect(changed.data).toMatchObject({ changeAirportServiceBooking: { flightTime: '2026-05-03T04:00:00.000Z', caseId: null } });
  });

  it('refuses steps a booking is not at, a cancellation after the flight, an empty change, unknown and malformed ids', async () => {
    const id = await booked(1);
    h.clock.advance(12 * 24 * HOUR);
    expect((await h.run(CANCEL, { id })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'AIRPORT_CANCEL_BEFORE_FLIGHT', source: '000 十三（三）3' });
    await h.run(SERVED, { id });
    expect((await h.run(CHANGE, { id, input: { flightNumber: 'CZ1' } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', status: 'SERVED' });
    expect((await h.run(CHANGE, { id, input: {} })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect((await h.run(CANCEL, { id: talentId(77) })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.run(SERVED, { id: 'nope' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await steps()).toEqual([[2, 'DONE', 'SERVED']]);
  });
});

describe('exit-entry steps', () => {
  const wuhan = { program: 'WUHAN_GREEN_CHANNEL', item: 'RESIDENCE_PERMIT' };
  async function received(n: number): Promise<string> {
    const result = await h.run<Received>(RECEIVE, { input: delivery(n, { applicantName: '周敏' }, wuhan) });
    return result.data!.receiveCustomsCaseTask.exitEntryItem!.id;
  }

  it('RECEIVED → IN_PROGRESS (task in progress) → COMPLETED (task DONE), then no further', async () => {
    const id = await received(1);
    expect((await h.run(ADVANCE, { id })).data).toMatchObject({ advanceExitEntryItem: { status: 'IN_PROGRESS', completedOn: null } });
    expect(await task(1)).toMatchObject({ status: 'IN_PROGRESS', step: 'IN_PROGRESS', sequence: 2 });
    h.clock.advance(2 * 24 * HOUR);
    expect((await h.run(ADVANCE, { id })).data).toMatchObject({ advanceExitEntryItem: { status: 'COMPLETED', completedOn: '2026-04-22' } });
    expect(await task(1)).toMatchObject({ status: 'DONE', step: 'COMPLETED', note: '高层次人才居住证已办结（completed）', sequence: 3 });
    expect((await h.run(ADVANCE, { id })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', status: 'COMPLETED' });
    expect(await steps()).toEqual([[3, 'DONE', 'COMPLETED']]);
  });

  it('004 第十一条: a rejected item comes back REFUSED with its reason; a blank or oversized reason is refused', async () => {
    const id = await received(1);
    expect((await h.run(REJECT_ITEM, { id, reason: ' ' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await h.run(REJECT_ITEM, { id, reason: '因'.repeat(301) })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const rejected = await h.run(REJECT_ITEM, { id, reason: '未提供在汉工作证明' });
    expect(rejected.data).toMatchObject({ rejectExitEntryItem: { status: 'REJECTED', rejectionReason: '未提供在汉工作证明', completedOn: '2026-04-20' } });
    expect(await task(1)).toMatchObject({ status: 'REFUSED', step: 'REJECTED', reason: '不予办理：未提供在汉工作证明（rejected by the exit-entry office）', sequence: 2 });
  });
});
