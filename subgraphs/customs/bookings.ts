// Airport VIP service bookings (000 十三; 001 第四条（七）): booked — from a case or directly — then
// served, cancelled (the use is given back) or changed (every rule checked again), 000 十三（三）3.
import type { ClientSession } from 'mongoose';
import { badUserInput } from '../kit/errors';
import { parseObjectId } from '../kit/ids';
import { takeLock } from '../kit/mongo';
import { problemsError, underPrefix } from '../kit/problems';
import type { Program } from '../kit/programs';
import type { CustomsServices } from './context';
import { readAirportFields, sourced, type AirportFields } from './forms';
import type { AirportServiceBookingDoc, CustomsModels } from './model';
import {
  airportBookingProblems,
  serviceYear,
  servicePointFor,
  type AirportBookingRequest,
  type AirportBookingStatus,
  type AirportServiceScope,
  type BookingProblem,
  type BookingUse,
} from './rules';
import { chinaTimeText, stepRecord, wrongStatus } from './steps';

export interface BookingCheck {
  talentId: string;
  program: Program;
  request: AirportBookingRequest;
  /** When the booking is made: the case's acceptance, or now for a direct booking or a change. */
  bookedAt: Date;
  now: Date;
  /** A booking being changed: its own use does not count against it. */
  excludeId?: AirportServiceBookingDoc['_id'];
}

/** The holder's bookings with a flight in that China calendar year (the allowance is per year, 000 十三). */
async function usesInYear(models: CustomsModels, talentId: string, year: number, session: ClientSession, excludeId?: AirportServiceBookingDoc['_id']): Promise<BookingUse[]> {
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const bookings = await models.AirportServiceBooking.find(
    { talentId, flightTime: { $gte: from, $lt: to }, ...(excludeId ? { _id: { $ne: excludeId } } : {}) },
    { status: 1, flightTime: 1 },
    { session },
  ).lean<AirportServiceBookingDoc[]>();
  return bookings.map((booking) => ({ status: booking.status as AirportBookingStatus, flightTime: booking.flightTime }));
}

/** Every booking rule (rules.ts airportBookingProblems), inside the caller's transaction. */
export async function checkBooking(models: CustomsModels, check: BookingCheck, session: ClientSession): Promise<BookingProblem[]> {
  // Taken before reading: a concurrent booking of the same holder conflicts and is retried.
  await takeLock(models.CustomsLock, `airport:${check.talentId}`, session);
  const valid = !Number.isNaN(check.request.flightTime.getTime());
  const uses = valid ? await usesInYear(models, check.talentId, serviceYear(check.request.flightTime), session, check.excludeId) : [];
  return airportBookingProblems(check.program, check.request, check.bookedAt, uses, check.now);
}

export async function recordBooking(models: CustomsModels, check: BookingCheck, caseId: string | null, session: ClientSession): Promise<AirportServiceBookingDoc> {
  const [booking] = await models.AirportServiceBooking.create(
    [{
      talentId: check.talentId,
      program: check.program,
      ...check.request,
      passengers: [...check.request.passengers],
      greeters: [...check.request.greeters],
      vehicles: [...check.request.vehicles],
      status: 'BOOKED',
      bookedAt: check.bookedAt,
      caseId,
    }],
    { session },
  );
  return booking.toObject() as AirportServiceBookingDoc;
}

/** "已预约国内航班 CZ3101（2026-05-01 12:00）接机服务，服务地点：国内商务贵宾厅" for the case timeline. */
export function bookedNote(request: AirportBookingRequest): string {
  const scope = request.scope === 'DOMESTIC' ? '国内' : '国际';
  const service = request.direction === 'DEPARTURE' ? '送机' : '接机';
  return `已预约${scope}航班 ${request.flightNumber}（${chinaTimeText(request.flightTime)}）${service}服务，服务地点：${servicePointFor(request.scope)}（booked）`;
}

/** The direct single service: the same rules as a case; every problem refused at once, nothing written. */
export function bookDirectly(services: CustomsServices, talentId: string, program: Program, scope: AirportServiceScope, input: unknown): Promise<AirportServiceBookingDoc> {
  parseObjectId(talentId, 'input.talentId');
  const { fields, problems: shape } = readAirportFields(input, 'input');
  const now = services.environment.clock();
  const check: BookingCheck = { talentId, program, request: { scope, ...fields }, bookedAt: now, now };
  return services.connection.transaction(async (session) => {
    const problems = [...shape, ...sourced(underPrefix(await checkBooking(services.models, check, session), 'input'))];
    if (problems.length > 0) throw problemsError(problems);
    return recordBooking(services.models, check, null, session);
  });
}

