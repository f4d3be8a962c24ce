// 卫健局 (health) rules. Pure functions: the read view computes entitlements with them, seed.ts
// writes only what they accept, and the later booking issue refuses bad input with the same calls.
import type { Program } from '../kit/programs';
import { addDays } from '../kit/dates';

export type CheckupKind = 'HEALTH_CHECKUP' | 'UNION_CHECKUP';
export type CheckupStatus = 'BOOKED' | 'DONE' | 'CANCELLED';
export type FamilyDoctorPackage = 'FREE' | 'BASIC';
export type FamilyDoctorStatus = 'ACTIVE' | 'EXPIRED';

/** Why a record breaks a rule: Chinese first, English beside it, and the clause. */
export interface RuleViolation {
  rule: string;
  zh: string;
  en: string;
  source: string;
}

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

/** null when `candidate` may be recorded beside `existing` (the same talent's bookings). */
export function checkupBookingViolation(
  program: Program,
  existing: readonly CheckupRecord[],
  candidate: CheckupRecord,
  today: string,
): RuleViolation | null {
  if (candidate.kind === 'HEALTH_CHECKUP' && freeCheckupsPerYear(program) === 0) {
    return { rule: 'NO_FREE_CHECKUP', zh: '该人才卡项目不含免费体检', en: 'this card program grants no free checkup', source: '000 十一; 002 八（三）' };
  }
  if (candidate.kind === 'UNION_CHECKUP' && !unionCheckupOffered(program)) {
    return { rule: 'NO_UNION_CHECKUP', zh: '工会体检仅限白云区云聚英才卡', en: 'the union checkup is for Baiyun holders only', source: '000 十' };
  }
  if (Number(candidate.scheduledOn.slice(0, 4)) !== candidate.year) {
    return { rule: 'YEAR_MISMATCH', zh: '体检日期须在所属年度内', en: 'the checkup must take place in its entitlement year', source: '000 十一（每年一次）' };
  }
  if (candidate.hospital.trim() === '') {
    return { rule: 'HOSPITAL_REQUIRED', zh: '须填写体检医院', en: 'a hospital is required', source: '002 八（三）' };
  }
  if (program === 'BAIYUN_YUNJU' && candidate.kind === 'HEALTH_CHECKUP' && candidate.hospital !== BAIYUN_CHECKUP_BASE) {
    return { rule: 'CHECKUP_BASE_ONLY', zh: `白云免费体检统一在${BAIYUN_CHECKUP_BASE}进行`, en: 'Baiyun free checkups take place at the cadre health-care base', source: '000 十一' };
  }
  if (candidate.status === 'BOOKED' && candidate.scheduledOn < today) {
    return { rule: 'BOOKED_IN_PAST', zh: '预约日期不能早于今天', en: 'a booked checkup cannot be in the past', source: '000 十一' };
  }
  if (candidate.status === 'DONE' && candidate.scheduledOn > today) {
    return { rule: 'DONE_IN_FUTURE', zh: '未到体检日期不能标记为已完成', en: 'a checkup cannot be done before its day', source: '000 十一' };
  }
  if (!countsAgainstYear(candidate)) return null;
  const entitlement = checkupEntitlement(program, existing, candidate.year);
  if (candidate.kind === 'HEALTH_CHECKUP' && entitlement.remaining === 0) {
    return entitlement.unionCheckupChosen
      ? { rule: 'UNION_CHOSEN', zh: '本年度已选择工会体检，不能再享受免费体检', en: 'the union checkup was chosen this year', source: '000 十一（与工会服务二选一）' }
      : { rule: 'YEARLY_LIMIT', zh: '本年度免费体检次数已用完', en: 'this year’s free checkup is used', source: '000 十一; 001 第四条（四）; 002 八（三）' };
  }
  if (candidate.kind === 'UNION_CHECKUP' && !entitlement.unionCheckupAvailable) {
    return entitlement.unionCheckupChosen
      ? { rule: 'UNION_YEARLY_LIMIT', zh: '工会体检每年一次', en: 'the union checkup is once a year', source: '000 十' }
      : { rule: 'FREE_CHECKUP_USED', zh: '本年度已享受免费体检，不能再选工会体检', en: 'the free checkup was used this year', source: '000 十一（与工会服务二选一）' };
  }
  return null;
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
  const [y, m, d] = startsOn.split('-').map(Number);
  const end = new Date(Date.UTC(y + FAMILY_DOCTOR_TERM_YEARS, m - 1, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

export function familyDoctorStatusOn(term: Pick<FamilyDoctorTerm, 'endsOn'>, today: string): FamilyDoctorStatus {
  return term.endsOn < today ? 'EXPIRED' : 'ACTIVE';
}

/** The term to show today (the one begun most recently, else the first) and how many came before it. */
export function currentFamilyDoctorTerm<T extends FamilyDoctorTerm>(terms: readonly T[], today: string): { term: T; renewals: number } | null {
  const sorted = [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  if (sorted.length === 0) return null;
  const begun = sorted.filter((term) => term.startsOn <= today);
  const index = begun.length > 0 ? begun.length - 1 : 0;
  return { term: sorted[index], renewals: index };
}

/** null when `candidate` may be signed beside the holder's `existing` terms. */
export function familyDoctorViolation(program: Program, existing: readonly FamilyDoctorTerm[], candidate: FamilyDoctorTerm): RuleViolation | null {
  if (program !== 'LIWAN_YINGCAI') {
    return { rule: 'LIWAN_ONLY', zh: '家庭医生签约服务仅限荔湾英才卡', en: 'family-doctor contracts are for Liwan holders only', source: '002 八（四）' };
  }
  if (candidate.package !== 'FREE' && candidate.package !== 'BASIC') {
    return { rule: 'PACKAGE', zh: '只能签约免费服务包或基本服务包其中一种', en: 'choose the free or the basic package', source: '002 八（四）' };
  }
  if (candidate.team.trim() === '' || candidate.communityHealthCentre.trim() === '') {
    return { rule: 'TEAM_REQUIRED', zh: '须选择社区卫生服务中心的家庭医生团队', en: 'a team of a community health centre is required', source: '002 八（四）' };
  }
  if (candidate.endsOn !== familyDoctorTermEnd(candidate.startsOn)) {
    return { rule: 'ONE_YEAR_TERM', zh: '协议有效期为1年', en: 'a contract runs for exactly one year', source: '002 八（四）' };
  }
  // 002 八（四）: 免费服务包、基本服务包只能签约其中一种，不能同时签约 — so terms never overlap.
  if (existing.some((term) => term.startsOn <= candidate.endsOn && candidate.startsOn <= term.endsOn)) {
    return { rule: 'ONE_PACKAGE_AT_A_TIME', zh: '协议期内不能同时签约另一服务包', en: 'another package is already signed for these dates', source: '002 八（四）' };
  }
  return null;
}
