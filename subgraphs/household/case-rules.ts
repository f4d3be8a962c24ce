// The household rules a case item must pass (统一受理、并行办理, 004 第十条), and what a case task says
// about its transfers. Pure functions over the rules of rules.ts; each violation names its clause.
import type { ServiceCode } from '../kit/case-forms';
import type { CaseTaskChange } from '../kit/case-task';
import type { Program } from '../kit/programs';
import type { HukouFormPerson, ReadHukouForm } from './form';
import type { FieldViolation } from '../kit/problems';
import {
  currentHukouStep,
  duplicateTransfer,
  hukouPolicy,
  hukouStepView,
  mayTransfer,
  HUKOU_STEP_LABELS,
  HUKOU_STEPS,
  type ExistingTransfer,
  type HukouStep,
  type StoredStep,
} from './rules';

/** The items this department does (kit/case-forms.ts SERVICE_DEPARTMENT). */
export const HUKOU_ITEMS = ['HUKOU_TRANSFER_HOLDER', 'HUKOU_TRANSFER_FAMILY'] as const satisfies readonly ServiceCode[];
export type HukouItem = (typeof HUKOU_ITEMS)[number];

export const HUKOU_STEP_LABELS_EN: Record<HukouStep, string> = {
  ONLINE_DECLARATION: 'online registration and declaration',
  MATERIALS_UPLOADED: 'particulars filled in and originals uploaded',
  INFO_CARD: 'household information card collected',
  POLICE_REVIEW: 'review by the district police bureau',
  SETTLED: 'settled at the police station',
};

/** 000 一（二）1–5: the clause of each step, for a rejection's source. */
export const HUKOU_STEP_CLAUSES: Record<HukouStep, string> = {
  ONLINE_DECLARATION: '000 一（二）1',
  MATERIALS_UPLOADED: '000 一（二）2',
  INFO_CARD: '000 一（二）3',
  POLICE_REVIEW: '000 一（二）4',
  SETTLED: '000 一（二）5',
};

/** Who may move with the holder, per program: the clause that says so. */
const FAMILY_SCOPE_SOURCE: Partial<Record<Program, string>> = {
  // 000 一; 001 第四条（一）: 持卡人及其配偶、未独立生活的子女.
  BAIYUN_YUNJU: '000 一；001 第四条（一）',
  // 002 一: 持卡人及其配偶、未成年子女.
  LIWAN_YINGCAI: '002 一',
  // 004 第五条第4项 names no family scope; the strictest Guangzhou reading (002 一) applies (rules.ts).
  WUHAN_GREEN_CHANNEL: '004 第五条第4项（随迁范围从 002 一）',
};

const samePerson = (a: ExistingTransfer['applicant'], b: ExistingTransfer['applicant']) =>
  a.name === b.name && a.relation === b.relation && a.birthDate === b.birthDate;

function applicantViolations(program: Program, item: HukouItem, person: HukouFormPerson, field: string, day: string): FieldViolation[] {
  const scopeSource = FAMILY_SCOPE_SOURCE[program] ?? '000 一';
  if (item === 'HUKOU_TRANSFER_HOLDER' && person.relation !== 'HOLDER') {
    return [{ rule: 'HUKOU_ITEM_SCOPE', field, zh: `「持卡人落户」只办理持卡人本人，${person.name}请选「随迁家属落户」`, en: 'the holder item moves the holder only; family members take the family item', source: '000 一（一）3' }];
  }
  if (item === 'HUKOU_TRANSFER_FAMILY' && person.relation === 'HOLDER') {
    return [{ rule: 'HUKOU_ITEM_SCOPE', field, zh: '「随迁家属落户」不含持卡人本人，持卡人请选「持卡人落户」', en: 'the family item is for the spouse and children; the holder takes the holder item', source: '000 一（一）5' }];
  }
  if (person.relation === 'PARENT' || person.relation === 'SPOUSE_PARENT') {
    return [{ rule: 'HUKOU_FAMILY_SCOPE', field, zh: `${person.name}（${person.relation === 'PARENT' ? '父母' : '配偶父母'}）不在随迁落户范围，仅限配偶和子女`, en: 'parents may not move with the holder: only the spouse and children', source: scopeSource }];
  }
  if (person.relation === 'CHILD' && !mayTransfer(program, person, day)) {
    const dependentAllowed = hukouPolicy(program)?.adultDependentChildren === true;
    return [
      dependentAllowed
        ? { rule: 'HUKOU_CHILD_AGE', field, zh: `${person.name}已成年且未申报未独立生活，不能随迁`, en: 'an adult child moves only while not living independently', source: '001 第四条（一）' }
        : { rule: 'HUKOU_CHILD_AGE', field, zh: `${person.name}已成年，只有未成年子女可以随迁`, en: 'only minor children may move with the holder', source: scopeSource },
    ];
  }
  return [];
}

