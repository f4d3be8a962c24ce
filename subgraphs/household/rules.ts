// 落户服务 rules: who may move their hukou, by which route, and the order of the five steps.
// Every rule names the seed clause it comes from. They are pure: the read view, seed.ts and
// (later) the submit mutation all call the same functions.
import type { Program } from '../kit/programs';
import { ageOn, todayInChina } from '../kit/dates';

export const HUKOU_RELATIONS = ['HOLDER', 'SPOUSE', 'CHILD'] as const;
export type HukouRelation = (typeof HUKOU_RELATIONS)[number];

export const HUKOU_ROUTES = ['PLANNED_GUIDANCE', 'TOTAL_QUOTA_ADJUSTMENT'] as const;
export type HukouRoute = (typeof HUKOU_ROUTES)[number];

export const HUKOU_TRANSFER_STATUSES = ['IN_PROGRESS', 'SETTLED', 'REJECTED', 'WITHDRAWN'] as const;
export type HukouTransferStatus = (typeof HUKOU_TRANSFER_STATUSES)[number];

// 000 一（二）1–5: the flow, in this order.
export const HUKOU_STEPS = ['ONLINE_DECLARATION', 'MATERIALS_UPLOADED', 'INFO_CARD', 'POLICE_REVIEW', 'SETTLED'] as const;
export type HukouStep = (typeof HUKOU_STEPS)[number];

export const HUKOU_STEP_LABELS: Record<HukouStep, string> = {
  ONLINE_DECLARATION: '网上注册与申报', // 000 一（二）1
  MATERIALS_UPLOADED: '填报资料并上传原件材料', // 000 一（二）2
  INFO_CARD: '领取入户信息卡', // 000 一（二）3
  POLICE_REVIEW: '公安分局复核', // 000 一（二）4
  SETTLED: '派出所落户', // 000 一（二）5
};

export type HukouStepStatus = 'DONE' | 'CURRENT' | 'PENDING';

export interface HukouPolicy {
  /** The clause that grants the service. */
  source: string;
  routes: readonly HukouRoute[];
  /** 001 第四条（一）"未独立生活的子女": an adult child still dependent may move too. */
  adultDependentChildren: boolean;
}

/**
 * Programs whose seeds grant hukou transfer. The Guangzhou district cards follow the
 * Guangzhou rules (planned guidance, or an adjusted total-quota place); Wuhan's green channel
 * handles 户籍 (004 第五条第4项) with no quota adjustment in its text. The Tianhe green card
 * (003) is for non-Guangzhou hukou holders and its benefits (003 五) do not include 落户.
 */
export const HUKOU_POLICIES: Partial<Record<Program, HukouPolicy>> = {
  // 000 一; 001 第四条（一）: holder, spouse, children not living independently; quota adjustment yearly.
  BAIYUN_YUNJU: { source: '000 一；001 第四条（一）', routes: HUKOU_ROUTES, adultDependentChildren: true },
  // 002 一: holder, spouse, minor children by planned guidance; 002 九: otherwise an adjusted quota place.
  LIWAN_YINGCAI: { source: '002 一、九', routes: HUKOU_ROUTES, adultDependentChildren: false },
  // 004 第五条第4项: 户籍、身份证办理 through the green channel; 004 names no family scope, so the
  // strictest Guangzhou reading (spouse, minor children) applies.
  WUHAN_GREEN_CHANNEL: { source: '004 第五条第4项', routes: ['PLANNED_GUIDANCE'], adultDependentChildren: false },
};

export function hukouPolicy(program: string): HukouPolicy | null {
  return HUKOU_POLICIES[program as Program] ?? null;
}

/** 未成年: under 18 (002 一 "未成年子女"). */
export const AGE_OF_MAJORITY = 18;

export interface HukouApplicantFacts {
  /** One of HUKOU_RELATIONS; a string, as it arrives from storage or input. */
  relation: string;
  birthDate: string;
  /** For a child: declared not living independently (001 第四条（一）). */
  dependent?: boolean | null;
}

