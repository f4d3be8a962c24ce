// 便捷通关 / 出入境 rules. Airport VIP service: 000 十三 and 001 第四条（七） (Baiyun); exit-entry
// items: 004 第五条 (Wuhan). Pure functions: the read view computes this year's allowance with them,
// seed.ts writes only bookings they accept, and the later "book" issue refuses bad input with them.
import type { Program } from '../kit/programs';
import { todayInChina } from '../kit/dates';

export const AIRPORT_SERVICE_SCOPES = ['DOMESTIC', 'INTERNATIONAL'] as const;
export type AirportServiceScope = (typeof AIRPORT_SERVICE_SCOPES)[number];
export const AIRPORT_SERVICE_DIRECTIONS = ['DEPARTURE', 'ARRIVAL'] as const;
export type AirportServiceDirection = (typeof AIRPORT_SERVICE_DIRECTIONS)[number];
export const AIRPORT_BOOKING_STATUSES = ['BOOKED', 'SERVED', 'CANCELLED'] as const;
export type AirportBookingStatus = (typeof AIRPORT_BOOKING_STATUSES)[number];

/**
 * 000 十三; 001 第四条（七）: the Baiyun card gives 2 airport VIP services a year at Baiyun airport.
 * The Liwan (002), Tianhe green-card (003) and Wuhan (004) seeds grant no airport service.
 */
export const AIRPORT_SERVICES_PER_YEAR: Record<Program, number> = {
  BAIYUN_YUNJU: 2,
  LIWAN_YINGCAI: 0,
  GUANGZHOU_GREEN_CARD: 0,
  WUHAN_GREEN_CHANNEL: 0,
};

export function airportServicesAllowed(program: string | null | undefined): number {
  return program && program in AIRPORT_SERVICES_PER_YEAR ? AIRPORT_SERVICES_PER_YEAR[program as Program] : 0;
}

/** 000 十三（三）3: a cancelled booking gives its use back; booked and served ones use the allowance. */
export function usesAllowance(status: AirportBookingStatus): boolean {
  return status === 'BOOKED' || status === 'SERVED';
}

/** The year a service counts in: the flight's calendar year in China. */
export function serviceYear(flightTime: Date): number {
  return Number(todayInChina(flightTime).slice(0, 4));
}

export interface BookingUse {
  status: AirportBookingStatus;
  flightTime: Date;
}

export interface AirportServiceAllowance {
  year: number;
  allowed: number;
  used: number;
  remaining: number;
}

/** 000 十三: 2 uses a year per holder; 000 十三（三）3: cancelled bookings do not count. */
export function airportServiceAllowance(program: string | null | undefined, bookings: readonly BookingUse[], year: number): AirportServiceAllowance {
  const allowed = airportServicesAllowed(program);
  const used = bookings.filter((booking) => usesAllowance(booking.status) && serviceYear(booking.flightTime) === year).length;
  return { year, allowed, used, remaining: Math.max(0, allowed - used) };
}

/** 000 十三（三）1: booked no later than 2 h before a domestic flight and 3 h before an international one. */
export const MIN_NOTICE_HOURS: Record<AirportServiceScope, number> = { DOMESTIC: 2, INTERNATIONAL: 3 };

export function latestBookingTime(scope: AirportServiceScope, flightTime: Date): Date {
  return new Date(flightTime.getTime() - MIN_NOTICE_HOURS[scope] * 3_600_000);
}

export function bookedInTime(scope: AirportServiceScope, bookedAt: Date, flightTime: Date): boolean {
  return bookedAt.getTime() <= latestBookingTime(scope, flightTime).getTime();
}

/** 000 十三（三）4: domestic flights are served at the 国内商务贵宾厅, international ones at the 国际接待站. */
export const SERVICE_POINTS: Record<AirportServiceScope, string> = {
  DOMESTIC: '国内商务贵宾厅',
  INTERNATIONAL: '国际接待站',
};

export function servicePointFor(scope: AirportServiceScope): string {
  return SERVICE_POINTS[scope];
}

/** A booking as the holder gives it: the contents 000 十三（三）2 lists. */
export interface AirportBookingRequest {
  scope: AirportServiceScope;
  direction: AirportServiceDirection;
  flightNumber: string;
  flightTime: Date;
  passengers: readonly { name: string }[];
  greeters: readonly { name: string }[];
  vehicles: readonly { plate: string }[];
  checkedLuggage: boolean;
  nameSign: boolean;
  contactPhone: string;
}

/** One reason to refuse a booking, shaped for the kit's badUserInput(field, zh, en). */
export interface BookingProblem {
  field: string;
  /** Rule code, e.g. AIRPORT_LEAD_TIME. */
  rule: string;
  zh: string;
  en: string;
  clause: string;
}

