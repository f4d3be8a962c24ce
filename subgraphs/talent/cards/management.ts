// 动态管理 (001 第六条; 003 九（三）): what the window records about a holder during the card's 5-year
// management period. Each change is ONE conditional update of the holder's document (the card lives
// in it), so a repeat — sent twice, or again after a lost answer — changes nothing more:
// - 考核: the employer's two-yearly assessment, kept as history on the holder (one per assessment day);
// - 联系名单: talent services end from the first day of the following month (（一）) — an effective
//   date on the main card, the status computed for a day (rules.ts cardStatusOn), never a job that
//   flips it at midnight;
// - 终止: fraud or a crime ends talent and financial services at once (（二）): REVOKED; a fraud also
//   bars the applicant and their unit from applying for 3 years (003 九（三）, fraudBarProblems);
// - 退休: services continue until the period ends (（三）): recorded, no status change.
import type { QueryFilter } from 'mongoose';
import type { Viewer } from '../../kit/context';
import { todayInChina } from '../../kit/dates';
import { notFound } from '../../kit/errors';
import { parseObjectId } from '../../kit/ids';
import { inputFormat } from '../../kit/input-format';
import { problemsError, type Problem } from '../../kit/problems';
import { changeTalentIfUnchanged, type TalentDoc, type TalentModels } from '../model';
import { firstDayOfNextMonth, fraudBarEndsOn } from '../rules';

export interface ManagementDeps {
  models: TalentModels;
  now: Date;
  viewer: Viewer;
}

export type AssessmentResult = 'PASSED' | 'FAILED';
export type TerminationGround = 'FRAUD' | 'CRIME';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 500;

function textProblems(field: string, text: string | null | undefined, required: boolean): Problem[] {
  const trimmed = text?.trim() ?? '';
  if (required && trimmed === '') return [{ field, zh: '须填写原因', en: 'a reason is required', ...inputFormat('INPUT_REQUIRED') }];
  if (trimmed.length > MAX_TEXT) return [{ field, zh: `不能超过 ${MAX_TEXT} 个字`, en: `at most ${MAX_TEXT} characters`, ...inputFormat('INPUT_TOO_LONG') }];
  return [];
}

function dayProblems(field: string, day: string, today: string): Problem[] {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return [{ field, zh: '日期格式须为 YYYY-MM-DD', en: 'a date is YYYY-MM-DD', ...inputFormat('INPUT_DATE') }];
  if (day > today) return [{ field, zh: '不能登记未来的日期', en: 'the date cannot be in the future', ...inputFormat('INPUT_DATE_IN_FUTURE') }];
  return [];
}

function refuseIfAny(problems: Problem[]): void {
  if (problems.length > 0) throw problemsError(problems);
}

export async function holder(models: TalentModels, talentId: string): Promise<TalentDoc> {
  const id = parseObjectId(talentId, 'talentId');
  const talent = await models.Talent.findById(id).lean<TalentDoc>();
  if (!talent) throw notFound('talent', `未找到人才 ${talentId}`, 'no talent with this id');
  return talent;
}

const reread = async (models: TalentModels, talent: TalentDoc) => (await models.Talent.findById(talent._id).lean<TalentDoc>())!;

const MAX_TRIES = 5;

/**
 * 001 第六条: the employer's assessment, every two years; one entry per assessment day, so a repeat adds
 * nothing. The history is written whole, compare-and-set on the holder's version (no $push: not every
 * engine the graph runs on has it), so two clerks recording at once both land.
 */
export async function recordCardAssessment(deps: ManagementDeps, input: { talentId: string; assessedOn: string; result: AssessmentResult; note?: string | null }): Promise<TalentDoc> {
  const today = todayInChina(deps.now);
  refuseIfAny([...dayProblems('input.assessedOn', input.assessedOn, today), ...textProblems('input.note', input.note, false)]);
  let talent = await holder(deps.models, input.talentId);
  const entry = { assessedOn: input.assessedOn, result: input.result, note: input.note?.trim() || null, recordedBy: deps.viewer.subject, recordedAt: deps.now };
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const history = talent.assessments ?? [];
    if (history.some((earlier) => earlier.assessedOn === input.assessedOn)) return talent;
    const assessments = [...history, entry].sort((a, b) => a.assessedOn.localeCompare(b.assessedOn));
    const landed = await changeTalentIfUnchanged(deps.models, talent, { assessments });
    talent = await reread(deps.models, talent);
    if (landed) return talent;
  }
  throw new Error(`the assessment of ${input.talentId} could not be recorded after ${MAX_TRIES} tries`);
}

/**
 * 001 第六条（一）: 调整出管理名单，转为联系名单，人才服务功能从调整的次月开始终止 — the card stays in force
 * to the end of this month. A revoked card cannot be moved; a card already moved keeps its date.
 */
