// Airport VIP service bookings (000 十三; 001 第四条（七）): booked — from a case or directly — then
// served, cancelled (the use is given back) or changed (every rule checked again), 000 十三（三）3.
import { Types } from 'mongoose';
import { badUserInput } from '../kit/errors';
import { inputFormat } from '../kit/input-format';
import { parseObjectId } from '../kit/ids';
import { insertOnce } from '../kit/mongo';
import { problemsError, underPrefix } from '../kit/problems';
import type { Program } from '../kit/programs';
import { holdAirportUse, releaseAirportUse } from './airport-allowance';
import type { CustomsServices } from './context';
import { readAirportFields, sourced, type AirportFields } from './forms';
import type { AirportServiceBookingDoc, CustomsModels } from './model';
import {
  airportBookingProblems,
  airportServicesAllowed,
  annualLimitProblem,
  serviceYear,
  servicePointFor,
  type AirportBookingRequest,
  type AirportBookingStatus,
  type AirportServiceScope,
  type BookingProblem,
  type BookingUse,
} from './rules';
import { chinaTimeText, wrongStatus } from './steps';

export interface BookingCheck {
  talentId: string;
  program: Program;
  request: AirportBookingRequest;
  /** When the booking is made: the case's acceptance, or now for a direct booking or a change. */
  bookedAt: Date;
  now: Date;
  /** The booking being changed or made: its own use does not count against it (a retried case task finds its own). */
  excludeId?: Types.ObjectId;
}

/** The holder's bookings with a flight in that China calendar year (the allowance is per year, 000 十三). */
async function usesInYear(models: CustomsModels, talentId: string, year: number, excludeId?: Types.ObjectId): Promise<BookingUse[]> {
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const bookings = await models.AirportServiceBooking.find(
    { talentId, flightTime: { $gte: from, $lt: to }, ...(excludeId ? { _id: { $ne: excludeId } } : {}) },
    { status: 1, flightTime: 1 },
  ).lean<AirportServiceBookingDoc[]>();
  return bookings.map((booking) => ({ status: booking.status as AirportBookingStatus, flightTime: booking.flightTime }));
}

/** Every booking rule (rules.ts airportBookingProblems), read from the holder's bookings; the race for the last use is holdUse's. */
export async function checkBooking(models: CustomsModels, check: BookingCheck): Promise<BookingProblem[]> {
  const valid = !Number.isNaN(check.request.flightTime.getTime());
  const uses = valid ? await usesInYear(models, check.talentId, serviceYear(check.request.flightTime), check.excludeId) : [];
  return airportBookingProblems(check.program, check.request, check.bookedAt, uses, check.now);
}

/**
 * Takes the flight year's use for `bookingId` (airport-allowance.ts): none when a concurrent booking
 * took the last one since the rules were read — answered with the same rule (000 十三).
 */
export async function holdUse(models: CustomsModels, check: BookingCheck, bookingId: Types.ObjectId): Promise<BookingProblem[]> {
  const use = { talentId: check.talentId, program: check.program, flightTime: check.request.flightTime };
  if (await holdAirportUse(models, use, bookingId)) return [];
  return [annualLimitProblem(serviceYear(check.request.flightTime), airportServicesAllowed(check.program))];
}

/** Writes the BOOKED booking under its id once: a retry finds the one stored. */
export function recordBooking(models: CustomsModels, check: BookingCheck, bookingId: Types.ObjectId, caseId: string | null): Promise<AirportServiceBookingDoc> {
  return insertOnce<AirportServiceBookingDoc>(models.AirportServiceBooking, {
    _id: bookingId,
    talentId: check.talentId,
    program: check.program,
    ...check.request,
    passengers: [...check.request.passengers],
    greeters: [...check.request.greeters],
    vehicles: [...check.request.vehicles],
    status: 'BOOKED',
    bookedAt: check.bookedAt,
    caseId,
  } as Partial<AirportServiceBookingDoc> & { _id: Types.ObjectId });
}

