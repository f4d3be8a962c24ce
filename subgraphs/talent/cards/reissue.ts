// 补办 (003 六（三）2: 提供补办原因说明、原绿卡证复印件或绿卡证号和身份证): a lost or damaged main card is
// replaced at the window. The window already holds the card number and the ID document, so the request
// names the holder, why (LOST | DAMAGED) and the statement of it. The old number is revoked — kept in
// `Talent.cardHistory`, no longer the card's — and a new one drawn (issue.ts allocateCardNumber), same
// program, same management period: a reissue replaces the card, it does not extend it (001 第六条).
// A revoked card is not remade (001 第六条（二））; nor is an expired one, whose holder applies again
// (001 第六条: 管理期满后…原持卡人可优先重新申报). A card on the contact list is remade: its financial
// services go on (（一）).
import { todayInChina } from '../../kit/dates';
import { problemsError, type Problem } from '../../kit/problems';
import { inputFormat } from '../../kit/input-format';
import type { TalentDoc } from '../model';
import { cardStatusOn } from '../rules';
import { requestKeyProblems } from '../../kit/request-key';
import { alreadyDone, writeCardHistory, type ReissueReason } from './history';
import { allocateCardNumber, windowMakesCards } from './issue';
import { holder, type ManagementDeps } from './management';
import type { CardLifeModels } from './model';

export interface ReissueCardInput {
  talentId: string;
  requestKey: string;
  reason: ReissueReason;
  note: string;
}

export type ReissueDeps = ManagementDeps & { cardLife: CardLifeModels };

const MAX_NOTE = 500;

function inputProblems(input: ReissueCardInput): Problem[] {
  const note = input.note.trim();
  const problems = requestKeyProblems(input.requestKey);
  if (note === '') problems.push({ field: 'input.note', zh: '须提供补办原因说明', en: 'a statement of why the card is reissued is required', rule: 'REISSUE_STATEMENT', source: '003 六（三）2' });
  if (note.length > MAX_NOTE) problems.push({ field: 'input.note', zh: `不能超过 ${MAX_NOTE} 个字`, en: `at most ${MAX_NOTE} characters`, ...inputFormat('INPUT_TOO_LONG') });
  return problems;
}

/** Every reason the holder's card cannot be remade today, each with its clause. */
export function reissueProblems(talent: TalentDoc, today: string): Problem[] {
  const field = 'input.talentId';
  if (!windowMakesCards(talent.program)) {
    return [{ field, zh: '该项目的人才卡不由本窗口制发，不能在此补办', en: 'this window does not make this program’s cards', rule: 'REISSUE_NOT_MADE_HERE', source: '001 第五条；003 七（三）' }];
  }
  const status = cardStatusOn(talent.mainCard, today);
  if (status === 'REVOKED') return [{ field, zh: '人才卡已终止，不能补办', en: 'the card was revoked; it cannot be reissued', rule: 'CARD_REVOKED', source: '001 第六条（二）' }];
  if (status === 'EXPIRED') {
    return [{ field, zh: `人才卡管理期已于 ${talent.mainCard.expiresOn} 届满，不能补办；原持卡人可优先重新申报`, en: `the card’s period ended on ${talent.mainCard.expiresOn}; apply again (with priority) instead`, rule: 'CARD_EXPIRED', source: '001 第六条' }];
  }
  return [];
}

export async function reissueCard(deps: ReissueDeps, input: ReissueCardInput): Promise<TalentDoc> {
  const problems = inputProblems(input);
  if (problems.length > 0) throw problemsError(problems);
  const talent = await holder(deps.models, input.talentId);
  if (alreadyDone(talent, input.requestKey)) return talent;
  const today = todayInChina(deps.now);
  const refused = reissueProblems(talent, today);
  if (refused.length > 0) throw problemsError(refused);
  // Drawn once: a try that loses the race keeps it for the next; a number never written is skipped, never reused.
  const number = await allocateCardNumber({ ...deps.cardLife, ...deps.models }, talent.program, today);
  return writeCardHistory(
    deps.models,
    talent,
    input.requestKey,
    (current) => {
      const again = reissueProblems(current, today);
      if (again.length > 0) throw problemsError(again);
      return {
        entry: { event: 'REISSUED', number: current.mainCard.number, expiresOn: current.mainCard.expiresOn, recordedOn: today, reason: input.reason, note: input.note.trim() },
        card: { 'mainCard.number': number },
      };
    },
    deps.viewer,
  );
}
