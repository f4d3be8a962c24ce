// The stages of a main-card application, each with who decides it, who may record it here, and its
// limit in working days.
//
// 天河 广州市人才绿卡 (003 七): 受理窗口 初审 and 复核, then 天河区人社局 终审 — the three within 7
// working days of the (re)submission (七（二）); 退案 sends it back to the applicant with what to
// supply, and the 7 days start again when it is supplied (七（二）); 广州市公安局 制证 within 15
// working days (七（三）); 发证 within 3 working days (七（四）).
//
// 武汉 高层次人才"绿色通道" (004): 专人受理 by the window's specialist (第九条) → 市委人才办 confirms the
// person is one of 第四条 3、4 (入选人才计划的专家, or 认定的其他人才和优秀企业家; 第五条 高层次人才认定) →
// 纳入绿色通道 with the person's service archive opened (第十二条 统一建档). 004 第六条 leaves each limit to the
// office ("划定办结时限"): CARD_STAGE_DAYS_WUHAN working days (default 5), a setting.
//
// 白云 云聚英才卡 (001 第五条): 申报 (the application itself) → 预审 (经办部门) → 初审 (行业主管部门) →
// 复审 (区人社局) → 审定 (区人才工作领导小组) → 制卡 (商业银行) → 发卡 (领导小组办公室). 001 gives no
// time limit for any stage: each gets CARD_STAGE_DAYS_BAIYUN working days (default 10), a setting.
//
// Who records: the window's own stages by a coordinator or a window specialist; a stage another
// authority decides (人社局, 公安局, 行业主管部门, 领导小组, 银行) has no department_staff role of its own on
// this graph, so a coordinator records it on the authority's behalf, naming the authority as actor.
import type { Role } from '../../kit/context';

export type CardProgramCode = 'BAIYUN_YUNJU' | 'GUANGZHOU_GREEN_CARD' | 'WUHAN_GREEN_CHANNEL';

/** The clauses each program's own rules come from, for the refusals that name them. */
export const PROGRAM_CLAUSES: Record<CardProgramCode, { name: string; eligibility: string; process: string; inForce: string }> = {
  GUANGZHOU_GREEN_CARD: { name: '广州市人才绿卡', eligibility: '003 三', process: '003 七', inForce: '003 六（三）3' },
  BAIYUN_YUNJU: { name: '白云区云聚英才卡', eligibility: '001 第三条', process: '001 第五条', inForce: '001 第六条' },
  WUHAN_GREEN_CHANNEL: { name: '武汉市高层次人才绿色通道', eligibility: '004 第四条', process: '004 第七条至第十二条', inForce: '004 第四条' },
};

export type CardStage =
  | 'WINDOW_FIRST_REVIEW'
  | 'WINDOW_RECHECK'
  | 'HRSS_FINAL_REVIEW'
  | 'POLICE_CARD_MAKING'
  | 'CARD_ISSUING'
  | 'PRE_REVIEW'
  | 'INDUSTRY_REVIEW'
  | 'HRSS_REVIEW'
  | 'LEADING_GROUP_DECISION'
  | 'BANK_CARD_MAKING'
  | 'CARD_HANDOVER'
  | 'SPECIALIST_INTAKE'
  | 'TALENT_OFFICE_CONFIRMATION'
  | 'CHANNEL_OPENING';

export interface StageRule {
  stage: CardStage;
  zh: string;
  en: string;
  /** The authority that decides it (the default actor). */
  authority: string;
  /** Roles that may record it on this graph. */
  recorders: readonly Role[];
  /** Working days; stages sharing a `limitGroup` share one limit counted from the group's start. */
  limitWorkingDays: number;
  limitGroup: string;
  /** 退案 back to the applicant is possible at this stage. */
  mayReturn: boolean;
  /** This stage makes the card: its approval assigns the card number. */
  makesCard?: boolean;
  /** This stage issues the card: its approval writes the Talent. */
  issuesCard?: boolean;
  source: string;
}

const WINDOW: readonly Role[] = ['coordinator', 'specialist'];
const ON_BEHALF: readonly Role[] = ['coordinator'];

function stageDaysSetting(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 60) throw new Error(`${name} must be a whole number of working days from 1 to 60, not ${env[name]}`);
  return value;
}

/** 001 第五条 sets no limits; the default is a setting, not a seed rule. */
export function baiyunStageDays(env: NodeJS.ProcessEnv = process.env): number {
  return stageDaysSetting('CARD_STAGE_DAYS_BAIYUN', 10, env);
}

/** 004 第六条 leaves the limits to the office ("划定办结时限"); the default is a setting. */
export function wuhanStageDays(env: NodeJS.ProcessEnv = process.env): number {
  return stageDaysSetting('CARD_STAGE_DAYS_WUHAN', 5, env);
}

export const MAX_ROUNDS = 5;