/** "已预约国内航班 CZ3101（2026-05-01 12:00）接机服务，服务地点：国内商务贵宾厅" for the case timeline. */
export function bookedNote(request: AirportBookingRequest): string {
  const scope = request.scope === 'DOMESTIC' ? '国内' : '国际';
  const service = request.direction === 'DEPARTURE' ? '送机' : '接机';
  return `已预约${scope}航班 ${request.flightNumber}（${chinaTimeText(request.flightTime)}）${service}服务，服务地点：${servicePointFor(request.scope)}（booked）`;
}

/**
 * The direct single service: the same rules as a case; every problem refused at once, nothing
 * written. Its use is taken under the new booking's id before the booking is written.
 */
export async function bookDirectly(services: CustomsServices, talentId: string, program: Program, scope: AirportServiceScope, input: unknown): Promise<AirportServiceBookingDoc> {
  parseObjectId(talentId, 'input.talentId');
  const { fields, problems: shape } = readAirportFields(input, 'input');
  const now = services.environment.clock();
  const check: BookingCheck = { talentId, program, request: { scope, ...fields }, bookedAt: now, now };
  const problems = [...shape, ...sourced(underPrefix(await checkBooking(services.models, check), 'input'))];
  if (problems.length > 0) throw problemsError(problems);
  const bookingId = new Types.ObjectId();
  const lost = await holdUse(services.models, check, bookingId);
  if (lost.length > 0) throw problemsError(sourced(underPrefix(lost, 'input')));
  return recordBooking(services.models, check, bookingId, null);
}

/** A booking recorded without its program was a Baiyun card holder's: no other program books (000 十三; 001 第四条（七）). */
const LEGACY_BOOKING_PROGRAM: Program = 'BAIYUN_YUNJU';

const BOOKING = { name: 'AirportServiceBooking', zh: '接送机预约', en: 'airport service booking' };
const STATUS_ZH: Record<AirportBookingStatus, string> = { BOOKED: '已预约', SERVED: '已服务', CANCELLED: '已取消' };

function mustBeBooked(booking: AirportServiceBookingDoc, zh: string, en: string): void {
  const status = booking.status as AirportBookingStatus;
  if (status !== 'BOOKED') wrongStatus(status, `预约当前为“${STATUS_ZH[status]}”，不能${zh}`, `the booking is ${status}; only BOOKED can be ${en}`, '000 十三（三）');
}

/** The service was given: only once the flight time has passed (a SERVED booking is a past flight). */
export function recordServed(services: CustomsServices, id: string): Promise<AirportServiceBookingDoc> {
  const now = services.environment.clock();
  return services.desk.stepRecord<AirportServiceBookingDoc>(services.models.AirportServiceBooking, id, BOOKING, async (booking) => {
    mustBeBooked(booking, '登记已服务', 'recorded as served');
    if (booking.flightTime.getTime() > now.getTime()) {
      throw badUserInput('id', `航班（${chinaTimeText(booking.flightTime)}）尚未起飞/抵达，不能登记已服务`, 'the flight time has not passed yet', { rule: 'AIRPORT_SERVED_AFTER_FLIGHT', source: '000 十三（三）' });
    }
    return { set: { status: 'SERVED' }, task: { status: 'DONE', step: 'SERVED', note: `已提供接送机服务：航班 ${booking.flightNumber}（service given）` } };
  });
}

/** 000 十三（三）3: what a cancellation writes — a cancelled booking does not count, so its use is given back. */
const cancellation = (now: Date) => ({ status: 'CANCELLED', cancelledAt: now }) as const;

