// seedCustoms writes only data the rules accept: never a third non-cancelled booking in a year
// (000 十三), booked ≥ 2 h / ≥ 3 h ahead (000 十三（三）1), the contents of 000 十三（三）2, SERVED only
// for past flights and BOOKED only for future ones, airport service only for the Baiyun card and
// exit-entry items only for Wuhan (004 第五条).
import { describe, expect, it } from 'vitest';
import { useDeskFixture } from '../../test/case-desk';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import type { AirportServiceBookingDoc, CustomsModels, ExitEntryItemDoc } from './model';
import {
  airportServiceAllowance,
  bookedInTime,
  cancellationFits,
  exitEntryItemProblems,
  missingBookingFields,
  serviceYear,
  statusFitsFlight,
  type AirportBookingStatus,
  type AirportServiceDirection,
  type AirportServiceScope,
  type ExitEntryItemStatus,
} from './rules';
import { generateAirportBookings, generateExitEntryItems, seedCustoms } from './seed';
import { buildCustomsSubgraph } from './server';

const TODAY = '2026-03-15';
const NOW = new Date(`${TODAY}T12:00:00+08:00`);
const talents = generateTalents(240, new SeededRandom(5).fork('talents'), TODAY);
const programOf = new Map(talents.map((talent) => [talent.id, talent.program]));

const fixture = useDeskFixture<CustomsModels>(buildCustomsSubgraph);

describe('seedCustoms', () => {
  it('writes bookings and items the rules accept', async () => {
    const written = await seedCustoms(fixture.connection, talents, new SeededRandom(5).fork('customs'), TODAY);
    const bookings = await fixture.models.AirportServiceBooking.find().lean<AirportServiceBookingDoc[]>();
    const items = await fixture.models.ExitEntryItem.find().lean<ExitEntryItemDoc[]>();
    // Its parts of the demo cases too (talent/cases/demo-plan.ts).
    expect(written).toBe(bookings.length + items.length + (await fixture.connection.models.CaseTask.countDocuments()));

    const baiyun = talents.filter((talent) => talent.program === 'BAIYUN_YUNJU');
    const booked = new Set(bookings.map((booking) => booking.talentId));
    expect(booked.size).toBeGreaterThan(baiyun.length * 0.3);
    expect(booked.size).toBeLessThan(baiyun.length);
    for (const id of booked) expect(programOf.get(id)).toBe('BAIYUN_YUNJU');

    for (const booking of bookings) {
      const scope = booking.scope as AirportServiceScope;
      const status = booking.status as AirportBookingStatus;
      expect(bookedInTime(scope, booking.bookedAt, booking.flightTime)).toBe(true);
      expect(booking.bookedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(statusFitsFlight(status, booking.flightTime, NOW)).toBe(true);
      expect(cancellationFits(status, booking.bookedAt, booking.flightTime, booking.cancelledAt ?? null)).toBe(true);
      expect(missingBookingFields({ ...booking, scope, direction: booking.direction as AirportServiceDirection })).toEqual([]);
    }
    expect(new Set(bookings.map((booking) => booking.status))).toEqual(new Set(['BOOKED', 'SERVED', 'CANCELLED']));
    expect(new Set(bookings.map((booking) => booking.scope))).toEqual(new Set(['DOMESTIC', 'INTERNATIONAL']));

    // 000 十三: never more than the allowance in any year, for any holder.
    for (const id of booked) {
      const own = bookings.filter((booking) => booking.talentId === id);
      for (const year of new Set(own.map((booking) => serviceYear(booking.flightTime)))) {
        const uses = own.map((booking) => ({ status: booking.status as AirportBookingStatus, flightTime: booking.flightTime }));
        expect(airportServiceAllowance('BAIYUN_YUNJU', uses, year).used).toBeLessThanOrEqual(2);
      }
    }

    const wuhan = talents.filter((talent) => talent.program === 'WUHAN_GREEN_CHANNEL');
    const withItems = new Set(items.map((item) => item.talentId));
    expect(withItems.size).toBeGreaterThan(wuhan.length * 0.2);
    expect(withItems.size).toBeLessThan(wuhan.length);
    for (const item of items) {
      expect(programOf.get(item.talentId)).toBe('WUHAN_GREEN_CHANNEL');
      expect(exitEntryItemProblems({ ...item, status: item.status as ExitEntryItemStatus }, TODAY)).toEqual([]);
    }
    expect(new Set(items.map((item) => item.status))).toContain('COMPLETED');
    expect(new Set(items.map((item) => item.status))).toContain('IN_PROGRESS');
  });

  it('is deterministic: the same seed gives the same records', () => {
    const run = () => ({
      bookings: generateAirportBookings(talents, new SeededRandom(3), TODAY),
      items: generateExitEntryItems(talents, new SeededRandom(3), TODAY),
    });
    expect(run()).toEqual(run());
    expect(run().bookings.length).toBeGreaterThan(0);
  });
});
