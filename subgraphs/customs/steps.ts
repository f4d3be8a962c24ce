// One staff step on one record (a booking or an exit-entry item) is one transaction: the record
// and — when it came from a case — its case task, whose change the desk reports to the window.
import type { ClientSession, Model, Types, UpdateQuery } from 'mongoose';
import type { CaseTaskChange } from '../kit/case-task';
import { badUserInput, notFound } from '../kit/errors';
import { parseObjectId } from '../kit/ids';
import type { CustomsServices } from './context';

export interface Step<Doc> {
  /** The record's new fields. */
  set: UpdateQuery<Doc>['$set'];
  /** The case task's change, when the record came from a case. */
  task: CaseTaskChange;
}

export async function stepRecord<Doc extends { _id: Types.ObjectId }>(
  services: CustomsServices,
  model: Model<Doc>,
  id: string,
  what: { name: string; zh: string; en: string },
  decide: (record: Doc, session: ClientSession) => Promise<Step<Doc>>,
): Promise<Doc> {
  const objectId = parseObjectId(id, 'id');
  return services.connection.transaction(async (session) => {
    const record = await model.findById(objectId, null, { session }).lean<Doc>();
    if (!record) throw notFound(what.name, `没有编号为 ${id} 的${what.zh}`, `no ${what.en} with this id`);
    const { set, task } = await decide(record, session);
    const updated = await model.findOneAndUpdate({ _id: objectId }, { $set: set }, { session, returnDocument: 'after' }).lean<Doc>();
    const caseTask = await services.desk.taskForRecord(id, session);
    if (caseTask) await services.desk.change(caseTask._id, task, session);
    return updated!;
  });
}

/** A step the record is not at: BAD_USER_INPUT on `id`, naming the current status. */
export function wrongStatus(status: string, zh: string, en: string): never {
  throw badUserInput('id', zh, en, { rule: 'RECORD_STATUS', status });
}

/** A moment as China Standard Time reads it, e.g. "2026-05-01 12:00". */
export function chinaTimeText(moment: Date): string {
  return new Date(moment.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
