// Changes to a case go through here. The case is updated with a compare-and-set on its version:
// two reports for one case never overwrite each other — the second one reads again and re-applies.
// (A single-document conditional update, not a transaction: the embedded test server does not
// detect conflicting transactions, and a real mongod needs none for one document.) The change's
// archive events are written right after the case.
import type { CaseDoc, CaseEventDoc, CaseModels, CaseStatus } from '../case-model';

export type NewEvent = Omit<CaseEventDoc, '_id' | 'caseId'>;

export interface CaseChange {
  set: Partial<Omit<CaseDoc, '_id'>>;
  events: NewEvent[];
}

const MAX_ATTEMPTS = 8;

/** Applies `decide` to the current case until it lands unopposed; null from `decide` means no change. */
export async function changeCase(models: CaseModels, caseId: string, decide: (current: CaseDoc & { __v: number }) => CaseChange | null): Promise<CaseDoc | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await models.Case.findById(caseId).lean<CaseDoc & { __v: number }>();
    if (!current) return null;
    const change = decide(current);
    if (!change) return current;
    const result = await models.Case.updateOne({ _id: current._id, __v: current.__v }, { $set: change.set, $inc: { __v: 1 } });
    if (result.modifiedCount === 1) {
      if (change.events.length) await models.CaseEvent.insertMany(change.events.map((event) => ({ ...event, caseId })));
      return (await models.Case.findById(caseId).lean<CaseDoc>())!;
    }
  }
  throw new Error(`case ${caseId} changed by others ${MAX_ATTEMPTS} times in a row; try again`);
}

const FINAL = new Set(['DONE', 'REFUSED', 'CANCELLED']);

/** The case's status from its items (统一交付 once every part is finished, 004 第十一条). */
export function caseStatusOf(current: Pick<CaseDoc, 'status' | 'items'>): CaseStatus {
  if (current.status === 'DELIVERED' || current.status === 'WITHDRAWN') return current.status;
  if (current.items.every((item) => FINAL.has(item.status))) {
    return current.items.every((item) => item.status !== 'DONE') ? 'REJECTED' : 'READY_FOR_DELIVERY';
  }
  return current.items.some((item) => item.status !== 'PENDING') ? 'IN_PROGRESS' : 'RECEIVED';
}

export function isFinalItemStatus(status: string): boolean {
  return FINAL.has(status);
}
