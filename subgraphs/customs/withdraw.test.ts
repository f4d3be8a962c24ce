// 申请人撤回办件 (withdrawCustomsCaseTasks, the window's call): every unfinished task of the case is
// CANCELLED with the withdrawal in its note and reported; a booking still BOOKED is
// cancelled and its yearly use given back (000 十三（三）3); an unfinished exit-entry item is REJECTED
// with the withdrawal as its reason. A repeat changes nothing; finished tasks are left as they are.
import { expectRewithdrawalChangesNothing } from '../../test/case-desk';
import { describe, expect, it } from 'vitest';
import type { CaseTaskDoc } from '../kit/case-task';
import { airportForm, caseId, delivery, RECEIVE, reports, SERVED, TASK_FIELDS, talentId, useCustomsFixture } from './test-support';

const h = useCustomsFixture();

const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawCustomsCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
type Task = { id: string; item: string; status: string; step: string | null; note: string; booking: { id: string; status: string; cancelledAt: string | null } | null; exitEntryItem: { status: string; rejectionReason: string | null; completedOn: string | null } | null };
const withdraw = (n: number, reason = '行程取消') => h.run<{ withdrawCustomsCaseTasks: Task[] }>(WITHDRAW, { caseId: caseId(n), reason });
const receive = (input: unknown) => h.run<{ receiveCustomsCaseTask: Task }>(RECEIVE, { input });
const task = async (n: number) => (await h.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const NOTE = '申请人撤回办件：行程取消（withdrawn by the applicant）';

describe('withdrawCustomsCaseTasks', () => {
  it('000 十三（三）3: cancels the booking and the task, reports it, and gives the use back — a third booking in the year fits again', async () => {
    await receive(delivery(1, airportForm()));
    await receive(delivery(2, airportForm({ flightTime: '2026-06-01T12:00:00+08:00' }), { talentId: talentId(1) }));
    const result = await withdraw(1, '  行程取消 ');
    expect(result.errors).toBeUndefined();
    expect(result.data?.withdrawCustomsCaseTasks).toEqual([
      expect.objectContaining({ item: 'AIRPORT_VIP_DOMESTIC', status: 'CANCELLED', step: 'BOOKED', note: NOTE, booking: expect.objectContaining({ status: 'CANCELLED', cancelledAt: expect.any(String) }) }),
    ]);
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', completedAt: expect.any(Date), sequence: 2 });
    expect((await reports(h)).filter((report) => report.caseId === caseId(1))).toEqual([
      { caseId: caseId(1), item: 'AIRPORT_VIP_DOMESTIC', department: 'customs', status: 'CANCELLED', step: 'BOOKED', sequence: 2 },
    ]);
    const third = await receive(delivery(3, airportForm({ flightTime: '2026-07-01T12:00:00+08:00' }), { talentId: talentId(1) }));
    expect(third.data?.receiveCustomsCaseTask).toMatchObject({ status: 'IN_PROGRESS', booking: { status: 'BOOKED' } });
    // The other case is untouched.
    expect(await task(2)).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });
  });

  it('rejects an unfinished exit-entry item with the withdrawal as its reason', async () => {
    await receive(delivery(4, { applicantName: '周敏' }, { program: 'WUHAN_GREEN_CHANNEL', item: 'EXIT_ENTRY_PERMIT' }));
    const result = await withdraw(4);
    expect(result.errors).toBeUndefined();
    expect(result.data?.withdrawCustomsCaseTasks).toEqual([
      expect.objectContaining({ status: 'CANCELLED', note: NOTE, exitEntryItem: expect.objectContaining({ status: 'REJECTED', rejectionReason: '申请人撤回办件：行程取消', completedOn: '2026-04-20' }) }),
    ]);
  });

  it('is idempotent: withdrawing again changes nothing and queues no report', async () => {
    await receive(delivery(1, airportForm()));
    await expectRewithdrawalChangesNothing(h, (reason) => withdraw(1, reason), '行程取消');
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', note: NOTE, sequence: 2 });
  });

  it('leaves finished tasks as they are: a served booking stays DONE, a refusal stays REFUSED', async () => {
    const received = await receive(delivery(1, airportForm()));
    await receive(delivery(1, airportForm(), { item: 'AIRPORT_VIP_INTERNATIONAL', program: 'LIWAN_YINGCAI' }));
    h.clock.set(new Date('2026-05-01T13:00:00+08:00'));
    await h.run(SERVED, { id: received.data!.receiveCustomsCaseTask.booking!.id });
    const before = await reports(h);
    const result = await withdraw(1);
    expect(result.data?.withdrawCustomsCaseTasks.map((one) => [one.item, one.status, one.booking?.status ?? null])).toEqual([
      ['AIRPORT_VIP_DOMESTIC', 'DONE', 'SERVED'],
      ['AIRPORT_VIP_INTERNATIONAL', 'REFUSED', null],
    ]);
    expect(await reports(h)).toEqual(before);
  });

  it('refuses a malformed case id or reason with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    await receive(delivery(1, airportForm()));
    const cases: [Record<string, unknown>, string][] = [
      [{ caseId: 'c1', reason: '行程取消' }, 'caseId'],
      [{ caseId: caseId(1), reason: '   ' }, 'reason'],
      [{ caseId: caseId(1), reason: '因'.repeat(501) }, 'reason'],
    ];
    for (const [variables, field] of cases) {
      const result = await h.run(WITHDRAW, variables);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await task(1)).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });
    expect(await h.models.AirportServiceBooking.countDocuments({ status: 'BOOKED' })).toBe(1);
  });

  it('takes a case id in upper case, and a case it never got is no task at all', async () => {
    await receive(delivery(1, airportForm()));
    const upper = await h.run<{ withdrawCustomsCaseTasks: Task[] }>(WITHDRAW, { caseId: caseId(1).toUpperCase(), reason: '行程取消' });
    expect(upper.data?.withdrawCustomsCaseTasks.map((one) => one.status)).toEqual(['CANCELLED']);
    expect((await withdraw(9)).data).toEqual({ withdrawCustomsCaseTasks: [] });
  });
});