const FLIGHT_NUMBER = /^[A-Z0-9]{2}\d{1,4}[A-Z]?$/;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
/** A mainland plate: province character, issuing-office letter, 5 (6 for new-energy) letters or digits. */
const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;
const MAX_NAME = 60;
const MAX_PLATE = 12;

/**
 * 000 十三（三）2: a booking gives the flight number and time, the passengers' names, a contact phone,
 * the names of those seeing off or meeting (送机/接机人员), the vehicles' plates, whether luggage is
 * checked, and — for an arrival — whether a name sign is wanted (接机时是否举牌).
 */
export function missingBookingFields(request: AirportBookingRequest): BookingProblem[] {
  const clause = '000 十三（三）2';
  const rule = 'AIRPORT_BOOKING_CONTENTS';
  const problems: BookingProblem[] = [];
  if (!FLIGHT_NUMBER.test(request.flightNumber)) problems.push({ field: 'flightNumber', rule, zh: '航班号格式不正确', en: 'flight number is malformed (e.g. CZ3101)', clause });
  if (Number.isNaN(request.flightTime.getTime())) problems.push({ field: 'flightTime', rule, zh: '须提供起飞/抵达时间', en: 'flight time is required', clause });
  if (request.passengers.length === 0) problems.push({ field: 'passengers', rule, zh: '须提供乘机人数和姓名', en: 'at least one passenger is required', clause });
  const badName = (name: string) => name.trim() === '' || name.length > MAX_NAME;
  if (request.passengers.some((passenger) => badName(passenger.name))) problems.push({ field: 'passengers', rule, zh: '乘机人姓名不能为空', en: 'every passenger needs a name', clause });
  if (request.greeters.some((greeter) => badName(greeter.name))) problems.push({ field: 'greeters', rule, zh: '送机/接机人员姓名不能为空', en: 'every greeter needs a name', clause });
  if (request.vehicles.some((vehicle) => vehicle.plate.trim() === '' || vehicle.plate.length > MAX_PLATE)) problems.push({ field: 'vehicles', rule, zh: '车牌号不能为空', en: 'every vehicle needs a plate number', clause });
  else if (request.vehicles.some((vehicle) => !PLATE.test(vehicle.plate))) problems.push({ field: 'vehicles', rule, zh: '车牌号格式不正确（如 粤A12345）', en: 'a plate number is malformed (e.g. 粤A12345)', clause });
  if (!PHONE.test(request.contactPhone)) problems.push({ field: 'contactPhone', rule, zh: '联系电话格式不正确', en: 'contact phone is malformed', clause });
  if (request.nameSign && request.direction !== 'ARRIVAL') problems.push({ field: 'nameSign', rule: 'AIRPORT_NAME_SIGN', zh: '仅接机服务可举牌', en: 'a name sign is for arrivals only', clause });
  return problems;
}

/**
 * 000 十三; 001 第四条（七）: the airport VIP service is the Baiyun card's (云聚英才卡) at Baiyun airport;
 * the Liwan (002), Tianhe (003) and Wuhan (004) seeds grant none.
 */
export function airportProgramProblems(program: string | null | undefined): BookingProblem[] {
  if (airportServicesAllowed(program) > 0) return [];
  return [{
    field: 'program',
    rule: 'AIRPORT_PROGRAM',
    zh: '白云国际机场贵宾接送机服务仅限白云区云聚英才卡持卡人',
    en: 'the Baiyun airport VIP service is for Baiyun Yunju card holders only',
    clause: '000 十三；001 第四条（七）',
  }];
}

/**
 * Everything a new (or changed) booking must satisfy: the program (000 十三; 001 第四条（七）), the
 * contents of 000 十三（三）2, the notice of 000 十三（三）1 counted from the booking moment, a flight
 * still ahead now (所有服务均须提前预约), and the allowance of 000 十三 / 001 第四条（七） in the flight's
 * year (existing = the holder's other bookings; a cancelled one gives its use back, 000 十三（三）3).
 */
export function airportBookingProblems(
  program: string | null | undefined,
  request: AirportBookingRequest,
  bookedAt: Date,
  existing: readonly BookingUse[],
  now: Date = bookedAt,
): BookingProblem[] {
  const problems = [...airportProgramProblems(program), ...missingBookingFields(request)];
  if (problems.some((problem) => problem.field === 'flightTime')) return problems;
  if (!bookedInTime(request.scope, bookedAt, request.flightTime)) {
    const hours = MIN_NOTICE_HOURS[request.scope];
    problems.push({ field: 'flightTime', rule: 'AIRPORT_LEAD_TIME', zh: `须不迟于航班起飞/抵达前 ${hours} 小时预约`, en: `book at least ${hours} h before the flight`, clause: '000 十三（三）1' });
  } else if (request.flightTime.getTime() <= now.getTime()) {
    problems.push({ field: 'flightTime', rule: 'AIRPORT_FLIGHT_PASSED', zh: '航班已起飞/抵达，无法提供服务', en: 'the flight has already left or landed', clause: '000 十三（三）1' });
  }
  const allowance = airportServiceAllowance(program, existing, serviceYear(request.flightTime));
  if (allowance.allowed > 0 && allowance.remaining === 0) problems.push(annualLimitProblem(allowance.year, allowance.allowed));
  return problems;
}