export function stagesOf(program: CardProgramCode, env: NodeJS.ProcessEnv = process.env): readonly StageRule[] {
  if (program === 'GUANGZHOU_GREEN_CARD') {
    return [
      { stage: 'WINDOW_FIRST_REVIEW', zh: '受理窗口初审', en: 'first review at the window', authority: '天河区人才服务管理办公室', recorders: WINDOW, limitWorkingDays: 7, limitGroup: 'review', mayReturn: true, source: '003 七（二）' },
      { stage: 'WINDOW_RECHECK', zh: '受理窗口复核', en: 'recheck at the window', authority: '天河区人才服务管理办公室', recorders: WINDOW, limitWorkingDays: 7, limitGroup: 'review', mayReturn: true, source: '003 七（二）' },
      { stage: 'HRSS_FINAL_REVIEW', zh: '区人社局终审', en: 'final review by the district HRSS', authority: '天河区人力资源和社会保障局', recorders: ON_BEHALF, limitWorkingDays: 7, limitGroup: 'review', mayReturn: true, source: '003 七（二）' },
      { stage: 'POLICE_CARD_MAKING', zh: '公安制证', en: 'card made by the police', authority: '广州市公安局', recorders: ON_BEHALF, limitWorkingDays: 15, limitGroup: 'making', mayReturn: false, makesCard: true, source: '003 七（三）' },
      { stage: 'CARD_ISSUING', zh: '窗口发证', en: 'card issued at the window', authority: '天河区人力资源和社会保障局', recorders: WINDOW, limitWorkingDays: 3, limitGroup: 'issuing', mayReturn: false, issuesCard: true, source: '003 七（四）' },
    ];
  }
  if (program === 'WUHAN_GREEN_CHANNEL') {
    const days = wuhanStageDays(env);
    const setting = '；时限为配置 CARD_STAGE_DAYS_WUHAN（004 第六条由市委人才办划定）';
    return [
      { stage: 'SPECIALIST_INTAKE', zh: '服务专员受理、审核申办材料', en: 'intake by the service specialist', authority: '“绿色通道”服务窗口', recorders: WINDOW, limitWorkingDays: days, limitGroup: 'SPECIALIST_INTAKE', mayReturn: true, source: `004 第八条、第九条${setting}` },
      { stage: 'TALENT_OFFICE_CONFIRMATION', zh: '市委人才办确认高层次人才身份', en: 'confirmed by the city talent office', authority: '武汉市委人才工作领导小组办公室', recorders: ON_BEHALF, limitWorkingDays: days, limitGroup: 'TALENT_OFFICE_CONFIRMATION', mayReturn: true, makesCard: true, source: `004 第四条第3、4项；第五条${setting}` },
      { stage: 'CHANNEL_OPENING', zh: '纳入绿色通道、统一建档', en: 'green channel opened, service archive kept', authority: '“绿色通道”服务窗口', recorders: WINDOW, limitWorkingDays: days, limitGroup: 'CHANNEL_OPENING', mayReturn: false, issuesCard: true, source: `004 第十二条${setting}` },
    ];
  }
  const days = baiyunStageDays(env);
  const stage = (rule: Omit<StageRule, 'limitWorkingDays' | 'limitGroup' | 'source'> & { clause: string }): StageRule => {
    const { clause, ...rest } = rule;
    return { ...rest, limitWorkingDays: days, limitGroup: rule.stage, source: `001 第五条${clause}；时限为配置 CARD_STAGE_DAYS_BAIYUN（001 未定时限）` };
  };
  return [
    stage({ stage: 'PRE_REVIEW', zh: '预审（单位资质）', en: 'pre-review of the employer', authority: '白云区人才工作经办部门', recorders: WINDOW, mayReturn: true, clause: '（二）' }),
    stage({ stage: 'INDUSTRY_REVIEW', zh: '行业主管部门初审', en: 'first review by the industry authority', authority: '行业主管部门', recorders: ON_BEHALF, mayReturn: true, clause: '（三）' }),
    stage({ stage: 'HRSS_REVIEW', zh: '区人社局复审', en: 'second review by the district HRSS', authority: '白云区人力资源和社会保障局', recorders: ON_BEHALF, mayReturn: true, clause: '（四）' }),
    stage({ stage: 'LEADING_GROUP_DECISION', zh: '领导小组审定', en: 'decision of the talent leading group', authority: '白云区人才工作领导小组', recorders: ON_BEHALF, mayReturn: false, clause: '（五）' }),
    stage({ stage: 'BANK_CARD_MAKING', zh: '银行制卡', en: 'card made by the bank', authority: '合作商业银行', recorders: ON_BEHALF, mayReturn: false, makesCard: true, clause: '（六）' }),
    stage({ stage: 'CARD_HANDOVER', zh: '发卡', en: 'card handed over', authority: '白云区人才工作领导小组办公室', recorders: WINDOW, mayReturn: false, issuesCard: true, clause: '（七）' }),
  ];
}

export function stageRule(program: CardProgramCode, stage: string): StageRule | null {
  return stagesOf(program).find((rule) => rule.stage === stage) ?? null;
}

export function firstStage(program: CardProgramCode): StageRule {
  return stagesOf(program)[0];
}

export function nextStage(program: CardProgramCode, stage: string): StageRule | null {
  const stages = stagesOf(program);
  const index = stages.findIndex((rule) => rule.stage === stage);
  return index >= 0 ? (stages[index + 1] ?? null) : null;
}

/** Any program's rule for a stage: the recorders are the same wherever a stage name appears. */
export function anyStageRule(stage: string): StageRule | null {
  return stageRule('GUANGZHOU_GREEN_CARD', stage) ?? stageRule('BAIYUN_YUNJU', stage) ?? stageRule('WUHAN_GREEN_CHANNEL', stage);
}

export interface WorkingDays {
  addWorkingDays(from: string, days: number): string;
}

/**
 * The due day of `next`, entered on `today` after `previous`: a stage in the same limit group keeps
 * the group's due day (初审, 复核 and 终审 share 7 days, 003 七（二）); a new group starts its own.
 */
export function dueOnEntering(calendar: WorkingDays, next: StageRule, previous: { rule: StageRule; dueOn: string } | null, today: string): string {
  if (previous && previous.rule.limitGroup === next.limitGroup) return previous.dueOn;
  return calendar.addWorkingDays(today, next.limitWorkingDays);
}
