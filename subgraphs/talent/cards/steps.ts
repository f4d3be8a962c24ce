// Recording a stage of a card application (stages.ts): who decided, what, and when. A step is one
// compare-and-set of the application on its `version`, its timeline entry in the same write. The
// same step sent again (same stage, round and decision — a retry after a lost answer) answers with
// the application as it stands, and changes nothing; a different decision on a stage already
// decided is refused.
import type { Viewer } from '../../kit/context';
import { todayInChina } from '../../kit/dates';
import { notFound } from '../../kit/errors';
import { isObjectIdString } from '../../kit/ids';
import { inputFormat } from '../../kit/input-format';
import { problemsError, type Problem } from '../../kit/problems';
import type { WorkingCalendar } from '../../kit/working-days';
import type { TalentModels } from '../model';
import { openClaimOf } from './apply';
import { allocateCardNumber, writeHolder } from './issue';
import { CARD_MATERIALS, type CardMaterialCode } from './materials';
import type { CardApplicationDoc, CardLifeModels, CardStepDoc } from './model';
import { dueOnEntering, MAX_ROUNDS, nextStage, PROGRAM_CLAUSES, stageRule, type CardProgramCode, type StageRule } from './stages';

export type StepDecision = 'APPROVE' | 'RETURN' | 'REFUSE';
const RECORDED: Record<StepDecision, CardStepDoc['decision']> = { APPROVE: 'APPROVED', RETURN: 'RETURNED', REFUSE: 'REFUSED' };

export interface RecordStepInput {
  applicationId: string;
  stage: string;
  decision: StepDecision;
  /** The authority's officer or unit; the stage's authority when left out. */
  actor?: string | null;
  note?: string | null;
  /** 退案: what the applicant is to supply (003 七（二）). */
  materialsToSupply?: CardMaterialCode[] | null;
  /** 复审 may recommend direct recognition (001 第五条（四）). */
  recommendDirectRecognition?: boolean | null;
}

/** 001 第五条（四）: the HRSS's 复审 "对符合申领条件第（二）款1-8条的，可以建议直接认定" — 001 第三条 1–8, not 9. */
const DIRECT_RECOGNITION_STAGE = 'HRSS_REVIEW';
export function mayRecommendDirectRecognition(category: string): boolean {
  const item = /^001-3-(\d+)$/.exec(category);
  return item !== null && Number(item[1]) >= 1 && Number(item[1]) <= 8;
}

function directRecognitionProblems(application: CardApplicationDoc, input: RecordStepInput): Problem[] {
  if (!input.recommendDirectRecognition) return [];
  const field = 'input.recommendDirectRecognition';
  const source = '001 第五条（四）';
  if (input.stage !== DIRECT_RECOGNITION_STAGE || application.program !== 'BAIYUN_YUNJU') return [{ field, zh: '只有白云区人社局复审可以建议直接认定', en: 'only the Baiyun HRSS second review may recommend direct recognition', rule: 'DIRECT_RECOGNITION_NOT_AT_THIS_STAGE', source }];
  if (input.decision !== 'APPROVE') return [{ field, zh: '建议直接认定须以复审通过为前提', en: 'direct recognition is recommended with an approval', rule: 'DIRECT_RECOGNITION_NEEDS_APPROVAL', source }];
  if (!mayRecommendDirectRecognition(application.category)) return [{ field, zh: `申领条件 ${application.category} 不属于 001 第三条第1–8项，不能建议直接认定`, en: 'direct recognition is for 001 第三条 items 1–8 only', rule: 'DIRECT_RECOGNITION_NOT_FOR_CATEGORY', source }];
  return [];
}

export interface StepDeps {
  models: CardLifeModels & TalentModels;
  calendar: WorkingCalendar;
  now: Date;
  viewer: Viewer;
}

async function load(models: CardLifeModels, id: string): Promise<CardApplicationDoc> {
  const found = isObjectIdString(id) ? await models.CardApplication.findById(id).lean<CardApplicationDoc>() : null;
  if (!found) throw notFound('cardApplication', `未找到申领 ${id.slice(0, 30)}`, 'no card application with this id');
  return found;
}

function refuse(problems: Problem[]): Error {
  return problemsError(problems, { lead: { zh: '未能记录：', en: 'the step was not recorded: ' } });
}