/** A booking recorded without its program was a Baiyun card holder's: no other program books (000 十三; 001 第四条（七）). */
const LEGACY_BOOKING_PROGRAM: Program = 'BAIYUN_YUNJU';

const BOOKING = { name: 'AirportServiceBooking', zh: '接送机预约', en: 'airport service booking' };
const STATUS_ZH: Record<AirportBookingStatus, string> = { BOOKED: '已预约', SERVED: '已服务', CANCELLED: '已取消' };

function mustBeBooked(booking: AirportServiceBookingDoc, zh: string, en: string): void {
  const status = booking.status as AirportBookingStatus;
  if (status !== 'BOOKED') wrongStatus(status, `预约当前为“${STATUS_ZH[status]}”，不能${zh}`, `the booking is ${status}; only BOOKED can be ${en}`);
}

/** The service was given: only once the flight time has passed (a SERVED booking is a past flight). */
export function recordServed(services: CustomsServices, id: string): Promise<AirportServiceBookingDoc> {
  const now = services.environment.clock();
  return stepRecord<AirportServiceBookingDoc>(services, services.models.AirportServiceBooking, id, BOOKING, async (booking) => {
    mustBeBooked(booking, '登记已服务', 'recorded as served');
    if (booking.flightTime.getTime() > now.getTime()) {
      throw badUserInput('id', `航班（${chinaTimeText(booking.flightTime)}）尚未起飞/抵达，不能登记已服务`, 'the flight time has not passed yet', { rule: 'AIRPORT_SERVED_AFTER_FLIGHT' });
    }
    return { set: { status: 'SERVED' }, task: { status: 'DONE', step: 'SERVED', note: `已提供接送机服务：航班 ${booking.flightNumber}（service given）` } };
  });
}

/** 000 十三（三）3: what a cancellation writes — a cancelled booking does not count, so its use is given back. */
const cancellation = (now: Date) => ({ status: 'CANCELLED', cancelledAt: now }) as const;

/** 000 十三（三）3: cancelled before the flight; the use is given back (a cancelled booking does not count). */
export function cancelBooking(services: CustomsServices, id: string): Promise<AirportServiceBookingDoc> {
  const now = services.environment.clock();
  return stepRecord<AirportServiceBookingDoc>(services, services.models.AirportServiceBooking, id, BOOKING, async (booking) => {
    mustBeBooked(booking, '取消', 'cancelled');
    if (booking.flightTime.getTime() < now.getTime()) {
      throw badUserInput('id', '航班已起飞/抵达，不能取消预约', 'the flight has already left or landed', { rule: 'AIRPORT_CANCEL_BEFORE_FLIGHT', source: '000 十三（三）3' });
    }
    return {
      set: cancellation(now),
      task: { status: 'CANCELLED', step: 'CANCELLED', note: '已取消预约，本年度服务次数退回（booking cancelled; the use is given back）— 000 十三（三）3' },
    };
  });
}

/**
 * The applicant withdrew the case (withdraw.ts): a booking still BOOKED is cancelled as above, in
 * the caller's transaction; the desk changes the task. Served or cancelled bookings stay as they are.
 */
export async function withdrawBookingIn(models: CustomsModels, id: string, now: Date, session: ClientSession): Promise<void> {
  await models.AirportServiceBooking.updateOne({ _id: id, status: 'BOOKED' }, { $set: cancellation(now) }, { session });
}

/** 000 十三（三）3: a change of flight, people or vehicles; every rule is checked again against the changed booking, as of now. */
export function changeBooking(services: CustomsServices, id: string, change: Partial<AirportFields>): Promise<AirportServiceBookingDoc> {
  const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined && value !== null));
  if (Object.keys(given).length === 0) throw badUserInput('input', '请至少填写一项变更', 'nothing to change');
  const now = services.environment.clock();
  return stepRecord<AirportServiceBookingDoc>(services, services.models.AirportServiceBooking, id, BOOKING, async (booking, session) => {
    mustBeBooked(booking, '变更', 'changed');
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
    const problems = [...shape, ...sourced(underPrefix(await checkBooking(services.models, check, session), 'input'))];
    if (problems.length > 0) throw problemsError(problems);
    return {
      set: { ...fields, changedAt: now },
      task: { status: 'IN_PROGRESS', step: 'BOOKED', note: `预约已变更：${bookedNote(request).replace(/^已预约/, '')}` },
    };
  });
}
