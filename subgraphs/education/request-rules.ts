// The education rules a request and each staff decision must pass, over the rules of rules.ts, and
// what a case task says about its enrolment. Pure functions; each violation names its clause.
import type { ServiceCode } from '../kit/case-forms';
import type { CaseTaskChange } from '../kit/case-task';
import type { EnrolmentRequest } from './form';
import type { RegisteredRelative } from '../kit/household-declaration';
import type { FieldViolation } from '../kit/problems';
import { LEVEL_AGE_SOURCE } from '../kit/school-age';
import {
  ageAtEntry,
  duplicateEnrolment,
  educationPolicy,
  levelFitsAge,
  lotteryApplies,
  priorityMayBeRequested,
  type ExistingEnrolment,
  type LotteryOutcome,
  type PriorityOutcome,
  type SchoolLevel,
} from './rules';

/** The items this department does (kit/case-forms.ts SERVICE_DEPARTMENT), and the levels each takes. */
export const EDUCATION_ITEM_LEVELS = {
  KINDERGARTEN_ENROLMENT: ['KINDERGARTEN'],
  SCHOOL_ENROLMENT: ['PRIMARY', 'JUNIOR_SECONDARY'],
} as const satisfies Partial<Record<ServiceCode, readonly SchoolLevel[]>>;
export type EducationItem = keyof typeof EDUCATION_ITEM_LEVELS;
export const EDUCATION_ITEMS = Object.keys(EDUCATION_ITEM_LEVELS) as EducationItem[];

const PRIORITY_SOURCE = '000 八；001 第四条（二）';
const LOTTERY_SOURCE = '001 第四条（二）';

/** A child the window registered as the holder's: the same name and birth date (000 八（一）2 出生证明). */
function isRegisteredChild(family: readonly RegisteredRelative[], child: EnrolmentRequest['child']): boolean {
  return family.some((member) => member.relation === 'CHILD' && member.name.trim() === child.name && member.birthDate === child.birthDate);
}

/**
 * Every rule a request breaks, at once: the program grants 子女入学 (the Liwan guide 002 has no such
 * clause); only the holder's child (000 八 持卡人子女) — when the holder's registered family is given
 * (a direct request, whose child is typed by hand), one of its registered children; the level fits
 * the child's age on 31 August; the request is made in the year of entry (000 八（二）1); one live
 * request per child and year.
 */
export function enrolmentRequestViolations(
  program: string,
  request: EnrolmentRequest,
  existing: readonly ExistingEnrolment[],
  day: string,
  registeredFamily: readonly RegisteredRelative[] | null = null,
): FieldViolation[] {
  const policy = educationPolicy(program);
  if (!policy) {
    return [{ rule: 'EDUCATION_PROGRAM', field: 'program', zh: '荔湾英才卡服务指南没有子女入学服务', en: `the ${program} card grants no school enrolment`, source: '002（无子女入学条款 no schooling clause）' }];
  }
  const violations: FieldViolation[] = [];
  const { child, level, schoolYear } = request;
  if (child.relation !== 'CHILD') {
    violations.push({ rule: 'ENROLMENT_CHILD_ONLY', field: 'child.relation', zh: `${child.name}不是持卡人子女，子女入学服务只为持卡人子女办理`, en: "only the holder's own child is enrolled", source: policy.source });
  } else if (registeredFamily && !isRegisteredChild(registeredFamily, child)) {
    violations.push({ rule: 'ENROLMENT_REGISTERED_CHILD', field: 'child', zh: `${child.name}（${child.birthDate}）不是登记在册的持卡人子女`, en: `${child.name} (${child.birthDate}) is not a registered child of the holder`, source: policy.source });
  }
  if (!levelFitsAge(level, child.birthDate, schoolYear)) {
    const age = ageAtEntry(child.birthDate, schoolYear);
    violations.push({ rule: 'ENROLMENT_LEVEL_AGE', field: 'level', zh: `${child.name}在 ${schoolYear} 年 8 月 31 日为 ${age} 周岁，与所报学段不符`, en: `level ${level} does not fit a child aged ${age} on 31 August`, source: LEVEL_AGE_SOURCE });
  }
  if (Number(day.slice(0, 4)) !== schoolYear) {
    violations.push({ rule: 'ENROLMENT_SCHOOL_YEAR', field: 'schoolYear', zh: `须在入学当年（${schoolYear} 年）按日程提出申请`, en: 'apply in the year of entry, by its enrolment calendar', source: '000 八（二）1' });
  }
  if (duplicateEnrolment(existing, child, schoolYear)) {
    violations.push({ rule: 'ENROLMENT_DUPLICATE', field: 'child', zh: `${child.name}已有 ${schoolYear} 学年的入学申请`, en: 'this child already has a live request for that school year', source: '000 八（二）2' });
  }
  return violations;
}

/** Before any decision: the Baiyun kindergarten lottery to draw, or a compulsory-school priority request waiting. */
export function initialOutcomes(program: string, level: string): { lotteryOutcome: LotteryOutcome; priorityOutcome: PriorityOutcome } {
  const lottery = lotteryApplies(program, level);
  return {
    lotteryOutcome: lottery ? 'PENDING' : 'NOT_APPLICABLE',
    priorityOutcome: !lottery && priorityMayBeRequested(program, level, 'NOT_APPLICABLE') ? 'PENDING' : 'NOT_REQUESTED',
  };
}

