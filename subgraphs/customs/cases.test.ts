// 便捷通关/出入境's part of a case (004 第十条 并行办理, 第十一条 回告原因): an airport item becomes one
// booking BOOKED at the case's acceptance (000 十三（三）1), idempotent by case + item; Wuhan's exit-entry
// items one item RECEIVED (004 第五条第1、5项); what the rules forbid comes back REFUSED with its clause.
import { describe, expect, it } from 'vitest';
import { airportForm, caseId, delivery, RECEIVE, reports, useCustomsFixture } from './test-support';

const h = useCustomsFixture();

type Task = { id: string; status: string; step: string | null; note: string; reason: string | null; booking: { id: string } | null; exitEntryItem: { id: string } | null };
const receive = (input: unknown) => h.run<{ receiveCustomsCaseTask: Task }>(RECEIVE, { input });
const refusal = async (input: unknown) => {
  const result = await receive(input);
  expect(result.errors).toBeUndefined();
  expect(result.data?.receiveCustomsCaseTask).toMatchObject({ status: 'REFUSED', step: null, booking: null, exitEntryItem: null });
  return result.data!.receiveCustomsCaseTask.reason;
};

describe('receiveCustomsCaseTask: airport items', () => {
  it('books the service at the moment the window accepted the case, with the case id, and queues a report', async () => {
    const result = await receive(delivery(1, airportForm()));
    expect(result.errors).toBeUndefined();
    expect(result.data?.receiveCustomsCaseTask).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      item: 'AIRPORT_VIP_DOMESTIC',
      status: 'IN_PROGRESS',
      step: 'BOOKED',
      note: '已预约国内航班 CZ3101（2026-05-01 12:00）接机服务，服务地点：国内商务贵宾厅（booked）',
      reason: null,
      dueOn: '2026-04-21',
      receivedAt: expect.any(String),
      completedAt: null,
      exitEntryItem: null,
      booking: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        scope: 'DOMESTIC',
        direction: 'ARRIVAL',
        flightNumber: 'CZ3101',
        flightTime: '2026-05-01T04:00:00.000Z',
        servicePoint: '国内商务贵宾厅',
        status: 'BOOKED',
        bookedAt: '2026-04-20T01:00:00.000Z',
        cancelledAt: null,
        changedAt: null,
        caseId: caseId(1),
        nameSign: true,
        contactPhone: '13812345678',
        passengers: [{ name: '张伟' }],
        greeters: [{ name: '李娜' }],
        vehicles: [{ plate: '粤A12345' }],
      },
    });
    expect(await reports(h)).toEqual([{ caseId: caseId(1), item: 'AIRPORT_VIP_DOMESTIC', department: 'customs', status: 'IN_PROGRESS', step: 'BOOKED', sequence: 1 }]);
  });

  it('takes the scope from the item: an international item is served at the 国际接待站', async () => {
    const result = await receive(delivery(1, airportForm({ flightNumber: 'SQ850' }), { item: 'AIRPORT_VIP_INTERNATIONAL' }));
    expect(result.data?.receiveCustomsCaseTask.booking).toMatchObject({ scope: 'INTERNATIONAL', servicePoint: '国际接待站' });
  });

  it('is idempotent by case and item: the same delivery twice gives one task, one booking, one report', async () => {
    const first = await receive(delivery(1, airportForm()));
    const second = await receive(delivery(1, airportForm()));
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(await h.tasks.countDocuments()).toBe(1);
    expect(await h.models.AirportServiceBooking.countDocuments()).toBe(1);
    expect(await reports(h)).toHaveLength(1);
  });

  it('000 十三（三）1: refuses an international flight accepted less than 3 h before it, and writes no booking', async () => {
    const reason = await refusal(delivery(2, airportForm({ flightTime: '2026-04-20T11:30:00+08:00' }), { item: 'AIRPORT_VIP_INTERNATIONAL' }));
    expect(reason).toBe('须不迟于航班起飞/抵达前 3 小时预约（book at least 3 h before the flight）— 000 十三（三）1');
    expect(await h.models.AirportServiceBooking.countDocuments()).toBe(0);
    expect(await reports(h)).toEqual([{ caseId: caseId(2), item: 'AIRPORT_VIP_INTERNATIONAL', department: 'customs', status: 'REFUSED', step: null, sequence: 1 }]);
  });

  it('000 十三（三）1: refuses a flight that left before the delivery arrived (a department that was down)', async () => {
    // Accepted in time (09:00 for a 12:00 domestic flight), delivered at 13:00.
    h.clock.set(new Date('2026-04-20T13:00:00+08:00'));
    const reason = await refusal(delivery(2, airportForm({ flightTime: '2026-04-20T12:00:00+08:00' })));
    expect(reason).toBe('航班已起飞/抵达，无法提供服务（the flight has already left or landed）— 000 十三（三）1');
  });

  it('000 十三; 001 第四条（七）: refuses a card other than Baiyun’s, and a third use in the year', async () => {
    expect(await refusal(delivery(3, airportForm(), { program: 'LIWAN_YINGCAI' }))).toBe(
      '白云国际机场贵宾接送机服务仅限白云区云聚英才卡持卡人（the Baiyun airport VIP service is for Baiyun Yunju card holders only）— 000 十三；001 第四条（七）',
    );
    await receive(delivery(4, airportForm()));
    await receive(delivery(5, airportForm({ flightTime: '2026-06-01T12:00:00+08:00' }), { talentId: delivery(4, {}).talentId }));
    expect(await refusal(delivery(6, airportForm({ flightTime: '2026-07-01T12:00:00+08:00' }), { talentId: delivery(4, {}).talentId }))).toBe(
      '2026 年度接送机服务已用完（每年 2 次）（no airport service left for 2026 (2 a year)）— 000 十三；001 第四条（七）',
    );
  });

  it('000 十三（三）2: refuses a name sign on a departure and a malformed phone, both reasons at once', async () => {
    const reason = await refusal(delivery(7, airportForm({ direction: 'DEPARTURE', contactPhone: '123' })));
    expect(reason).toBe('联系电话格式不正确（contact phone is malformed）— 000 十三（三）2；仅接机服务可举牌（a name sign is for arrivals only）— 000 十三（三）2');
  });
});