/**
 * Who may move their hukou, judged on the day of application: the holder and spouse always
 * (000 一; 001 第四条（一）; 002 一); a child when a minor (002 一), or under Baiyun's rules
 * also an adult child not living independently (001 第四条（一）).
 */
export function mayTransfer(program: string, applicant: HukouApplicantFacts, onDate: string): boolean {
  const policy = hukouPolicy(program);
  if (!policy) return false;
  if (applicant.relation !== 'CHILD') return true;
  if (ageOn(applicant.birthDate, onDate) < AGE_OF_MAJORITY) return true;
  return policy.adultDependentChildren && applicant.dependent === true;
}

/**
 * The route: planned guidance when the holder meets its conditions (002 一); otherwise an
 * adjusted total-quota place where the program offers one (000 一; 001 第四条（一）; 002 九).
 * Null: no route (Wuhan offers no quota adjustment).
 */
export function routeFor(program: string, meetsPlannedGuidanceConditions: boolean): HukouRoute | null {
  const policy = hukouPolicy(program);
  if (!policy) return null;
  const route: HukouRoute = meetsPlannedGuidanceConditions ? 'PLANNED_GUIDANCE' : 'TOTAL_QUOTA_ADJUSTMENT';
  return policy.routes.includes(route) ? route : null;
}

export interface StoredStep {
  step: string;
  completedAt?: Date | null;
}

export interface HukouStepView {
  step: HukouStep;
  order: number;
  label: string;
  status: HukouStepStatus;
  completedAt: Date | null;
}

/**
 * The five steps in the order of 000 一（二）: completed ones DONE; while the transfer is in
 * progress the first open step is CURRENT; nothing is current once it is closed.
 */
export function hukouStepView(status: string, steps: readonly StoredStep[]): HukouStepView[] {
  const completed = new Map(steps.map((step) => [step.step, step.completedAt ?? null]));
  let currentTaken = status !== 'IN_PROGRESS';
  return HUKOU_STEPS.map((step, index) => {
    const completedAt = completed.get(step) ?? null;
    let stepStatus: HukouStepStatus = 'PENDING';
    if (completedAt) stepStatus = 'DONE';
    else if (!currentTaken) {
      stepStatus = 'CURRENT';
      currentTaken = true;
    }
    return { step, order: index + 1, label: HUKOU_STEP_LABELS[step], status: stepStatus, completedAt };
  });
}

export function currentHukouStep(status: string, steps: readonly StoredStep[]): HukouStep | null {
  return hukouStepView(status, steps).find((step) => step.status === 'CURRENT')?.step ?? null;
}

/** One broken rule: the field to point at, Chinese first, English beside it. */
export interface RuleProblem {
  field: string;
  zh: string;
  en: string;
}

export interface HukouTransferFacts {
  program: string;
  applicant: HukouApplicantFacts;
  route: string;
  status: string;
  steps: readonly StoredStep[];
  submittedOn: string;
  settledOn?: string | null;
  rejectionReason?: string | null;
}

const chinaDay = (at: Date): string => todayInChina(at);

/**
 * 000 一（二）: the five steps, each once, done strictly in order (no step done while an
 * earlier one is open), at non-decreasing times, none before the application or after today.
 */
export function hukouStepProblems(submittedOn: string, steps: readonly StoredStep[], today: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const names = steps.map((step) => step.step);
  if (names.length !== HUKOU_STEPS.length || HUKOU_STEPS.some((step) => !names.includes(step))) {
    problems.push({ field: 'steps', zh: '办理流程须恰为五个步骤', en: 'the flow must have exactly the five steps of 000 一（二）' });
    return problems;
  }
  const view = hukouStepView('IN_PROGRESS', steps);
  const firstOpen = view.findIndex((step) => !step.completedAt);
  if (firstOpen >= 0 && view.slice(firstOpen).some((step) => step.completedAt)) {
    problems.push({ field: 'steps', zh: '步骤须按顺序办理', en: 'a step was completed before an earlier one' });
  }
  let previous = submittedOn;
  for (const step of view) {
    if (!step.completedAt) continue;
    const day = chinaDay(step.completedAt);
    if (day < previous) {
      problems.push({ field: 'steps', zh: `${step.label}的完成日期早于前一步或申请日期`, en: `${step.step} completed before the previous step or the application` });
    }
    if (day > today) problems.push({ field: 'steps', zh: `${step.label}的完成日期在今天之后`, en: `${step.step} completed in the future` });
    previous = day > previous ? day : previous;
  }
  return problems;
}