export interface EnrolmentState {
  program: string;
  child: { name: string };
  level: string;
  status: string;
  preferredSchool: string;
  assignedSchool?: string | null;
  lotteryOutcome: string;
  priorityOutcome: string;
}

/** Only a request not yet decided can be decided. */
function undecided(enrolment: EnrolmentState): FieldViolation[] {
  if (enrolment.status === 'RECEIVED') return [];
  return [{ rule: 'ENROLMENT_DECIDED', field: 'id', zh: '该入学申请已有结果（已安排、候补或撤回）', en: `the request is already ${enrolment.status.toLowerCase()}`, source: '000 八（二）2' }];
}

/** 001 第四条（二）: the lottery is drawn first, once, and only for Baiyun district kindergartens. */
export function lotteryViolations(enrolment: EnrolmentState): FieldViolation[] {
  if (enrolment.lotteryOutcome === 'PENDING') return undecided(enrolment);
  return [{ rule: 'ENROLMENT_NO_LOTTERY', field: 'id', zh: '该申请没有待登记的电脑派位（仅白云区属公办幼儿园派位，且只派一次）', en: 'no lottery is pending for this request', source: LOTTERY_SOURCE }];
}

export interface PlacementChoice {
  priority: boolean;
  localDemandMet: boolean | null;
}

/**
 * Placing or waitlisting: the kindergarten lottery comes first (001 第四条（二）); priority only
 * where the program grants it, in kindergarten only after the lottery was lost, and in compulsory
 * school only once local catchment children (地段生) have their places (000 八; 001 第四条（二）).
 */
export function decisionViolations(enrolment: EnrolmentState, choice: PlacementChoice): FieldViolation[] {
  const violations = undecided(enrolment);
  if (violations.length > 0) return violations;
  if (enrolment.lotteryOutcome === 'PENDING') {
    violations.push({ rule: 'ENROLMENT_LOTTERY_FIRST', field: 'id', zh: '须先参加区属公办幼儿园电脑派位，未中签的方可优先报读', en: 'the kindergarten lottery is drawn first', source: LOTTERY_SOURCE });
    return violations;
  }
  if (!choice.priority) return violations;
  const policy = educationPolicy(enrolment.program);
  if (!policy?.priorityPlacement) {
    violations.push({ rule: 'ENROLMENT_NO_PRIORITY', field: 'priority', zh: '该人才卡的子女入学服务没有优先安排学位', en: 'this card grants no priority placement', source: policy?.source ?? '—' });
  } else if (!priorityMayBeRequested(enrolment.program, enrolment.level, enrolment.lotteryOutcome)) {
    violations.push({ rule: 'ENROLMENT_LOTTERY_FIRST', field: 'priority', zh: '幼儿园只有电脑派位未中签的子女可优先报读', en: 'in kindergarten only a child who did not win the lottery is placed with priority', source: LOTTERY_SOURCE });
  } else if (enrolment.level !== 'KINDERGARTEN' && choice.localDemandMet !== true) {
    violations.push({ rule: 'ENROLMENT_LOCAL_DEMAND_FIRST', field: 'localDemandMet', zh: '须在满足地段生学位需求后有剩余学位的前提下方可优先安排', en: 'priority places come only after local catchment (地段生) demand is met', source: PRIORITY_SOURCE });
  }
  return violations;
}

/** The task while the request waits: for the lottery, or for the guidance centre's placement (000 八（二）2). */
export function receivedTaskChange(enrolment: EnrolmentState, event: string): CaseTaskChange {
  if (enrolment.lotteryOutcome === 'PENDING') {
    return { status: 'IN_PROGRESS', step: 'KINDERGARTEN_LOTTERY', note: `${event}；待区属公办幼儿园电脑派位（awaiting the kindergarten lottery）` };
  }
  const priority = enrolment.priorityOutcome === 'PENDING' ? '，可在有剩余学位时优先安排' : '';
  return { status: 'IN_PROGRESS', step: 'PLACEMENT', note: `${event}；待教育指导中心统筹安排学位${priority}（awaiting placement）` };
}

/** The task once decided: DONE, saying whether the child was placed (and how) or waitlisted. */
export function decidedTaskChange(enrolment: EnrolmentState): CaseTaskChange {
  if (enrolment.status === 'PLACED') {
    const how =
      enrolment.lotteryOutcome === 'WON' ? '电脑派位中签' : enrolment.priorityOutcome === 'GRANTED' ? '优先安排' : '统筹安排';
    const howEn = enrolment.lotteryOutcome === 'WON' ? 'lottery won' : enrolment.priorityOutcome === 'GRANTED' ? 'priority' : 'ordinary placement';
    return { status: 'DONE', step: 'PLACED', note: `${enrolment.child.name}已安排学位：${enrolment.assignedSchool}（${how}）（placed: ${howEn}）` };
  }
  return { status: 'DONE', step: 'WAITLISTED', note: `${enrolment.child.name}暂无学位，已列入候补（waitlisted）` };
}