describe('receiveCustomsCaseTask: exit-entry items', () => {
  it('004 第五条第5项: receives a Wuhan exit-entry item (task IN_PROGRESS, item RECEIVED with the case id)', async () => {
    const result = await receive(delivery(8, { applicantName: '周敏' }, { program: 'WUHAN_GREEN_CHANNEL', item: 'EXIT_ENTRY_PERMIT' }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.receiveCustomsCaseTask).toMatchObject({
      status: 'IN_PROGRESS',
      step: 'RECEIVED',
      note: '出入境手续办理已受理：周敏（received）',
      booking: null,
      exitEntryItem: { kind: 'EXIT_ENTRY_PERMIT', applicantName: '周敏', status: 'RECEIVED', submittedOn: '2026-04-20', completedOn: null, caseId: caseId(8) },
    });
  });

  it('004 第五条第1项: refuses a residence permit outside Wuhan’s green channel', async () => {
    const reason = await refusal(delivery(9, { applicantName: '周敏' }, { item: 'RESIDENCE_PERMIT' }));
    expect(reason).toBe("高层次人才居住证仅由武汉市高层次人才绿色通道办理（high-level talent residence permit is offered by Wuhan's green channel only）— 004 第五条第1项");
    expect(await h.models.ExitEntryItem.countDocuments()).toBe(0);
  });
});

describe('malformed deliveries', () => {
  it('are BAD_USER_INPUT naming the field, and write nothing', async () => {
    const cases: [unknown, string][] = [
      [delivery(1, airportForm({ flightTime: '1 May, noon' })), 'input.form.flightTime'],
      [delivery(1, airportForm({ passengers: 'Zhang Wei' })), 'input.form.passengers'],
      [delivery(1, airportForm({ nameSign: 'yes' })), 'input.form.nameSign'],
      [delivery(1, airportForm({ direction: 'UP' })), 'input.form.direction'],
      [delivery(1, airportForm({ flightNumber: 'CZ31010000000' })), 'input.form.flightNumber'],
      [delivery(1, airportForm({ greeters: [{ name: '李'.repeat(61) }] })), 'input.form.greeters.0.name'],
      [delivery(1, { applicantName: '' }, { program: 'WUHAN_GREEN_CHANNEL', item: 'EXIT_ENTRY_PERMIT' }), 'input.form.applicantName'],
      [delivery(1, { district: '荔湾区' }, { program: 'WUHAN_GREEN_CHANNEL', item: 'RESIDENCE_PERMIT' }), 'input.form.applicantName'],
      [{ ...delivery(1, airportForm()), form: '[' }, 'input.form'],
      [delivery(1, airportForm(), { item: 'TALENT_APARTMENT' }), 'input.item'],
      [delivery(1, airportForm(), { item: 'toString' }), 'input.item'],
      [delivery(1, airportForm(), { caseId: 'c1' }), 'input.caseId'],
    ];
    for (const [input, field] of cases) {
      const result = await receive(input);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await h.tasks.countDocuments()).toBe(0);
    expect(await h.models.AirportServiceBooking.countDocuments()).toBe(0);
    expect(await h.models.ExitEntryItem.countDocuments()).toBe(0);
    expect(await reports(h)).toEqual([]);
  });
});