export async function moveToContactList(deps: ManagementDeps, input: { talentId: string; reason: string }): Promise<TalentDoc> {
  refuseIfAny(textProblems('reason', input.reason, true));
  const talent = await holder(deps.models, input.talentId);
  const today = todayInChina(deps.now);
  if (talent.mainCard.status === 'REVOKED') {
    throw problemsError([{ field: 'talentId', zh: '人才卡已终止，不能转为联系名单', en: 'the card was revoked; it cannot be moved to the contact list', rule: 'CARD_REVOKED', source: '001 第六条（二）' }]);
  }
  if (talent.mainCard.status === 'CONTACT_LIST' || talent.mainCard.contactListFrom) return talent;
  await deps.models.Talent.updateOne(
    { _id: talent._id, 'mainCard.status': 'ACTIVE', 'mainCard.contactListFrom': null },
    { $set: { 'mainCard.contactListFrom': firstDayOfNextMonth(today), 'mainCard.contactListReason': input.reason.trim() } },
  );
  return reread(deps.models, talent);
}

/**
 * 001 第六条（二）: 弄虚作假骗取资格的、触犯国家法律法规的 — talent and financial services end at once. For a
 * fraud the unit the holder applied through is kept (003 九（三）: the unit loses its right too).
 */
export async function terminateCard(deps: ManagementDeps, input: { talentId: string; ground: TerminationGround; reason: string }): Promise<TalentDoc> {
  refuseIfAny(textProblems('input.reason', input.reason, true));
  const talent = await holder(deps.models, input.talentId);
  if (talent.mainCard.status === 'REVOKED') return talent;
  await deps.models.Talent.updateOne(
    { _id: talent._id, 'mainCard.status': { $ne: 'REVOKED' } },
    {
      $set: {
        'mainCard.status': 'REVOKED',
        'mainCard.terminatedOn': todayInChina(deps.now),
        'mainCard.terminationGround': input.ground,
        'mainCard.terminationReason': input.reason.trim(),
        'mainCard.terminationUnit': input.ground === 'FRAUD' ? talent.employer : null,
      },
    },
  );
  return reread(deps.models, talent);
}

/** 001 第六条（三）: 办理了退休手续的，如在管理期内，将继续享受至服务期满 — recorded; the status does not change. */
export async function recordCardRetirement(deps: ManagementDeps, input: { talentId: string; retiredOn: string }): Promise<TalentDoc> {
  refuseIfAny(dayProblems('retiredOn', input.retiredOn, todayInChina(deps.now)));
  const talent = await holder(deps.models, input.talentId);
  await deps.models.Talent.updateOne({ _id: talent._id, 'mainCard.retiredOn': null }, { $set: { 'mainCard.retiredOn': input.retiredOn } });
  return reread(deps.models, talent);
}

/**
 * 003 九（三）: 提供虚假证明材料…一经查实，取消申领人申报资格和申请单位3年内申办资格 — an application by a person
 * (by ID document) or through a unit (the employer's confirmation, or the registered employer) with a
 * fraud termination less than 3 years old is refused. The registry is the one record: no second list to keep in step.
 */
export async function fraudBarProblems(models: TalentModels, applicant: { idDocument: { type: string; number: string }; employer: string }, unit: string, today: string): Promise<Problem[]> {
  const units = [...new Set([unit.trim(), applicant.employer.trim()].filter((name) => name !== ''))];
  const [own, byUnit] = await Promise.all([
    models.Talent.find({ 'idDocument.type': applicant.idDocument.type, 'idDocument.number': applicant.idDocument.number, 'mainCard.terminationGround': 'FRAUD' } as QueryFilter<TalentDoc>, { mainCard: 1 }).lean<TalentDoc[]>(),
    models.Talent.find({ 'mainCard.terminationUnit': { $in: units }, 'mainCard.terminationGround': 'FRAUD' }, { mainCard: 1 }).lean<TalentDoc[]>(),
  ]);
  const barredUntil = (found: TalentDoc[]) =>
    found
      .map((talent) => fraudBarEndsOn(talent.mainCard.terminatedOn!))
      .filter((until) => until >= today)
      .sort()
      .at(-1);
  const problems: Problem[] = [];
  const personUntil = barredUntil(own);
  if (personUntil) problems.push({ field: 'input.personId', zh: `申领人因提供虚假材料被取消申报资格，至 ${personUntil}`, en: `the applicant is barred for fraud until ${personUntil}`, rule: 'FRAUD_BAR_APPLICANT', source: '003 九（三）' });
  const unitUntil = barredUntil(byUnit);
  if (unitUntil) problems.push({ field: 'input.employerConfirmation.unit', zh: `申请单位因提供虚假材料被取消3年内申办资格，至 ${unitUntil}`, en: `the unit is barred for fraud until ${unitUntil}`, rule: 'FRAUD_BAR_UNIT', source: '003 九（三）' });
  return problems;
}
