// The yearly airport allowance (000 十三; 001 第四条（七）: 每年2次) under concurrent bookings, with no
// transaction: the rule is checked as before from the holder's bookings (for its clear message),
// then one use is taken in one document per holder and year (kit/mongo.ts takeAllowance), held by
// the booking's id — so two bookings racing for the last use cannot both pass, and taking again
// for the same booking (a retried case task, a retried change) counts once. A cancellation gives
// the use back under the same id; giving it back twice gives back once.
import type { Types } from 'mongoose';
import { releaseAllowance, takeAllowance } from '../kit/mongo';
import type { AirportServiceBookingDoc, CustomsModels } from './model';
import { AIRPORT_BOOKING_STATUSES, airportServicesAllowed, serviceYear, usesAllowance } from './rules';

/** Whose uses and which year (the flight's year in China, 000 十三). */
export interface AirportUse {
  talentId: string;
  program: string | null | undefined;
  flightTime: Date;
}

const allowanceKey = (talentId: string, year: number) => `airport:${talentId}:${year}`;

/** Bookings that use the allowance (000 十三（三）3: not cancelled ones) with a flight in that year. */
function usingBookingsFilter(talentId: string, year: number) {
  return {
    talentId,
    status: { $in: AIRPORT_BOOKING_STATUSES.filter(usesAllowance) },
    flightTime: { $gte: new Date(`${year}-01-01T00:00:00+08:00`), $lt: new Date(`${year + 1}-01-01T00:00:00+08:00`) },
  };
}

/**
 * Takes the year's use for `bookingId`; false when the year's uses are all held by other bookings.
 * Bookings written before the allowance was kept (seeded, or older) are counted in first — each
 * under its own id, so counting them again changes nothing — and a use still held by a booking
 * since cancelled (its give-back interrupted) is given back before the answer is no.
 */
export async function holdAirportUse(models: CustomsModels, use: AirportUse, bookingId: Types.ObjectId): Promise<boolean> {
  const year = serviceYear(use.flightTime);
  const key = allowanceKey(use.talentId, year);
  const limit = airportServicesAllowed(use.program);
  const others = await models.AirportServiceBooking.find({ ...usingBookingsFilter(use.talentId, year), _id: { $ne: bookingId } }, { _id: 1 }).lean<AirportServiceBookingDoc[]>();
  for (const other of others) await takeAllowance(models.AirportAllowance, key, other._id.toString(), limit);
  if (await takeAllowance(models.AirportAllowance, key, bookingId.toString(), limit)) return true;
  if ((await releaseCancelledHolders(models, key)) === 0) return false;
  return takeAllowance(models.AirportAllowance, key, bookingId.toString(), limit);
}

/** Gives back the uses a cancelled booking still holds; how many were given back. */
async function releaseCancelledHolders(models: CustomsModels, key: string): Promise<number> {
  const allowance = await models.AirportAllowance.findById(key).lean();
  const holders = Object.keys(allowance?.holders ?? {});
  const cancelled = await models.AirportServiceBooking.find({ _id: { $in: holders }, status: 'CANCELLED' }, { _id: 1 }).lean<AirportServiceBookingDoc[]>();
  for (const booking of cancelled) await releaseAllowance(models.AirportAllowance, key, booking._id.toString());
  return cancelled.length;
}

/** 000 十三（三）3: the booking's use of its flight's year is given back (again: nothing more). */
export function releaseAirportUse(models: CustomsModels, booking: Pick<AirportServiceBookingDoc, '_id' | 'talentId' | 'flightTime'>): Promise<void> {
  return releaseAllowance(models.AirportAllowance, allowanceKey(booking.talentId, serviceYear(booking.flightTime)), booking._id.toString());
}
