// The customs rules one by one, each with the clause it comes from.
import { describe, expect, it } from 'vitest';
import {
  airportBookingProblems,
  airportServiceAllowance,
  bookedInTime,
  cancellationFits,
  exitEntryItemProblems,
  exitEntryKindsOffered,
  missingBookingFields,
  servicePointFor,
  statusFitsFlight,
  type AirportBookingRequest,
  type BookingUse,
} from './rules';

const at = (text: string) => new Date(text);
const use = (status: BookingUse['status'], flightTime: string): BookingUse => ({ status, flightTime: at(flightTime) });

const request: AirportBookingRequest = {
  scope: 'DOMESTIC',
  direction: 'ARRIVAL',
  flightNumber: 'CZ3101',
  flightTime: at('2026-05-01T12:00:00+08:00'),
  passengers: [{ name: '张伟' }, { name: '王芳' }],
  greeters: [{ name: '李娜' }],
  vehicles: [{ plate: '粤A12345' }],
  checkedLuggage: true,
  nameSign: true,
  contactPhone: '13812345678',
};

describe('airport service allowance', () => {
  it('000 十三 / 001 第四条（七）: 2 a year for the Baiyun card, 0 where the seed grants none', () => {
    expect(airportServiceAllowance('BAIYUN_YUNJU', [], 2026)).toEqual({ year: 2026, allowed: 2, used: 0, remaining: 2 });
    for (const program of ['LIWAN_YINGCAI', 'GUANGZHOU_GREEN_CARD', 'WUHAN_GREEN_CHANNEL', null]) {
      expect(airportServiceAllowance(program, [], 2026).allowed).toBe(0);
    }
  });

  it('000 十三（三）3: booked and served count, a cancelled booking gives its use back; other years do not count', () => {
    const bookings = [
      use('SERVED', '2026-01-10T09:00:00+08:00'),
      use('CANCELLED', '2026-02-10T09:00:00+08:00'),
      use('BOOKED', '2026-09-10T09:00:00+08:00'),
      use('SERVED', '2025-12-31T20:00:00+08:00'),
    ];
    expect(airportServiceAllowance('BAIYUN_YUNJU', bookings, 2026)).toEqual({ year: 2026, allowed: 2, used: 2, remaining: 0 });
  });

  it('counts a flight in its China calendar year (an early-morning flight on 1 January is 20:00 UTC the day before)', () => {
    expect(airportServiceAllowance('BAIYUN_YUNJU', [use('SERVED', '2025-12-31T20:00:00Z')], 2026).used).toBe(1);
  });
});

describe('booking notice and service point', () => {
  const flight = at('2026-05-01T12:00:00+08:00');
  it('000 十三（三）1: domestic no later than 2 h before the flight', () => {
    expect(bookedInTime('DOMESTIC', at('2026-05-01T10:00:00+08:00'), flight)).toBe(true);
    expect(bookedInTime('DOMESTIC', at('2026-05-01T10:01:00+08:00'), flight)).toBe(false);
  });
  it('000 十三（三）1: international no later than 3 h before the flight', () => {
    expect(bookedInTime('INTERNATIONAL', at('2026-05-01T09:00:00+08:00'), flight)).toBe(true);
    expect(bookedInTime('INTERNATIONAL', at('2026-05-01T09:30:00+08:00'), flight)).toBe(false);
  });
  it('000 十三（三）4: 国内商务贵宾厅 for domestic, 国际接待站 for international', () => {
    expect(servicePointFor('DOMESTIC')).toBe('国内商务贵宾厅');
    expect(servicePointFor('INTERNATIONAL')).toBe('国际接待站');
  });
});