/** 000 十三（三）3: cancelled before the flight; the use is given back (a cancelled booking does not count). */
export async function cancelBooking(services: CustomsServices, id: string): Promise<AirportServiceBookingDoc> {
  const now = services.environment.clock();
  const cancelled = await services.desk.stepRecord<AirportServiceBookingDoc>(services.models.AirportServiceBooking, id, BOOKING, async (booking) => {
    mustBeBooked(booking, '取消', 'cancelled');
    if (booking.flightTime.getTime() < now.getTime()) {
      throw badUserInput('id', '航班已起飞/抵达，不能取消预约', 'the flight has already left or landed', { rule: 'AIRPORT_CANCEL_BEFORE_FLIGHT', source: '000 十三（三）3' });
    }
    return {
      set: cancellation(now),
      task: { status: 'CANCELLED', step: 'CANCELLED', note: '已取消预约，本年度服务次数退回（booking cancelled; the use is given back）— 000 十三（三）3' },
    };
  });
  // After the booking says CANCELLED: if this stops short, the next booking that finds the year
  // full gives the use back (airport-allowance.ts).
  await releaseAirportUse(services.models, cancelled);
  return cancelled;
}

/**
 * The applicant withdrew the case (withdraw.ts): a booking still BOOKED is cancelled as above and
 * its use given back. Safe to run twice: the cancellation is conditional on BOOKED, the give-back
 * counts once; a served booking stays as it is.
 */
export async function withdrawBooking(models: CustomsModels, id: string, now: Date): Promise<void> {
  // The version moves too, so a staff step that read the booking before starts again.
  await models.AirportServiceBooking.updateOne({ _id: id, status: 'BOOKED' }, { $set: cancellation(now), $inc: { __v: 1 } });
  const booking = await models.AirportServiceBooking.findById(id).lean<AirportServiceBookingDoc>();
  if (booking?.status === 'CANCELLED') await releaseAirportUse(models, booking);
}

/**
 * 000 十三（三）3: a change of flight, people or vehicles; every rule is checked again against the
 * changed booking, as of now. A flight moved into another year takes that year's use first (under
 * the booking's id) and gives the old year's back once the booking says so.
 */
export async function changeBooking(services: CustomsServices, id: string, change: Partial<AirportFields>): Promise<AirportServiceBookingDoc> {
  const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined && value !== null));
  if (Object.keys(given).length === 0) throw badUserInput('input', '请至少填写一项变更', 'nothing to change', inputFormat('INPUT_NOTHING_TO_CHANGE'));
  const now = services.environment.clock();
  let before: AirportServiceBookingDoc | null = null;
  const changed = await services.desk.stepRecord<AirportServiceBookingDoc>(services.models.AirportServiceBooking, id, BOOKING, async (booking) => {
    mustBeBooked(booking, '变更', 'changed');
    before = booking;
    const current: AirportFields = {
      direction: booking.direction,
      flightNumber: booking.flightNumber,
      flightTime: booking.flightTime,
      passengers: booking.passengers,
      greeters: booking.greeters,
      vehicles: booking.vehicles,
      checkedLuggage: booking.checkedLuggage,
      nameSign: booking.nameSign,
      contactPhone: booking.contactPhone,
    } as AirportFields;
    const { fields, problems: shape } = readAirportFields({ ...current, ...given }, 'input');
    const request: AirportBookingRequest = { scope: booking.scope as AirportServiceScope, ...fields };
    const check: BookingCheck = { talentId: booking.talentId, program: (booking.program ?? LEGACY_BOOKING_PROGRAM) as Program, request, bookedAt: now, now, excludeId: booking._id };
    const problems = [...shape, ...sourced(underPrefix(await checkBooking(services.models, check), 'input'))];
    if (problems.length > 0) throw problemsError(problems);
    if (movesYear(booking.flightTime, request.flightTime)) {
      const lost = await holdUse(services.models, check, booking._id);
      if (lost.length > 0) throw problemsError(sourced(underPrefix(lost, 'input')));
    }
    return {
      set: { ...fields, changedAt: now },
      task: { status: 'IN_PROGRESS', step: 'BOOKED', note: `预约已变更：${bookedNote(request).replace(/^已预约/, '')}` },
    };
  });
  const old = before as AirportServiceBookingDoc | null;
  if (old && movesYear(old.flightTime, changed.flightTime)) await releaseAirportUse(services.models, old);
  return changed;
}

const movesYear = (from: Date, to: Date) => serviceYear(from) !== serviceYear(to);