/** 000 十三; 001 第四条（七）: the year's uses are taken — also the answer when a concurrent booking took the last one. */
export function annualLimitProblem(year: number, allowed: number): BookingProblem {
  return {
    field: 'flightTime',
    rule: 'AIRPORT_ANNUAL_LIMIT',
    zh: `${year} 年度接送机服务已用完（每年 ${allowed} 次）`,
    en: `no airport service left for ${year} (${allowed} a year)`,
    clause: '000 十三；001 第四条（七）',
  };
}

/** A served booking is one whose flight has happened; a booked one is still ahead. */
export function statusFitsFlight(status: AirportBookingStatus, flightTime: Date, now: Date): boolean {
  if (status === 'SERVED') return flightTime.getTime() <= now.getTime();
  if (status === 'BOOKED') return flightTime.getTime() > now.getTime();
  return true;
}

/** 000 十三（三）3: a cancellation comes after the booking and no later than the flight. */
export function cancellationFits(status: AirportBookingStatus, bookedAt: Date, flightTime: Date, cancelledAt: Date | null): boolean {
  if (status !== 'CANCELLED') return cancelledAt === null;
  return cancelledAt !== null && cancelledAt.getTime() >= bookedAt.getTime() && cancelledAt.getTime() <= flightTime.getTime();
}

// ——— 出入境 and related items of Wuhan's green channel (004 第五条) ———

export const EXIT_ENTRY_ITEM_KINDS = ['EXIT_ENTRY_PERMIT', 'RESIDENCE_PERMIT', 'FOREIGN_EXPERT_WORK_PERMIT', 'FOREIGN_EXPERT_CERTIFICATE'] as const;
export type ExitEntryItemKind = (typeof EXIT_ENTRY_ITEM_KINDS)[number];
export const EXIT_ENTRY_ITEM_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED'] as const;
export type ExitEntryItemStatus = (typeof EXIT_ENTRY_ITEM_STATUSES)[number];

/** 004 第五条: the numbered personal services of the green channel these items are. */
export const EXIT_ENTRY_ITEMS: Record<ExitEntryItemKind, { item: number; zh: string; en: string }> = {
  RESIDENCE_PERMIT: { item: 1, zh: '高层次人才居住证', en: 'high-level talent residence permit' },
  FOREIGN_EXPERT_WORK_PERMIT: { item: 2, zh: '外国专家来汉工作许可', en: 'work permit for foreign experts coming to Wuhan' },
  FOREIGN_EXPERT_CERTIFICATE: { item: 3, zh: '外国专家证', en: 'foreign expert certificate' },
  EXIT_ENTRY_PERMIT: { item: 5, zh: '出入境手续办理', en: 'exit-entry formalities' },
};

/** 004 第五条: only Wuhan's green channel offers these items; the Guangzhou seeds list none. */
export function exitEntryKindsOffered(program: string | null | undefined): readonly ExitEntryItemKind[] {
  return program === 'WUHAN_GREEN_CHANNEL' ? EXIT_ENTRY_ITEM_KINDS : [];
}

/** 004 第五条第1、5项 (and 2、3): only Wuhan's green channel offers an exit-entry item. */
export function exitEntryProblems(program: string | null | undefined, kind: ExitEntryItemKind): BookingProblem[] {
  if (exitEntryKindsOffered(program).includes(kind)) return [];
  const item = EXIT_ENTRY_ITEMS[kind];
  return [{
    field: 'program',
    rule: 'EXIT_ENTRY_PROGRAM',
    zh: `${item.zh}仅由武汉市高层次人才绿色通道办理`,
    en: `${item.en} is offered by Wuhan's green channel only`,
    clause: `004 第五条第${item.item}项`,
  }];
}

/** An item is finished (办结) once completed or refused; only then does it have a completion day. */
export function exitEntryItemProblems(item: { status: ExitEntryItemStatus; submittedOn: string; completedOn?: string | null }, today: string): string[] {
  const problems: string[] = [];
  const finished = item.status === 'COMPLETED' || item.status === 'REJECTED';
  const completedOn = item.completedOn ?? null;
  if (finished !== (completedOn !== null)) problems.push('办结日期仅在办结或不予办理后存在（completedOn only once COMPLETED or REJECTED）');
  if (completedOn !== null && completedOn < item.submittedOn) problems.push('办结日期不得早于受理日期（completedOn before submittedOn）');
  if (item.submittedOn > today || (completedOn !== null && completedOn > today)) problems.push('日期不得晚于今天（dates must not be in the future）');
  return problems;
}