/** The status must fit the steps: settled exactly when step 5 (派出所落户, 000 一（二）5) is done. */
export function hukouStatusProblems(transfer: HukouTransferFacts): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const settledStep = transfer.steps.find((step) => step.step === 'SETTLED')?.completedAt ?? null;
  if (!(HUKOU_TRANSFER_STATUSES as readonly string[]).includes(transfer.status)) {
    problems.push({ field: 'status', zh: '办理状态不正确', en: `unknown status ${transfer.status}` });
  }
  if (transfer.status === 'SETTLED') {
    if (!settledStep || transfer.settledOn !== chinaDay(settledStep)) {
      problems.push({ field: 'settledOn', zh: '已落户的申请须有落户日期且与第5步一致', en: 'a settled transfer needs settledOn equal to the day of step 5' });
    }
  } else {
    if (settledStep) problems.push({ field: 'status', zh: '已在派出所落户，状态须为已落户', en: 'step 5 is done, so the status must be SETTLED' });
    if (transfer.settledOn) problems.push({ field: 'settledOn', zh: '未落户的申请不应有落户日期', en: 'settledOn is only for settled transfers' });
  }
  const hasReason = Boolean(transfer.rejectionReason?.trim());
  if (transfer.status === 'REJECTED' && !hasReason) {
    problems.push({ field: 'rejectionReason', zh: '不予办理须说明原因', en: 'a rejected transfer needs a reason' });
  }
  if (transfer.status !== 'REJECTED' && hasReason) {
    problems.push({ field: 'rejectionReason', zh: '只有不予办理的申请有原因', en: 'rejectionReason is only for rejected transfers' });
  }
  return problems;
}

/** Every rule at once: service granted, applicant eligible, route allowed, steps and status consistent. */
export function hukouTransferProblems(transfer: HukouTransferFacts, today: string): RuleProblem[] {
  const policy = hukouPolicy(transfer.program);
  if (!policy) {
    return [{ field: 'program', zh: '该人才卡项目不提供落户服务', en: `program ${transfer.program} grants no hukou transfer` }];
  }
  const problems: RuleProblem[] = [];
  if (!mayTransfer(transfer.program, transfer.applicant, transfer.submittedOn)) {
    problems.push({
      field: 'applicant',
      zh: policy.adultDependentChildren ? '子女须未成年或未独立生活' : '子女须未成年',
      en: `this child may not move with the holder (${policy.source})`,
    });
  }
  if (!(policy.routes as readonly string[]).includes(transfer.route)) {
    problems.push({ field: 'route', zh: '该项目不提供此入户途径', en: `route ${transfer.route} is not offered (${policy.source})` });
  }
  if (transfer.submittedOn > today) problems.push({ field: 'submittedOn', zh: '申请日期在今天之后', en: 'submittedOn is in the future' });
  return [...problems, ...hukouStepProblems(transfer.submittedOn, transfer.steps, today), ...hukouStatusProblems(transfer)];
}

export interface ExistingTransfer {
  applicant: { name: string; relation: string; birthDate: string };
  status: string;
}

/** Data integrity (no seed clause): an open or settled transfer for the same person blocks another. */
export function duplicateTransfer(existing: readonly ExistingTransfer[], applicant: ExistingTransfer['applicant']): boolean {
  return existing.some(
    (transfer) =>
      (transfer.status === 'IN_PROGRESS' || transfer.status === 'SETTLED') &&
      transfer.applicant.name === applicant.name &&
      transfer.applicant.relation === applicant.relation &&
      transfer.applicant.birthDate === applicant.birthDate,
  );
}
