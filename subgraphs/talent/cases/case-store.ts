// Changes to a case go through here, each one conditional update of the case document on its
// version (compare-and-set): two reports, a report and the dispatcher, or two window replicas never
// overwrite each other — the loser reads again and re-applies. No transaction, on any engine. The
// change's archive events are written into the case in the same update (numbered), then copied to
// the archive (archiveEvents); a copy interrupted by a crash is finished by the dispatcher, which
// finds the case by its `workDueAt`.
import { GraphQLError } from 'graphql';
import { isDuplicateKey } from '../../kit/mongo';
import { nextWorkAt } from '../../kit/delivery';
import type { CaseDoc, CaseEventDoc, CaseModels, CaseStatus } from '../case-model';

export type NewEvent = Omit<CaseEventDoc, '_id' | 'caseId'>;

export interface CaseChange {
  set: Partial<Omit<CaseDoc, '_id' | '__v' | 'unarchived' | 'eventCount' | 'workDueAt'>>;
  events: NewEvent[];
}

const MAX_ATTEMPTS = 20;
/** Events not yet archived are looked at again by the dispatcher after this long. */
const ARCHIVE_RETRY_MS = 5_000;

export const eventId = (caseId: string, n: number): string => `${caseId}:${String(n).padStart(5, '0')}`;

/** When the dispatcher next has work on the case: a part to hand out or recall, or events to archive. */
export function workDueAt(current: Pick<CaseDoc, 'items' | 'unarchived'>, now: Date): Date | null {
  const times = current.items.flatMap((item) => [nextWorkAt(item.dispatch), nextWorkAt(item.recall)]).filter((time): time is Date => time !== null);
  if (current.unarchived.length > 0) times.push(new Date(now.getTime() + ARCHIVE_RETRY_MS));
  return times.length === 0 ? null : new Date(Math.min(...times.map((time) => time.getTime())));
}

const busy = (caseId: string) =>
  new GraphQLError(`办件 ${caseId} 正被同时修改，请稍后重试（the case is being changed by others; retry shortly）`, { extensions: { code: 'REQUEST_IN_PROGRESS', retryAfterMs: 500 } });

/** Applies `decide` to the current case until it lands unopposed; null from `decide` means no change. */
export async function changeCase(models: CaseModels, caseId: string, decide: (current: CaseDoc) => CaseChange | null, clock: () => Date = () => new Date()): Promise<CaseDoc | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await models.Case.findById(caseId).lean<CaseDoc>();
    if (!current) return null;
    const change = decide(current);
    if (!change) return current;
    const events = change.events.map((event, index) => ({ ...event, _id: eventId(caseId, current.eventCount + index + 1), caseId }));
    const unarchived = [...current.unarchived, ...events];
    const next: CaseDoc = { ...current, ...change.set, unarchived, eventCount: current.eventCount + events.length, __v: current.__v + 1 };
    next.workDueAt = workDueAt(next, clock());
    const { _id, __v, createdAt: _created, updatedAt: _updated, ...set } = next as CaseDoc & { createdAt?: Date; updatedAt?: Date };
    const result = await models.Case.updateOne({ _id: current._id, __v: current.__v }, { $set: set, $inc: { __v: 1 } });
    if (result.modifiedCount === 1) return archiveEvents(models, next, clock);
    // Someone else changed the case first: read it again, after a moment that spreads the retries.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
  }
  throw busy(caseId);
}

/**
 * Copies the case's unarchived events to the archive (each under its own id, so a repeat stores
 * nothing new), then empties the list if the case has not moved on meanwhile — if it has, the next
 * writer carries the events along and copies them again, harmlessly.
 */
export async function archiveEvents(models: CaseModels, current: CaseDoc, clock: () => Date): Promise<CaseDoc> {
  if (current.unarchived.length === 0) return current;
  try {
    await models.CaseEvent.insertMany(current.unarchived, { ordered: false });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    for (const event of current.unarchived) {
      await models.CaseEvent.insertMany([event]).catch((single: unknown) => {
        if (!isDuplicateKey(single)) throw single;
      });
    }
  }
  const archived = { ...current, unarchived: [] };
  archived.workDueAt = workDueAt(archived, clock());
  await models.Case.updateOne({ _id: current._id, __v: current.__v }, { $set: { unarchived: [], workDueAt: archived.workDueAt } });
  return archived;
}

/**
 * Sets `workDueAt` from what the case holds now (no version bump: it changes no fact of the case).
 * Conditional on the value it read as well as the version: archiveEvents also sets it without a
 * bump, and a refresh computed before that must not put back a time the archive has just cleared.
 */
export async function refreshWorkDueAt(models: CaseModels, caseId: string, clock: () => Date): Promise<void> {
  const current = await models.Case.findById(caseId).lean<CaseDoc>();
  if (!current) return;
  const due = workDueAt(current, clock());
  if (due?.getTime() !== current.workDueAt?.getTime()) {
    await models.Case.updateOne({ _id: current._id, __v: current.__v, workDueAt: current.workDueAt }, { $set: { workDueAt: due } });
  }
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
