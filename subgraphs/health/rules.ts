// 卫健局 (health) rules. Pure functions: the read view computes entitlements with them, seed.ts
// writes only what they accept, and bookings (from a case or made directly) are refused with the same calls.
import type { Program } from '../kit/programs';
import { lastDayOfTerm } from '../kit/dates';
import type { RuleViolation } from '../kit/problems';

export type CheckupKind = 'HEALTH_CHECKUP' | 'UNION_CHECKUP';
export type CheckupStatus = 'BOOKED' | 'DONE' | 'CANCELLED';
export type FamilyDoctorPackage = 'FREE' | 'BASIC';
export type FamilyDoctorStatus = 'ACTIVE' | 'EXPIRED';

export interface DesignatedHospital {
  name: string;
  checkupBase: boolean;
  source: string;
}

/** 000 十一: Baiyun's free checkup is held at the district cadre health-care base. */
export const BAIYUN_CHECKUP_BASE = '南方医科大学南方医院白云分院';

// 000 六（三）1: the district hospitals where Baiyun holders get designated care.
const BAIYUN_HOSPITALS: readonly DesignatedHospital[] = [
  BAIYUN_CHECKUP_BASE,
  '白云区妇幼保健院',
  '白云区第二人民医院',
  '广州中医药大学第一附属医院白云医院',
  '白云区第三人民医院',
  '白云区石井人民医院',
  '南方医院太和分院',
].map((name) => ({ name, checkupBase: name === BAIYUN_CHECKUP_BASE, source: '000 六（三）1' }));

// 002 八（一）: Liwan's designated hospitals (医疗保健定点医院).
const LIWAN_HOSPITALS: readonly DesignatedHospital[] = [
  '荔湾中心医院',
  '荔湾区人民医院',
  '荔湾区中医医院',
  '荔湾区骨伤科医院',
  '荔湾区妇幼保健院',
].map((name) => ({ name, checkupBase: false, source: '002 八（一）' }));

/** 000 六（三）1 and 002 八（一）; 003 and 004 name no designated hospital. */
export function designatedHospitals(program: Program): readonly DesignatedHospital[] {
  if (program === 'BAIYUN_YUNJU') return BAIYUN_HOSPITALS;
  if (program === 'LIWAN_YINGCAI') return LIWAN_HOSPITALS;
  return [];
}

/**
 * 000 六 / 001 第四条（四）: 优先挂号、优先缴费; 002 八（二）1: 门诊预约、优先挂号、优先缴费、优先住院;
 * 004 第五条第7项: 就医优诊优疗. 003 grants no medical service of its own.
 */
export function hasPriorityCare(program: Program): boolean {
  return program === 'BAIYUN_YUNJU' || program === 'LIWAN_YINGCAI' || program === 'WUHAN_GREEN_CHANNEL';
}

/** 000 十一 / 001 第四条（四）: one free checkup a year (Baiyun); 002 八（三）: likewise (Liwan). */
export function freeCheckupsPerYear(program: Program): number {
  return program === 'BAIYUN_YUNJU' || program === 'LIWAN_YINGCAI' ? 1 : 0;
}

/** 000 十: the district union's yearly basic checkup, Baiyun only. */
export function unionCheckupOffered(program: Program): boolean {
  return program === 'BAIYUN_YUNJU';
}

export interface CheckupRecord {
  year: number;
  kind: CheckupKind;
  hospital: string;
  scheduledOn: string;
  status: CheckupStatus;
}

export interface CheckupEntitlement {
  year: number;
  freeCheckupsPerYear: number;
  used: number;
  remaining: number;
  unionCheckupChosen: boolean;
  unionCheckupAvailable: boolean;
}

/** A cancelled booking gives its place back: only booked or done ones use the year's allowance. */
export function countsAgainstYear(booking: Pick<CheckupRecord, 'status'>): boolean {
  return booking.status !== 'CANCELLED';
}