/**
 * Every rule a hukou item breaks, at once: the program grants 落户 (003 五 does not); each applicant
 * fits the item and the family scope (000 一; 001 第四条（一）; 002 一) on the day of acceptance;
 * the route is one the program offers (000 一; 002 一、九; 004 第五条第4项); nobody already has a
 * transfer in progress or settled (one flow per person, 000 一（二）).
 */
export function hukouRequestViolations(program: Program, item: HukouItem, form: ReadHukouForm, existing: readonly ExistingTransfer[], day: string): FieldViolation[] {
  const policy = hukouPolicy(program);
  if (!policy) {
    return [{ rule: 'HUKOU_PROGRAM', field: 'program', zh: '该人才卡的服务不含落户（天河区人才绿卡待遇不含落户）', en: `the ${program} card grants no hukou transfer`, source: '003 五' }];
  }
  const violations: FieldViolation[] = [];
  form.applicants.forEach((person, index) => {
    const field = `applicants.${index}`;
    violations.push(...applicantViolations(program, item, person, field, day));
    if (form.applicants.slice(0, index).some((earlier) => samePerson(earlier, person))) {
      violations.push({ rule: 'HUKOU_DUPLICATE', field, zh: `${person.name}在本表单中重复列出`, en: 'the same person is listed twice', source: '000 一（二）' });
    } else if (duplicateTransfer(existing, person)) {
      violations.push({ rule: 'HUKOU_DUPLICATE', field, zh: `${person.name}已有办理中或已落户的户口迁入申请`, en: 'this person already has a transfer in progress or settled', source: '000 一（二）' });
    }
  });
  if (!(policy.routes as readonly string[]).includes(form.route)) {
    violations.push({ rule: 'HUKOU_ROUTE', field: 'route', zh: '该人才卡不提供总量控制类入户指标调剂，只能按计划指导类入户', en: `route ${form.route} is not offered under this card`, source: policy.source });
  }
  return violations;
}

export interface TransferState {
  applicant: { name: string };
  status: string;
  steps: readonly StoredStep[];
  rejectionReason?: string | null;
}

/** The step a closed transfer stopped at (the first one not done), for a rejection's source. */
export function stoppedAt(steps: readonly StoredStep[]): HukouStep {
  return hukouStepView('IN_PROGRESS', steps).find((step) => step.status === 'CURRENT')?.step ?? 'SETTLED';
}

function rejectionOf(transfer: TransferState): string {
  const step = stoppedAt(transfer.steps);
  return `${transfer.applicant.name}不予办理：${transfer.rejectionReason ?? '已撤回'}（rejected at ${HUKOU_STEP_LABELS_EN[step]}）— ${HUKOU_STEP_CLAUSES[step]}`;
}

/**
 * The task as its transfers stand: DONE when every one is settled; REFUSED when none is settled
 * or in progress (with each reason, 004 第十一条); otherwise IN_PROGRESS at the earliest current
 * step. A family where some settled and the rest were rejected is DONE, the rejections in its reason.
 */
export function hukouTaskChange(transfers: readonly TransferState[], event: string): CaseTaskChange {
  const open = transfers.filter((transfer) => transfer.status === 'IN_PROGRESS');
  const settled = transfers.filter((transfer) => transfer.status === 'SETTLED');
  const closedOther = transfers.filter((transfer) => transfer.status !== 'IN_PROGRESS' && transfer.status !== 'SETTLED');
  const rejections = closedOther.length > 0 ? closedOther.map(rejectionOf).join('；') : null;
  if (open.length > 0) {
    const steps = open.map((transfer) => currentHukouStep(transfer.status, transfer.steps) ?? 'SETTLED');
    const earliest = HUKOU_STEPS.find((step) => steps.includes(step))!;
    return {
      status: 'IN_PROGRESS',
      step: earliest,
      note: `${event}；当前步骤：${HUKOU_STEP_LABELS[earliest]}（now at: ${HUKOU_STEP_LABELS_EN[earliest]}）`,
      reason: rejections,
    };
  }
  if (settled.length > 0) {
    const who = settled.map((transfer) => transfer.applicant.name).join('、');
    return { status: 'DONE', step: 'SETTLED', note: `${event}；${who}已落户（settled: ${settled.length}）`, reason: rejections };
  }
  return { status: 'REFUSED', step: null, note: `${event}；不予办理（rejected）`, reason: rejections };
}
