// 变更 (003 六（三）1): 持卡人因工作单位或居住地等情况发生变化，应在30日内…办理变更. A change is always
// taken — a late one too — and kept in the holder's history with `late` set when it came more than 30
// days after the change (for the Guangzhou green card, whose clause sets the limit; other programs set
// none, and their changes are never late). The employer on the registry follows a change of employer.
// One compare-and-set of the holder's document (history and employer together); the same change sent
// again adds nothing.
import { daysBetween, todayInChina } from '../../kit/dates';
import { inputFormat } from '../../kit/input-format';
import { problemsError, type Problem } from '../../kit/problems';
import { missingServiceMaterials } from './materials';
import { changeTalentIfUnchanged, type TalentDoc } from '../model';
import { holder, type ManagementDeps } from './management';

export type CardChangeKind = 'EMPLOYER' | 'RESIDENCE';

/** 003 六（三）1: days after the change within which it should be reported. */
export const CHANGE_DAYS = 30;
const MAX_TRIES = 5;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Late when reported more than 30 days after the change (Guangzhou green card only); null where no clause sets a limit. */
export function changeLate(program: string, changedOn: string, reportedOn: string): boolean | null {
  if (program !== 'GUANGZHOU_GREEN_CARD') return null;
  return daysBetween(changedOn, reportedOn) > CHANGE_DAYS;
}

export interface CardChangeInput {
  talentId: string;
  kind: CardChangeKind;
  value: string;
  changedOn: string;
  materials?: string[] | null;
}

function changeProblems(input: CardChangeInput, today: string): Problem[] {
  const problems: Problem[] = [];
  const value = input.value.trim();
  if (value === '' || value.length > 120) problems.push({ field: 'input.value', zh: '须填写变更后的内容（不超过120字）', en: 'the new value is required, at most 120 characters', ...inputFormat('INPUT_REQUIRED') });
  if (!DAY.test(input.changedOn) || Number.isNaN(Date.parse(`${input.changedOn}T00:00:00Z`))) problems.push({ field: 'input.changedOn', zh: '日期格式须为 YYYY-MM-DD', en: 'a date is YYYY-MM-DD', ...inputFormat('INPUT_DATE') });
  else if (input.changedOn > today) problems.push({ field: 'input.changedOn', zh: '变更日期不能晚于今天', en: 'the change cannot be in the future', ...inputFormat('INPUT_DATE_IN_FUTURE') });
  return problems;
}

export async function recordCardChange(deps: ManagementDeps, input: CardChangeInput): Promise<TalentDoc> {
  const today = todayInChina(deps.now);
  const problems = changeProblems(input, today);
  if (problems.length > 0) throw problemsError(problems);
  let talent = await holder(deps.models, input.talentId);
  if (talent.mainCard.status === 'REVOKED') {
    throw problemsError([{ field: 'input.talentId', zh: '人才卡已终止，不能办理变更', en: 'the card was revoked; it cannot be changed', rule: 'CARD_REVOKED', source: '001 第六条（二）' }]);
  }
  const missing = missingServiceMaterials(talent.program, 'CHANGE', input.materials);
  if (missing.length > 0) throw problemsError(missing);
  const value = input.value.trim();
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const history = talent.cardChanges ?? [];
    if (history.some((earlier) => earlier.kind === input.kind && earlier.changedOn === input.changedOn && earlier.value === value)) return talent;
    const previous = input.kind === 'EMPLOYER' ? talent.employer : (history.filter((earlier) => earlier.kind === 'RESIDENCE').at(-1)?.value ?? null);
    const entry = { kind: input.kind, value, previous, changedOn: input.changedOn, reportedOn: today, late: changeLate(talent.program, input.changedOn, today), recordedBy: deps.viewer.subject };
    const set = input.kind === 'EMPLOYER' ? { cardChanges: [...history, entry], employer: value } : { cardChanges: [...history, entry] };
    const landed = await changeTalentIfUnchanged(deps.models, talent, set);
    talent = (await deps.models.Talent.findById(talent._id).lean<TalentDoc>())!;
    if (landed) return talent;
  }
  throw new Error(`the change of ${input.talentId} could not be recorded after ${MAX_TRIES} tries`);
}
