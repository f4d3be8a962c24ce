// 子女入学服务 rules: which programs offer it, the kindergarten lottery, priority placement only
// from the places left over, and the level a child's age allows. Every rule names its clause.
// They are pure: the read view, seed.ts and (later) the submit mutation call the same functions.
import type { Program } from '../kit/programs';

import { ageAtEntry, SCHOOL_LEVELS, levelFitsAge, type SchoolLevel } from '../kit/school-age';

// The age bands are the kit's (kit/school-age.ts), shared with the window's intake.
export { ageAtEntry, LEVEL_AGES, levelFitsAge, SCHOOL_LEVELS, type SchoolLevel } from '../kit/school-age';

export const LOTTERY_OUTCOMES = ['NOT_APPLICABLE', 'PENDING', 'WON', 'NOT_WON'] as const;
export type LotteryOutcome = (typeof LOTTERY_OUTCOMES)[number];

export const PRIORITY_OUTCOMES = ['NOT_REQUESTED', 'PENDING', 'GRANTED', 'NO_REMAINING_PLACES'] as const;
export type PriorityOutcome = (typeof PRIORITY_OUTCOMES)[number];

export const ENROLMENT_STATUSES = ['RECEIVED', 'PLACED', 'WAITLISTED', 'WITHDRAWN'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const CHILD_GENDERS = ['MALE', 'FEMALE'] as const;

export interface EducationPolicy {
  /** The clause that grants the service. */
  source: string;
  /** 001 第四条（二）: 区属公办幼儿园电脑派位. */
  kindergartenLottery: boolean;
  /** 001 第四条（二）; 000 八: priority places from what is left over. */
  priorityPlacement: boolean;
}

/**
 * Programs whose seeds grant 子女入学. Baiyun spells out the lottery and priority placement
 * (000 八; 001 第四条（二）). The Tianhe green card grants 子女入学 by reference to 穗府办规〔2016〕5号
 * (003 五) and Wuhan's green channel handles 子女就读市属中小学(幼儿园) (004 第五条第11项); neither
 * text describes a lottery or priority places, so their requests are placed without them.
 * The Liwan guide (002) has no enrolment service.
 */
export const EDUCATION_POLICIES: Partial<Record<Program, EducationPolicy>> = {
  BAIYUN_YUNJU: { source: '000 八；001 第四条（二）', kindergartenLottery: true, priorityPlacement: true },
  GUANGZHOU_GREEN_CARD: { source: '003 五（穗府办规〔2016〕5号 第五条）', kindergartenLottery: false, priorityPlacement: false },
  WUHAN_GREEN_CHANNEL: { source: '004 第五条第11项', kindergartenLottery: false, priorityPlacement: false },
};

export function educationPolicy(program: string): EducationPolicy | null {
  return EDUCATION_POLICIES[program as Program] ?? null;
}

/** 000 八 "持卡人子女": only the holder's own children (relation CHILD) are enrolled. */
export function mayEnrol(program: string, relation: string): boolean {
  return educationPolicy(program) !== null && relation === 'CHILD';
}

export function levelForAge(birthDate: string, schoolYear: number): SchoolLevel | null {
  return SCHOOL_LEVELS.find((level) => levelFitsAge(level, birthDate, schoolYear)) ?? null;
}

/** 001 第四条（二）; 000 八: only Baiyun's district public kindergartens draw lots for holders' children. */
export function lotteryApplies(program: string, level: string): boolean {
  return level === 'KINDERGARTEN' && educationPolicy(program)?.kindergartenLottery === true;
}

/**
 * Whether priority placement may be asked for: in compulsory school always where the program
 * offers it (000 八; 001 第四条（二）); in kindergarten only after the lottery was lost
 * (001 第四条（二）"派位没中签的优先报读…有剩余学位的").
 */
export function priorityMayBeRequested(program: string, level: string, lottery: string): boolean {
  if (educationPolicy(program)?.priorityPlacement !== true) return false;
  return level !== 'KINDERGARTEN' || lottery === 'NOT_WON';
}

/**
 * Priority places come only from what is left: in compulsory school after local catchment
 * children (地段生) are placed (000 八; 001 第四条（二）), in kindergarten from places remaining
 * after the lottery (001 第四条（二）).
 */
export function priorityOutcome(remainingPlaces: number): 'GRANTED' | 'NO_REMAINING_PLACES' {
  return remainingPlaces > 0 ? 'GRANTED' : 'NO_REMAINING_PLACES';
}

export function enrolmentSource(program: string): string {
  return educationPolicy(program)?.source ?? '—';
}

/** One broken rule: the field to point at, Chinese first, English beside it. */
export interface RuleProblem {
  field: string;
  zh: string;
  en: string;
}

export interface EnrolmentFacts {
  program: string;
  child: { birthDate: string };
  level: string;
  schoolYear: number;
  assignedSchool?: string | null;
  lotteryOutcome: string;
  priorityOutcome: string;
  status: string;
  submittedOn: string;
  decidedOn?: string | null;
}

/** Outcomes and status must tell one story: a won lottery or a granted priority is a place. */
export function enrolmentStatusProblems(enrolment: EnrolmentFacts): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const { status, lotteryOutcome: lottery, priorityOutcome: priority } = enrolment;
  const undecided = lottery === 'PENDING' || priority === 'PENDING';
  if (status === 'RECEIVED' && (enrolment.decidedOn || enrolment.assignedSchool)) {
    problems.push({ field: 'status', zh: '已受理未决定的申请不应有安排学校或决定日期', en: 'a received request has no school or decision yet' });
  }
  if (status !== 'RECEIVED' && !enrolment.decidedOn) {
    problems.push({ field: 'decidedOn', zh: '已决定的申请须有决定日期', en: 'a decided request needs decidedOn' });
  }
  if ((status === 'PLACED') !== Boolean(enrolment.assignedSchool)) {
    problems.push({ field: 'assignedSchool', zh: '只有已安排学位的申请有安排学校', en: 'assignedSchool is set exactly when placed' });
  }
  if ((status === 'PLACED' || status === 'WAITLISTED') && undecided) {
    problems.push({ field: 'status', zh: '派位或优先安排结果未出，不能决定', en: 'cannot place or waitlist while the lottery or priority is pending' });
  }
  if ((lottery === 'WON' || priority === 'GRANTED') && (status === 'WAITLISTED' || status === 'RECEIVED')) {
    problems.push({ field: 'status', zh: '中签或已优先安排的申请应已安排学位', en: 'a won lottery or granted priority is a place' });
  }
  return problems;
}

