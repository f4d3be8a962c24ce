// 续办 (003 六（三）3: 绿卡期满的，应当在期满前30日内提供原绿卡证复印件和续签合同或新的有效身份证明等材料办理续期):
// the Guangzhou green card is renewed only in the 30 days before its period ends (rules.ts renewalWindow);
// outside them the refusal names the window's dates. Renewed, the card keeps its number and gets a new
// 5-year period from the day after the old one ends (001 第六条's 5 years; rules.ts renewedPeriodEnd);
// the old period is kept in `Talent.cardHistory`. Only 003 has renewal: a Baiyun card's period lapses and
// its holder applies again, with priority (001 第六条); the other programs' seeds set none.
//
// 如申请续办时原申报条件已发生改变，则需按新的申报条件重新提供有关申报材料: the change the registry knows of is
// a change of employer (003 六（三）1, `Talent.cardChanges`). When the holder's employer changed since the
// period began, the renewal must come with the new employer's confirmation (as an application does,
// 003 六（一）基本1 and 三), naming the registered employer. Nothing else is re-checked: the category's
// conditions were the HRSS's finding at issue, and no other change is recorded at the window.
import { addDays, todayInChina } from '../../kit/dates';
import { problemsError, type Problem } from '../../kit/problems';
import { missingServiceMaterials } from './materials';
import type { TalentDoc } from '../model';
import { cardStatusOn, renewalWindow, renewedPeriodEnd } from '../rules';
import type { EmployerConfirmation } from './eligibility';
import { requestKeyProblems } from '../../kit/request-key';
import { alreadyDone, writeCardHistory } from './history';
import { holder, type ManagementDeps } from './management';

export interface RenewCardInput {
  talentId: string;
  requestKey: string;
  employerConfirmation?: EmployerConfirmation | null;
  materials?: string[] | null;
}

const RENEWING_PROGRAM = 'GUANGZHOU_GREEN_CARD';

/** The first day of the current period: the day after the last renewal's end, else the day of issue. */
function periodStart(talent: TalentDoc): string {
  const renewed = (talent.cardHistory ?? []).filter((entry) => entry.event === 'RENEWED').at(-1);
  return renewed ? addDays(renewed.expiresOn, 1) : talent.mainCard.issuedOn;
}

/** Every reason the card cannot be renewed today, each with its clause. */
export function renewalProblems(talent: TalentDoc, input: RenewCardInput, today: string): Problem[] {
  const field = 'input.talentId';
  if (talent.program !== RENEWING_PROGRAM) {
    const baiyun = talent.program === 'BAIYUN_YUNJU';
    return [{
      field,
      zh: baiyun ? '云聚英才卡管理期满后人才服务功能失效，不办理续期；原持卡人可优先重新申报' : '该项目不办理续期（续办仅适用于广州市人才绿卡）',
      en: baiyun ? 'a Baiyun card is not renewed: when its period ends, the holder applies again with priority' : 'only the Guangzhou green card is renewed',
      rule: 'RENEWAL_NOT_OFFERED',
      source: baiyun ? '001 第六条' : '003 六（三）3',
    }];
  }
  const status = cardStatusOn(talent.mainCard, today);
  if (status === 'REVOKED') return [{ field, zh: '人才卡已终止，不能续办', en: 'the card was revoked; it cannot be renewed', rule: 'CARD_REVOKED', source: '001 第六条（二）' }];
  if (status === 'CONTACT_LIST') return [{ field, zh: '已转为联系名单，不能续办', en: 'the card is on the contact list; it cannot be renewed', rule: 'CARD_ON_CONTACT_LIST', source: '001 第六条（一）' }];
  const problems: Problem[] = [];
  const { opensOn, closesOn } = renewalWindow(talent.mainCard.expiresOn);
  if (today < opensOn || today > closesOn) {
    problems.push({ field, zh: `续办须在期满前30日内办理：${opensOn} 至 ${closesOn}`, en: `a renewal is taken only from ${opensOn} to ${closesOn}, the 30 days before the card’s period ends`, rule: 'RENEWAL_WINDOW', source: '003 六（三）3' });
  }
  const since = periodStart(talent);
  const employerChanged = (talent.cardChanges ?? []).some((change) => change.kind === 'EMPLOYER' && change.changedOn >= since);
  const confirmation = input.employerConfirmation;
  if (employerChanged && (!confirmation?.confirmed || confirmation.unit.trim() !== talent.employer.trim())) {
    problems.push({
      field: 'input.employerConfirmation',
      zh: `工作单位自 ${since} 起已变更，续办须经现单位「${talent.employer}」确认`,
      en: `the employer changed since ${since}: the renewal must be confirmed by the registered employer`,
      rule: 'RENEWAL_CONDITIONS_CHANGED',
      source: '003 六（三）3',
    });
  }
  return problems;
}

export async function renewCard(deps: ManagementDeps, input: RenewCardInput): Promise<TalentDoc> {
  const keyProblems = requestKeyProblems(input.requestKey);
  if (keyProblems.length > 0) throw problemsError(keyProblems);
  const talent = await holder(deps.models, input.talentId);
  if (alreadyDone(talent, input.requestKey)) return talent;
  const today = todayInChina(deps.now);
  return writeCardHistory(
    deps.models,
    talent,
    input.requestKey,
    (current) => {
      const problems = [...renewalProblems(current, input, today), ...missingServiceMaterials(current.program, 'RENEWAL', input.materials)];
      if (problems.length > 0) throw problemsError(problems);
      const { number, expiresOn } = current.mainCard;
      return { entry: { event: 'RENEWED', number, expiresOn, recordedOn: today, reason: null, note: null }, card: { 'mainCard.expiresOn': renewedPeriodEnd(expiresOn) } };
    },
    deps.viewer,
  );
}
