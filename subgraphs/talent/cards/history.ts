// 补办 / 续办 (003 六（三）2、3) and a holder's new card after applying again (001 第六条) keep the main card's earlier state in `Talent.cardHistory`. Each is ONE
// compare-and-set of the holder's document on its version (model.ts changeTalentIfUnchanged) — the card and its history together, the
// whole history written (no $push: not every engine the graph runs on has it) — and a request key kept
// with the entry, so the same request sent twice, or again after a lost answer, changes the card once.
import type { Viewer } from '../../kit/context';
import { changeTalentIfUnchanged, type TalentDoc, type TalentModels } from '../model';

export type CardHistoryEvent = 'REISSUED' | 'RENEWED' | 'REAPPLIED';
export type ReissueReason = 'LOST' | 'DAMAGED';

export interface CardHistoryEntry {
  event: CardHistoryEvent;
  number: string;
  expiresOn: string;
  recordedOn: string;
  reason: ReissueReason | null;
  note: string | null;
  requestKey: string;
  recordedBy: string;
}

const MAX_TRIES = 5;


/** The entry this request already wrote, if any. */
export function alreadyDone(talent: TalentDoc, requestKey: string): boolean {
  return (talent.cardHistory ?? []).some((entry) => entry.requestKey === requestKey);
}

/**
 * Writes `entry` onto the history and `card` (dotted mainCard fields) in one conditional update. Before
 * each try, `check` looks at the holder as it is now (and throws a refusal); a try that lost the race
 * reads the holder again, so a concurrent repeat of the same request is seen and nothing is written twice.
 */
export async function writeCardHistory(
  models: TalentModels,
  talent: TalentDoc,
  requestKey: string,
  check: (current: TalentDoc) => { entry: Omit<CardHistoryEntry, 'requestKey' | 'recordedBy'>; card: Record<string, string | null> },
  viewer: Viewer,
): Promise<TalentDoc> {
  let current = talent;
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    if (alreadyDone(current, requestKey)) return current;
    const { entry, card } = check(current);
    const cardHistory = [...(current.cardHistory ?? []), { ...entry, requestKey, recordedBy: viewer.subject }];
    const landed = await changeTalentIfUnchanged(models, current, { ...card, cardHistory });
    current = (await models.Talent.findById(current._id).lean<TalentDoc>())!;
    if (landed) return current;
  }
  throw new Error(`the card of ${talent._id.toString()} could not be changed after ${MAX_TRIES} tries`);
}