export function checkupEntitlement(program: Program, bookings: readonly CheckupRecord[], year: number): CheckupEntitlement {
  const counted = bookings.filter((booking) => booking.year === year && countsAgainstYear(booking));
  const used = counted.filter((booking) => booking.kind === 'HEALTH_CHECKUP').length;
  const unionCheckupChosen = counted.some((booking) => booking.kind === 'UNION_CHECKUP');
  const allowance = freeCheckupsPerYear(program);
  return {
    year,
    freeCheckupsPerYear: allowance,
    used,
    // 000 十一 (与工会服务二选一): choosing the union checkup gives up the free one for that year.
    remaining: unionCheckupChosen ? 0 : Math.max(0, allowance - used),
    unionCheckupChosen,
    // 000 十: once a year; 000 十一: not in a year whose free checkup is used.
    unionCheckupAvailable: unionCheckupOffered(program) && !unionCheckupChosen && used === 0,
  };
}

/** null when `candidate` may be recorded beside `existing` (the same talent's bookings): the first violation, if any. */
export function checkupBookingViolation(
  program: Program,
  existing: readonly CheckupRecord[],
  candidate: CheckupRecord,
  today: string,
): RuleViolation | null {
  return checkupBookingViolations(program, existing, candidate, today)[0] ?? null;
}

/** Every rule `candidate` breaks beside `existing`, so the talent hears them all at once (一次性告知). */
export function checkupBookingViolations(
  program: Program,
  existing: readonly CheckupRecord[],
  candidate: CheckupRecord,
  today: string,
): RuleViolation[] {
  // A program without the service: nothing else about the booking matters.
  if (candidate.kind === 'HEALTH_CHECKUP' && freeCheckupsPerYear(program) === 0) {
    return [{ rule: 'NO_FREE_CHECKUP', zh: '该人才卡项目不含免费体检', en: 'this card program grants no free checkup', source: '000 十一; 002 八（三）' }];
  }
  if (candidate.kind === 'UNION_CHECKUP' && !unionCheckupOffered(program)) {
    return [{ rule: 'NO_UNION_CHECKUP', zh: '工会体检仅限白云区云聚英才卡', en: 'the union checkup is for Baiyun holders only', source: '000 十' }];
  }
  const violations: RuleViolation[] = [];
  if (Number(candidate.scheduledOn.slice(0, 4)) !== candidate.year) {
    violations.push({ rule: 'YEAR_MISMATCH', zh: '体检日期须在所属年度内', en: 'the checkup must take place in its entitlement year', source: '000 十一（每年一次）' });
  }
  if (candidate.hospital.trim() === '') {
    violations.push(
      candidate.kind === 'UNION_CHECKUP'
        ? { rule: 'HOSPITAL_REQUIRED', zh: '须填写区总工会安排的体检医院', en: 'the hospital the district union arranged is required', source: '000 十' }
        : { rule: 'HOSPITAL_REQUIRED', zh: '须自行选择指定体检医院', en: 'choose one of the designated checkup hospitals', source: '002 八（三）' },
    );
  } else if (program === 'BAIYUN_YUNJU' && candidate.kind === 'HEALTH_CHECKUP' && candidate.hospital !== BAIYUN_CHECKUP_BASE) {
    violations.push({ rule: 'CHECKUP_BASE_ONLY', zh: `白云免费体检统一在${BAIYUN_CHECKUP_BASE}进行`, en: 'Baiyun free checkups take place at the cadre health-care base', source: '000 十一' });
  }
  if (candidate.status === 'BOOKED' && candidate.scheduledOn < today) {
    violations.push({ rule: 'BOOKED_IN_PAST', zh: '预约日期不能早于今天', en: 'a booked checkup cannot be in the past', source: '000 十一' });
  }
  if (candidate.status === 'DONE' && candidate.scheduledOn > today) {
    violations.push({ rule: 'DONE_IN_FUTURE', zh: '未到体检日期不能标记为已完成', en: 'a checkup cannot be done before its day', source: '000 十一' });
  }
  if (!countsAgainstYear(candidate)) return violations;
  const entitlement = checkupEntitlement(program, existing, candidate.year);
  if (candidate.kind === 'HEALTH_CHECKUP' && entitlement.remaining === 0) {
    violations.push(
      entitlement.unionCheckupChosen
        ? { rule: 'UNION_CHOSEN', zh: '本年度已选择工会体检，不能再享受免费体检', en: 'the union checkup was chosen this year', source: '000 十一（与工会服务二选一）' }
        : { rule: 'YEARLY_LIMIT', zh: '本年度免费体检次数已用完', en: 'this year’s free checkup is used', source: '000 十一; 001 第四条（四）; 002 八（三）' },
    );
  }
  if (candidate.kind === 'UNION_CHECKUP' && !entitlement.unionCheckupAvailable) {
    violations.push(
      entitlement.unionCheckupChosen
        ? { rule: 'UNION_YEARLY_LIMIT', zh: '工会体检每年一次', en: 'the union checkup is once a year', source: '000 十' }
        : { rule: 'FREE_CHECKUP_USED', zh: '本年度已享受免费体检，不能再选工会体检', en: 'the free checkup was used this year', source: '000 十一（与工会服务二选一）' },
    );
  }
  return violations;
}

