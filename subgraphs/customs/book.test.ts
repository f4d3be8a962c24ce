// bookAirportService — the direct single service (issue 3: "a talent booking an airport service without
// a case; the same rules apply"): one test per rule, each refused with BAD_USER_INPUT naming the rule and
// its clause, every problem at once, nothing written; bookedAt is the department clock's now.
import { describe, expect, it } from 'vitest';
import { rulesOf } from '../../test/case-desk';
import { airportForm, BOOK, HOUR, NOW, talentId, useCustomsFixture } from './test-support';

const h = useCustomsFixture();

const input = (overrides: Record<string, unknown> = {}) => ({ talentId: talentId(1), program: 'BAIYUN_YUNJU', scope: 'DOMESTIC', ...airportForm(), ...overrides });
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR).toISOString();
type Booked = { bookAirportService: { id: string; status: string; bookedAt: string; caseId: string | null; servicePoint: string } };
const book = (value: unknown) => h.run<Booked>(BOOK, { input: value });

async function expectRefused(value: unknown, expected: [string, string][]) {
  const result = await book(value);
  expect(result.data).toBeNull();
  expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(rulesOf(result.errors?.[0])).toEqual(expected);
  expect(await h.models.AirportServiceBooking.countDocuments({ status: 'BOOKED', talentId: talentId(1), caseId: null, flightNumber: (value as { flightNumber: string }).flightNumber })).toBe(0);
  return result.errors![0];
}