/** Every rule at once: service granted, level fits the age, lottery and priority allowed, dates in order. */
export function enrolmentProblems(enrolment: EnrolmentFacts, today: string): RuleProblem[] {
  if (!educationPolicy(enrolment.program)) {
    return [{ field: 'program', zh: '该人才卡项目不提供子女入学服务', en: `program ${enrolment.program} grants no school enrolment` }];
  }
  const problems: RuleProblem[] = [];
  if (!levelFitsAge(enrolment.level, enrolment.child.birthDate, enrolment.schoolYear)) {
    problems.push({ field: 'level', zh: '学段与子女年龄不符', en: `level ${enrolment.level} does not fit a child aged ${ageAtEntry(enrolment.child.birthDate, enrolment.schoolYear)}` });
  }
  const lotteryNeeded = lotteryApplies(enrolment.program, enrolment.level);
  if (lotteryNeeded === (enrolment.lotteryOutcome === 'NOT_APPLICABLE')) {
    problems.push({ field: 'lotteryOutcome', zh: '电脑派位仅适用于白云区属公办幼儿园', en: 'the lottery is for Baiyun district kindergartens only (001 第四条（二）)' });
  }
  if (enrolment.priorityOutcome !== 'NOT_REQUESTED' && !priorityMayBeRequested(enrolment.program, enrolment.level, enrolment.lotteryOutcome)) {
    problems.push({ field: 'priorityOutcome', zh: '不符合优先安排学位的条件', en: 'priority placement is not available here (001 第四条（二）; 000 八)' });
  }
  // 000 八（二）1: requests follow the enrolment calendar of the year of entry.
  if (Number(enrolment.submittedOn.slice(0, 4)) !== enrolment.schoolYear) {
    problems.push({ field: 'submittedOn', zh: '须在入学当年提出申请', en: 'submit in the year of entry' });
  }
  if (enrolment.submittedOn > today) problems.push({ field: 'submittedOn', zh: '申请日期在今天之后', en: 'submittedOn is in the future' });
  if (enrolment.decidedOn && (enrolment.decidedOn < enrolment.submittedOn || enrolment.decidedOn > today)) {
    problems.push({ field: 'decidedOn', zh: '决定日期须在申请日期与今天之间', en: 'decidedOn must fall between submission and today' });
  }
  return [...problems, ...enrolmentStatusProblems(enrolment)];
}

export interface ExistingEnrolment {
  child: { name: string; birthDate: string };
  schoolYear: number;
  status: string;
}

/** Data integrity (no seed clause): one live request per child and school year. */
export function duplicateEnrolment(existing: readonly ExistingEnrolment[], child: ExistingEnrolment['child'], schoolYear: number): boolean {
  return existing.some(
    (enrolment) =>
      enrolment.status !== 'WITHDRAWN' &&
      enrolment.schoolYear === schoolYear &&
      enrolment.child.name === child.name &&
      enrolment.child.birthDate === child.birthDate,
  );
}
