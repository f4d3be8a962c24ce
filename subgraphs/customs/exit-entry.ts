// Exit-entry items of Wuhan's green channel (004 第五条第1、5项): received from a case, then in
// progress, then completed — or rejected with the reason (004 第十一条).
import type { Types } from 'mongoose';
import { todayInChina } from '../kit/dates';
import { badUserInput } from '../kit/errors';
import { insertOnce } from '../kit/mongo';
import type { CustomsServices } from './context';
import type { CustomsModels, ExitEntryItemDoc } from './model';
import { EXIT_ENTRY_ITEMS, type ExitEntryItemKind, type ExitEntryItemStatus } from './rules';
import { wrongStatus } from './steps';

/** 004 第十一条: a department's part, once finished (办结) and reported, is not worked again. */
const EXIT_ENTRY_FLOW_SOURCE = '004 第十一条';

export interface ExitEntryRecord {
  talentId: string;
  kind: ExitEntryItemKind;
  applicantName: string;
  submittedOn: string;
  caseId: string | null;
}

/** Writes the RECEIVED item under its id once: a retried case task finds the one stored. */
export function recordExitEntryItem(models: CustomsModels, itemId: Types.ObjectId, record: ExitEntryRecord): Promise<ExitEntryItemDoc> {
  return insertOnce<ExitEntryItemDoc>(models.ExitEntryItem, { _id: itemId, ...record, status: 'RECEIVED' } as Partial<ExitEntryItemDoc> & { _id: Types.ObjectId });
}

const ITEM = { name: 'ExitEntryItem', zh: '出入境事项', en: 'exit-entry item' };
const STATUS_ZH: Record<ExitEntryItemStatus, string> = { RECEIVED: '已受理', IN_PROGRESS: '办理中', COMPLETED: '已办结', REJECTED: '不予办理' };

/** RECEIVED → IN_PROGRESS (the task stays in progress) → COMPLETED (the task is done). */
export function advanceExitEntryItem(services: CustomsServices, id: string): Promise<ExitEntryItemDoc> {
  const today = todayInChina(services.environment.clock());
  return services.desk.stepRecord<ExitEntryItemDoc>(services.models.ExitEntryItem, id, ITEM, async (item) => {
    const label = EXIT_ENTRY_ITEMS[item.kind as ExitEntryItemKind].zh;
    if (item.status === 'RECEIVED') {
      return { set: { status: 'IN_PROGRESS' }, task: { status: 'IN_PROGRESS', step: 'IN_PROGRESS', note: `${label}办理中（in progress）` } };
    }
    if (item.status === 'IN_PROGRESS') {
      return { set: { status: 'COMPLETED', completedOn: today }, task: { status: 'DONE', step: 'COMPLETED', note: `${label}已办结（completed）` } };
    }
    const status = item.status as ExitEntryItemStatus;
    return wrongStatus(status, `事项当前为“${STATUS_ZH[status]}”，已办结，不能再推进`, `the item is ${status}: finished`, EXIT_ENTRY_FLOW_SOURCE);
  });
}

/** The statuses an item can still be rejected (or withdrawn) from. */
const UNFINISHED: readonly ExitEntryItemStatus[] = ['RECEIVED', 'IN_PROGRESS'];
/** model.ts rejectionReason maxlength. */
const MAX_REASON = 300;
const rejection = (today: string, reason: string) => ({ status: 'REJECTED', completedOn: today, rejectionReason: reason }) as const;

/** Not done, with the reason: the item is REJECTED and the case task comes back REFUSED (004 第十一条 回告原因). */
export function rejectExitEntryItem(services: CustomsServices, id: string, reason: string): Promise<ExitEntryItemDoc> {
  const text = reason.trim();
  if (text === '' || text.length > MAX_REASON) throw badUserInput('reason', '不予办理的原因须为 1 到 300 个字', 'the reason must be 1–300 characters', { rule: 'EXIT_ENTRY_REJECTION_REASON', source: '004 第十一条' });
  const today = todayInChina(services.environment.clock());
  return services.desk.stepRecord<ExitEntryItemDoc>(services.models.ExitEntryItem, id, ITEM, async (item) => {
    const status = item.status as ExitEntryItemStatus;
    if (!UNFINISHED.includes(status)) wrongStatus(status, `事项当前为“${STATUS_ZH[status]}”，不能不予办理`, `the item is ${status}: finished`, EXIT_ENTRY_FLOW_SOURCE);
    return {
      set: rejection(today, text),
      task: { status: 'REFUSED', step: 'REJECTED', note: '不予办理（rejected）', reason: `不予办理：${text}（rejected by the exit-entry office）` },
    };
  });
}

/**
 * The applicant withdrew the case (withdraw.ts): an item not yet finished is REJECTED as the reject
 * step does, the withdrawal as its reason; the desk changes the task. Conditional on the item being
 * unfinished, so running it twice changes nothing more.
 */
export async function withdrawExitEntryItem(models: CustomsModels, id: string, reason: string, now: Date): Promise<void> {
  const text = `申请人撤回办件：${reason}`;
  const kept = text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
  // The version moves too, so a staff step that read the item before starts again.
  await models.ExitEntryItem.updateOne({ _id: id, status: { $in: [...UNFINISHED] } }, { $set: rejection(todayInChina(now), kept), $inc: { __v: 1 } });
}