describe('bookAirportService', () => {
  it('books a Baiyun holder: BOOKED now, no case, at the service point of its scope', async () => {
    // 000 十三; 000 十三（三）4: 国际航班服务地点为国际接待站.
    const result = await book(input({ scope: 'INTERNATIONAL', flightNumber: 'SQ850' }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.bookAirportService).toMatchObject({ status: 'BOOKED', caseId: null, servicePoint: '国际接待站', bookedAt: expect.stringMatching(/^2026-04-20T02:00:0\d/) });
  });

  it('refuses a card other than the Baiyun card', async () => {
    // 000 十三; 001 第四条（七）: 持卡人可享受每年2次白云国际机场 … 接送机服务 (云聚英才卡 only).
    for (const program of ['LIWAN_YINGCAI', 'GUANGZHOU_GREEN_CARD', 'WUHAN_GREEN_CHANNEL']) {
      const error = await expectRefused(input({ program }), [['AIRPORT_PROGRAM', '000 十三；001 第四条（七）']]);
      expect(error.extensions?.field).toBe('input.program');
    }
  });

  it('refuses a third use in a year; a cancelled booking gives its use back', async () => {
    // 000 十三: 每年2次; 000 十三（三）3: 取消服务.
    const trip = { program: 'BAIYUN_YUNJU', scope: 'DOMESTIC', direction: 'DEPARTURE', flightNumber: 'CZ3000', passengers: [{ name: '张伟' }], checkedLuggage: false, nameSign: false, contactPhone: '13812345678', bookedAt: '2026-01-01T00:00:00Z' };
    await h.models.AirportServiceBooking.insertMany([
      { ...trip, talentId: talentId(1), flightTime: '2026-02-01T12:00:00+08:00', status: 'SERVED' },
      { ...trip, talentId: talentId(1), flightTime: '2026-03-01T12:00:00+08:00', status: 'CANCELLED', cancelledAt: '2026-02-20T00:00:00Z' },
    ]);
    expect((await book(input())).errors).toBeUndefined();
    await expectRefused(input({ flightNumber: 'CZ3102', flightTime: '2026-09-01T12:00:00+08:00' }), [['AIRPORT_ANNUAL_LIMIT', '000 十三；001 第四条（七）']]);
    // Next year has its own two.
    expect((await book(input({ flightNumber: 'CZ3103', flightTime: '2027-01-02T12:00:00+08:00' }))).errors).toBeUndefined();
  });

  it('refuses a domestic booking later than 2 h before the flight', async () => {
    // 000 十三（三）1: 国内航班服务不迟于航班起飞/抵达前2小时.
    await expectRefused(input({ flightTime: at(1.5) }), [['AIRPORT_LEAD_TIME', '000 十三（三）1']]);
    expect((await book(input({ flightTime: at(2.1) }))).errors).toBeUndefined();
  });

  it('refuses an international booking later than 3 h before the flight', async () => {
    // 000 十三（三）1: 国际航班服务不迟于航班起飞/抵达前3小时.
    await expectRefused(input({ scope: 'INTERNATIONAL', flightNumber: 'SQ850', flightTime: at(2.5) }), [['AIRPORT_LEAD_TIME', '000 十三（三）1']]);
    expect((await book(input({ scope: 'INTERNATIONAL', flightNumber: 'SQ851', flightTime: at(3.1) }))).errors).toBeUndefined();
  });

  it('refuses a booking missing the contents the guide lists, every problem at once', async () => {
    // 000 十三（三）2: 航班号及起飞/抵达时间、乘机人数和姓名、联系电话、送机/接机人员姓名、车牌号.
    const error = await expectRefused(
      input({ flightNumber: 'C3', passengers: [], greeters: [{ name: ' ' }], vehicles: [{ plate: '' }], contactPhone: '12345' }),
      [
        ['AIRPORT_BOOKING_CONTENTS', '000 十三（三）2'],
        ['AIRPORT_BOOKING_CONTENTS', '000 十三（三）2'],
        ['AIRPORT_BOOKING_CONTENTS', '000 十三（三）2'],
        ['AIRPORT_BOOKING_CONTENTS', '000 十三（三）2'],
        ['AIRPORT_BOOKING_CONTENTS', '000 十三（三）2'],
      ],
    );
    expect((error.extensions?.problems as { field: string }[]).map((problem) => problem.field)).toEqual(['input.flightNumber', 'input.passengers', 'input.greeters', 'input.vehicles', 'input.contactPhone']);
  });

  it('refuses a malformed plate number', async () => {
    // 000 十三（三）2: 车辆数量及车牌号.
    await expectRefused(input({ vehicles: [{ plate: 'ABC-123' }] }), [['AIRPORT_BOOKING_CONTENTS', '000 十三（三）2']]);
  });

  it('refuses a name sign for a departure', async () => {
    // 000 十三（三）2: 接机时是否举牌 — a name sign is for meeting an arrival.
    await expectRefused(input({ direction: 'DEPARTURE', nameSign: true }), [['AIRPORT_NAME_SIGN', '000 十三（三）2']]);
  });

  it('refuses bad input — oversized text, too many people, a malformed talent id, invalid dates, wrong types — writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [input({ flightNumber: 'CZ310100000' }), 'input.flightNumber'],
      [input({ passengers: [{ name: '张'.repeat(61) }] }), 'input.passengers.0.name'],
      [input({ greeters: Array.from({ length: 21 }, () => ({ name: '李娜' })) }), 'input.greeters'],
      [input({ vehicles: [{ plate: '粤A12345678901' }] }), 'input.vehicles.0.plate'],
      [input({ contactPhone: '1'.repeat(21) }), 'input.contactPhone'],
      [input({ talentId: 'zhang-wei' }), 'input.talentId'],
    ];
    for (const [value, field] of cases) {
      const result = await book(value);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const invalidDay = await book(input({ flightTime: '2026-02-30T12:00:00+08:00' }));
    expect(invalidDay.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'DateTime' });
    const { contactPhone: _phone, ...missing } = input();
    expect((await book(missing)).errors?.[0].message).toContain('Field "contactPhone" of required type "String!" was not provided');
    expect((await book(input({ checkedLuggage: 'yes' }))).errors?.[0].message).toContain('Boolean cannot represent');
    expect(await h.models.AirportServiceBooking.countDocuments()).toBe(0);
  });
});