describe('booking contents and refusals', () => {
  it('000 十三（三）2: a complete booking has no missing field; greeters and vehicles may be none', () => {
    expect(missingBookingFields(request)).toEqual([]);
    expect(missingBookingFields({ ...request, greeters: [], vehicles: [] })).toEqual([]);
  });

  it('000 十三（三）2: refuses no passenger, blank names or plates, a bad phone, a name sign on a departure', () => {
    const fields = missingBookingFields({
      ...request,
      direction: 'DEPARTURE',
      flightNumber: 'cz 31',
      passengers: [],
      greeters: [{ name: ' ' }],
      vehicles: [{ plate: '' }],
      contactPhone: '123',
    }).map((problem) => problem.field);
    expect(fields).toEqual(['flightNumber', 'passengers', 'greeters', 'vehicles', 'contactPhone', 'nameSign']);
  });

  it('000 十三 + 十三（三）1: refuses a third use in a year and a late booking, each with its clause', () => {
    const two = [use('SERVED', '2026-01-10T09:00:00+08:00'), use('BOOKED', '2026-04-10T09:00:00+08:00')];
    expect(airportBookingProblems('BAIYUN_YUNJU', request, at('2026-04-20T08:00:00+08:00'), two)).toEqual([
      { field: 'flightTime', rule: 'AIRPORT_ANNUAL_LIMIT', zh: '2026 年度接送机服务已用完（每年 2 次）', en: 'no airport service left for 2026 (2 a year)', clause: '000 十三；001 第四条（七）' },
    ]);
    // 000 十三（三）3: once one is cancelled, its use is back.
    const oneCancelled = [two[0], use('CANCELLED', '2026-04-10T09:00:00+08:00')];
    expect(airportBookingProblems('BAIYUN_YUNJU', request, at('2026-04-20T08:00:00+08:00'), oneCancelled)).toEqual([]);
    expect(airportBookingProblems('BAIYUN_YUNJU', request, at('2026-05-01T11:00:00+08:00'), []).map((problem) => problem.clause)).toEqual(['000 十三（三）1']);
    expect(airportBookingProblems('LIWAN_YINGCAI', request, at('2026-04-20T08:00:00+08:00'), []).map((problem) => problem.clause)).toEqual(['000 十三；001 第四条（七）']);
  });

  it('SERVED only for a past flight, BOOKED only for a future one; 000 十三（三）3: cancelled between booking and flight', () => {
    const now = at('2026-03-01T12:00:00+08:00');
    expect(statusFitsFlight('SERVED', at('2026-02-01T12:00:00+08:00'), now)).toBe(true);
    expect(statusFitsFlight('SERVED', at('2026-04-01T12:00:00+08:00'), now)).toBe(false);
    expect(statusFitsFlight('BOOKED', at('2026-04-01T12:00:00+08:00'), now)).toBe(true);
    expect(statusFitsFlight('BOOKED', at('2026-02-01T12:00:00+08:00'), now)).toBe(false);
    const booked = at('2026-01-01T00:00:00Z');
    const flight = at('2026-01-10T00:00:00Z');
    expect(cancellationFits('CANCELLED', booked, flight, at('2026-01-05T00:00:00Z'))).toBe(true);
    expect(cancellationFits('CANCELLED', booked, flight, at('2026-01-11T00:00:00Z'))).toBe(false);
    expect(cancellationFits('CANCELLED', booked, flight, null)).toBe(false);
    expect(cancellationFits('SERVED', booked, flight, at('2026-01-05T00:00:00Z'))).toBe(false);
  });
});

describe('exit-entry items', () => {
  it('004 第五条: offered by Wuhan’s green channel only (items 1, 2, 3 and 5)', () => {
    expect(exitEntryKindsOffered('WUHAN_GREEN_CHANNEL')).toEqual(['EXIT_ENTRY_PERMIT', 'RESIDENCE_PERMIT', 'FOREIGN_EXPERT_WORK_PERMIT', 'FOREIGN_EXPERT_CERTIFICATE']);
    expect(exitEntryKindsOffered('BAIYUN_YUNJU')).toEqual([]);
  });

  it('has a completion day exactly when finished, not before submission nor in the future', () => {
    const today = '2026-03-01';
    expect(exitEntryItemProblems({ status: 'IN_PROGRESS', submittedOn: '2026-02-01' }, today)).toEqual([]);
    expect(exitEntryItemProblems({ status: 'COMPLETED', submittedOn: '2026-02-01', completedOn: '2026-02-10' }, today)).toEqual([]);
    expect(exitEntryItemProblems({ status: 'COMPLETED', submittedOn: '2026-02-01' }, today)).toHaveLength(1);
    expect(exitEntryItemProblems({ status: 'RECEIVED', submittedOn: '2026-02-01', completedOn: '2026-02-10' }, today)).toHaveLength(1);
    expect(exitEntryItemProblems({ status: 'REJECTED', submittedOn: '2026-02-01', completedOn: '2026-01-10' }, today)).toHaveLength(1);
    expect(exitEntryItemProblems({ status: 'RECEIVED', submittedOn: '2026-03-02' }, today)).toHaveLength(1);
  });
});