const STATUS_ZH: Record<CheckupStatus, string> = { BOOKED: '已预约', DONE: '已完成', CANCELLED: '已取消' };

/**
 * Staff move a booked checkup on: done on or after its day (000 十一: 统一安排…进行体检), or
 * cancelled, which gives the year's use back (cancelled bookings do not count; 001 第四条（四）; 002 八（三）).
 */
export function checkupTransitionViolations(booking: Pick<CheckupRecord, 'status' | 'scheduledOn'>, to: 'DONE' | 'CANCELLED', today: string): RuleViolation[] {
  if (booking.status !== 'BOOKED') {
    return [{ rule: 'NOT_BOOKED', zh: `该体检预约${STATUS_ZH[booking.status]}，只有已预约的体检可以${to === 'DONE' ? '标记完成' : '取消'}`, en: `the booking is ${booking.status}; only a BOOKED checkup can be ${to === 'DONE' ? 'done' : 'cancelled'}`, source: '000 十一' }];
  }
  if (to === 'DONE' && booking.scheduledOn > today) {
    return [{ rule: 'DONE_IN_FUTURE', zh: '未到体检日期不能标记为已完成', en: 'a checkup cannot be done before its day', source: '000 十一' }];
  }
  return [];
}

/** 000 十: the district union organises its checkup (区总工会组织) and names the hospital in its notice. */
export const UNION_ARRANGED_HOSPITAL = '区总工会统一安排的体检机构';

/**
 * The hospital of a new booking: the one the talent chose; else, in Baiyun, where the organiser
 * holds it — the cadre health-care base for the free checkup (000 十一: 统一安排), the union's own
 * arrangement for the union checkup (000 十). Liwan holders choose a designated checkup hospital
 * themselves (002 八（三）): without a choice the hospital stays empty and the rules refuse it.
 */
export function checkupHospitalFor(program: Program, kind: CheckupKind, chosen: string | null): string {
  if (chosen !== null && chosen.trim() !== '') return chosen.trim();
  if (program !== 'BAIYUN_YUNJU') return '';
  return kind === 'HEALTH_CHECKUP' ? BAIYUN_CHECKUP_BASE : UNION_ARRANGED_HOSPITAL;
}

/**
 * The year slot a booking holds: at most one booked or done checkup per talent and year, of
 * either kind — one free checkup a year (000 十一; 002 八（三）), one union checkup a year (000 十),
 * and in Baiyun not both (000 十一: 与工会服务二选一). A cancelled booking holds none (gives it back).
 */
export function yearSlotOf(booking: Pick<CheckupRecord, 'year' | 'status'>): number | null {
  return countsAgainstYear(booking) ? booking.year : null;
}

// ---- Family doctor (002 八（四）, Liwan only) ----

export interface FamilyDoctorTerm {
  team: string;
  communityHealthCentre: string;
  package: FamilyDoctorPackage;
  startsOn: string;
  endsOn: string;
}

/** 002 八（四）: 协议有效期为1年. */
export const FAMILY_DOCTOR_TERM_YEARS = 1;

