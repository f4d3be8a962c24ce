// What the staff steps on a booking or an exit-entry item share. Each step itself is the desk's
// (kit/case-task.ts stepRecord): the record, and — when it came from a case — its task, with no
// multi-document transaction.
import { badUserInput } from '../kit/errors';

/** A step the record is not at: BAD_USER_INPUT on `id`, naming the current status and the clause of the flow (`source`). */
export function wrongStatus(status: string, zh: string, en: string, source: string): never {
  throw badUserInput('id', zh, en, { rule: 'RECORD_STATUS', source, status });
}

/** A moment as China Standard Time reads it, e.g. "2026-05-01 12:00". */
export function chinaTimeText(moment: Date): string {
  return new Date(moment.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