/** The same step recorded before in this round: a replay. */
function recorded(application: CardApplicationDoc, stage: string): CardStepDoc | undefined {
  return application.timeline.find((step) => step.stage === stage && step.round === application.round && step.decision !== 'SUBMITTED' && step.decision !== 'RESUBMITTED');
}

export async function recordCardStep(deps: StepDeps, input: RecordStepInput): Promise<CardApplicationDoc> {
  const application = await load(deps.models, input.applicationId);
  const rule = stageRule(application.program as CardProgramCode, input.stage);
  const source = rule?.source ?? PROGRAM_CLAUSES[application.program as CardProgramCode].process;
  if (!rule) throw refuse([{ field: 'input.stage', zh: `该项目没有「${input.stage}」这一环节`, en: 'the program has no such stage', rule: 'STAGE_NOT_OF_PROGRAM', source }]);
  const earlier = recorded(application, input.stage);
  if (earlier) {
    if (earlier.decision === RECORDED[input.decision]) return application;
    throw refuse([{ field: 'input.decision', zh: `「${rule.zh}」本轮已记录为 ${earlier.decision}`, en: `this stage was already recorded as ${earlier.decision} in this round`, rule: 'STEP_ALREADY_RECORDED', source }]);
  }
  const problems: Problem[] = [];
  if (application.status !== 'IN_PROGRESS') problems.push({ field: 'input.applicationId', zh: application.status === 'RETURNED' ? '已退案，待申领人补交材料' : '申领已办结', en: application.status === 'RETURNED' ? 'returned: waiting for the applicant’s materials' : 'the application is closed', rule: 'APPLICATION_NOT_IN_PROGRESS', source });
  else if (application.stage !== input.stage) problems.push({ field: 'input.stage', zh: `当前环节为「${stageRule(application.program as CardProgramCode, application.stage)?.zh ?? application.stage}」`, en: `the current stage is ${application.stage}`, rule: 'STAGE_NOT_CURRENT', source });
  const toSupply = [...new Set(input.materialsToSupply ?? [])];
  if (input.decision === 'RETURN') {
    if (!rule.mayReturn) problems.push({ field: 'input.decision', zh: '该环节不能退案', en: 'this stage cannot return the application', rule: 'RETURN_NOT_AT_THIS_STAGE', source });
    if (toSupply.length === 0) problems.push({ field: 'input.materialsToSupply', zh: '退案须列明需补充提交的材料', en: 'a return lists what to supply', rule: 'RETURN_LISTS_MATERIALS', source: '003 七（二）' });
    if (application.round >= MAX_ROUNDS) problems.push({ field: 'input.decision', zh: `退案已达 ${MAX_ROUNDS} 次，请作出认定`, en: `returned ${MAX_ROUNDS} times: decide`, rule: 'RETURN_ROUNDS', source });
  }
  problems.push(...directRecognitionProblems(application, input));
  if (input.decision === 'REFUSE' && !input.note?.trim()) problems.push({ field: 'input.note', zh: '不予认定须说明理由', en: 'a refusal states its reason', rule: 'REFUSAL_REASON', source });
  const actor = input.actor?.trim() || rule.authority;
  if (actor.length > 80 || (input.note?.length ?? 0) > 1000) problems.push({ field: 'input.note', zh: '经办单位不超过 80 字，说明不超过 1000 字', en: 'actor at most 80, note at most 1000 characters', ...inputFormat('INPUT_TOO_LONG') });
  if (problems.length > 0) throw refuse(problems);

  const today = todayInChina(deps.now);
  const step: CardStepDoc = { at: deps.now, stage: rule.stage, round: application.round, decision: RECORDED[input.decision], actor, recordedBy: deps.viewer.subject, note: stepNote(input, rule, toSupply), dueOn: application.stageDueOn };
  const changes = await changesOf(deps, application, rule, input.decision, toSupply, today, input.recommendDirectRecognition === true);
  const stored = await deps.models.CardApplication.updateOne(
    { _id: application._id, version: application.version },
    { $set: { ...changes, timeline: [...application.timeline, step], version: application.version + 1 } },
  );
  if (stored.modifiedCount !== 1) {
    // Someone recorded meanwhile: the same step is this one's answer, anything else is told.
    const now = await load(deps.models, input.applicationId);
    if (recorded(now, input.stage)?.decision === RECORDED[input.decision]) return now;
    throw refuse([{ field: 'input.applicationId', zh: '申领已被他人更新，请刷新后重试', en: 'the application changed meanwhile: reload and retry', rule: 'APPLICATION_CHANGED', source }]);
  }
  return load(deps.models, input.applicationId);
}