/** Last day of a term starting on `startsOn` (002 八（四）: one year). */
export function familyDoctorTermEnd(startsOn: string): string {
  return lastDayOfTerm(startsOn, FAMILY_DOCTOR_TERM_YEARS);
}

export function familyDoctorStatusOn(term: Pick<FamilyDoctorTerm, 'endsOn'>, today: string): FamilyDoctorStatus {
  return term.endsOn < today ? 'EXPIRED' : 'ACTIVE';
}

/**
 * The term to show today and how many came before it: the one covering today; else the next one
 * (a renewal signed ahead, 002 八（四）: 协议有效期为1年, renewed when it ends); else the latest.
 */
export function currentFamilyDoctorTerm<T extends FamilyDoctorTerm>(terms: readonly T[], today: string): { term: T; renewals: number } | null {
  const sorted = [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  if (sorted.length === 0) return null;
  const covering = sorted.findIndex((term) => term.startsOn <= today && today <= term.endsOn);
  const next = sorted.findIndex((term) => term.startsOn > today);
  const index = covering >= 0 ? covering : next >= 0 ? next : sorted.length - 1;
  return { term: sorted[index], renewals: index };
}

/** null when `candidate` may be signed beside the holder's `existing` terms: the first violation, if any. */
export function familyDoctorViolation(program: Program, existing: readonly FamilyDoctorTerm[], candidate: FamilyDoctorTerm): RuleViolation | null {
  return familyDoctorViolations(program, existing, candidate)[0] ?? null;
}

/** Every rule `candidate` breaks beside the holder's `existing` terms (一次性告知). */
export function familyDoctorViolations(program: Program, existing: readonly FamilyDoctorTerm[], candidate: FamilyDoctorTerm): RuleViolation[] {
  if (program !== 'LIWAN_YINGCAI') {
    return [{ rule: 'LIWAN_ONLY', zh: '家庭医生签约服务仅限荔湾英才卡', en: 'family-doctor contracts are for Liwan holders only', source: '002 八（四）' }];
  }
  const violations: RuleViolation[] = [];
  if (candidate.package !== 'FREE' && candidate.package !== 'BASIC') {
    violations.push({ rule: 'PACKAGE', zh: '只能签约免费服务包或基本服务包其中一种', en: 'choose the free or the basic package', source: '002 八（四）' });
  }
  if (candidate.team.trim() === '' || candidate.communityHealthCentre.trim() === '') {
    violations.push({ rule: 'TEAM_REQUIRED', zh: '须选择社区卫生服务中心的家庭医生团队', en: 'a team of a community health centre is required', source: '002 八（四）' });
  }
  if (candidate.endsOn !== familyDoctorTermEnd(candidate.startsOn)) {
    violations.push({ rule: 'ONE_YEAR_TERM', zh: '协议有效期为1年', en: 'a contract runs for exactly one year', source: '002 八（四）' });
  }
  // 002 八（四）: 免费服务包、基本服务包只能签约其中一种，不能同时签约 — so terms never overlap.
  if (existing.some((term) => term.startsOn <= candidate.endsOn && candidate.startsOn <= term.endsOn)) {
    violations.push({ rule: 'ONE_PACKAGE_AT_A_TIME', zh: '协议期内不能同时签约另一服务包', en: 'another package is already signed for these dates', source: '002 八（四）' });
  }
  return violations;
}

/**
 * Signing a new term today: the term's own rules, and it cannot begin before today — an
 * agreement is signed for a term ahead, and a renewal is made when the last one ends (002 八（四）).
 */
export function familyDoctorSigningViolations(program: Program, existing: readonly FamilyDoctorTerm[], candidate: FamilyDoctorTerm, today: string): RuleViolation[] {
  const violations = familyDoctorViolations(program, existing, candidate);
  if (violations[0]?.rule === 'LIWAN_ONLY') return violations;
  if (candidate.startsOn < today) {
    violations.push({ rule: 'STARTS_IN_PAST', zh: '签约生效日期不能早于今天', en: 'a contract cannot start before today', source: '002 八（四）' });
  }
  return violations;
}