function stepNote(input: RecordStepInput, rule: StageRule, toSupply: CardMaterialCode[]): string {
  const note = input.note?.trim() ? `：${input.note.trim()}` : '';
  if (input.decision === 'RETURN') return `${rule.zh}退案，请补充：${toSupply.map((code) => CARD_MATERIALS[code].zh).join('、')}${note}`;
  if (input.decision === 'REFUSE') return `${rule.zh}不予认定${note}`;
  return `${rule.zh}通过${input.recommendDirectRecognition ? '，建议直接认定（001 第五条（四））' : ''}${note}`;
}

async function changesOf(deps: StepDeps, application: CardApplicationDoc, rule: StageRule, decision: StepDecision, toSupply: CardMaterialCode[], today: string, recommend: boolean): Promise<Partial<CardApplicationDoc>> {
  if (decision === 'RETURN') return { status: 'RETURNED', materialsToSupply: toSupply };
  // Closed: the person may apply again (001 第六条 优先重新申报 after a period ends, or after a refusal).
  const closedClaim = openClaimOf(application.personId, application.program, application._id.toString());
  if (decision === 'REFUSE') return { status: 'REFUSED', openClaim: closedClaim };
  if (rule.issuesCard) {
    const talent = await writeHolder(deps.models, application, today, deps.viewer);
    return { status: 'ISSUED', talentId: talent._id.toString(), openClaim: closedClaim };
  }
  const next = nextStage(application.program as CardProgramCode, rule.stage)!;
  const cardNumber = rule.makesCard ? await allocateCardNumber(deps.models, application.program, today) : application.cardNumber;
  const recommended = recommend || application.directRecognitionRecommended === true;
  return { directRecognitionRecommended: recommended, stage: next.stage, stageStartedOn: today, stageDueOn: dueOnEntering(deps.calendar, next, { rule, dueOn: application.stageDueOn }, today), cardNumber };
}

/**
 * 补交材料 after a 退案: the application goes back to the stage that returned it, and its limit counts
 * again from today (003 七（二）"退案后，审核认定期限自再次补交材料时重新起算"). Sent twice, it
 * resubmits once.
 */
export async function resubmitCardApplication(deps: StepDeps, applicationId: string, materials: CardMaterialCode[]): Promise<CardApplicationDoc> {
  const application = await load(deps.models, applicationId);
  const lastStep = application.timeline.at(-1);
  if (application.status === 'IN_PROGRESS' && lastStep?.decision === 'RESUBMITTED') return application;
  const source = '003 七（二）';
  if (application.status !== 'RETURNED') throw refuse([{ field: 'applicationId', zh: '申领未被退案，无需补交', en: 'the application was not returned', rule: 'APPLICATION_NOT_RETURNED', source }]);
  const missing = application.materialsToSupply.filter((code) => !materials.includes(code as CardMaterialCode));
  if (missing.length > 0) {
    throw refuse(missing.map((code) => ({ field: 'materials', zh: `仍缺退案所列材料「${CARD_MATERIALS[code as CardMaterialCode].zh}」`, en: `still missing ${code}`, rule: 'CARD_MATERIAL_MISSING', source })));
  }
  const rule = stageRule(application.program as CardProgramCode, application.stage)!;
  const today = todayInChina(deps.now);
  const round = application.round + 1;
  const step: CardStepDoc = { at: deps.now, stage: rule.stage, round, decision: 'RESUBMITTED', actor: deps.viewer.role === 'talent' ? '申领人' : '受理窗口', recordedBy: deps.viewer.subject, note: `补交：${materials.map((code) => CARD_MATERIALS[code].zh).join('、')}`, dueOn: null };
  const stored = await deps.models.CardApplication.updateOne(
    { _id: application._id, version: application.version },
    {
      $set: {
        status: 'IN_PROGRESS',
        round,
        materials: [...new Set([...application.materials, ...materials])],
        materialsToSupply: [],
        stageStartedOn: today,
        stageDueOn: deps.calendar.addWorkingDays(today, rule.limitWorkingDays),
        timeline: [...application.timeline, step],
        version: application.version + 1,
      },
    },
  );
  if (stored.modifiedCount !== 1) return resubmitCardApplication(deps, applicationId, materials);
  return load(deps.models, applicationId);
}
