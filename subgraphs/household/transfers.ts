// Writes of hukou transfers, each one document at a time and safe to repeat (DESIGN.md, The flow of
// a case): the transfers a case item opens, a staff step (000 一（二）), a rejection, a withdrawal —
// and the case task's change, derived from all of the task's transfers.
import type { CaseTaskChange, CaseTaskDoc } from '../kit/case-task';
import { recordIdFor } from '../kit/case-task';
import { todayInChina } from '../kit/dates';
import { insertOnce, isDuplicateKey } from '../kit/mongo';
import { problemsError, type Problem } from '../kit/problems';
import type { Program } from '../kit/programs';
import { hukouTaskChange } from './case-rules';
import { MAX_APPLICANTS, type HukouFormPerson, type ReadHukouForm } from './form';
import { hukouActiveKey, type HouseholdModels, type HukouTransferDoc } from './model';
import { currentHukouStep, hukouTransferProblems, HUKOU_STEPS, type ExistingTransfer, type StoredStep } from './rules';

/** A transfer as read (lean), its steps a plain array. */
export type TransferRecord = Omit<HukouTransferDoc, 'steps'> & { steps: StoredStep[] };

/** The ids of a case task's transfers: one per applicant of its form, the same on every retry. */
export const caseTransferIds = (task: Pick<CaseTaskDoc, 'caseId' | 'item'>, form: ReadHukouForm): string[] =>
  form.applicants.map((_, n) => recordIdFor(task, n).toString());

/**
 * Every transfer a task may have: those its decision named and those its form's applicants get
 * (caseTransferIds) — also when the decision was interrupted after writing them and before naming them.
 */
export function transferIdsOfTask(task: Pick<CaseTaskDoc, 'caseId' | 'item' | 'recordIds' | 'form'>): string[] {
  const applicants = Array.isArray(task.form.applicants) ? Math.min(task.form.applicants.length, MAX_APPLICANTS) : 0;
  const derived = Array.from({ length: applicants }, (_, n) => recordIdFor(task, n).toString());
  return [...new Set([...task.recordIds, ...derived])];
}

/**
 * Every transfer the talent has but `excluding` (a task's own, written by an interrupted earlier
 * run of its decision), for the one-flow-per-person rule (index talentId_1_submittedOn_-1__id_-1).
 */
export function transfersOfTalent(models: HouseholdModels, talentId: string, excluding: readonly string[]): Promise<ExistingTransfer[]> {
  return models.HukouTransfer.find({ talentId, _id: { $nin: excluding } }, { applicant: 1, status: 1 }).lean<ExistingTransfer[]>();
}

/** What opening a case's transfers came to: all of them, or the person another request got to first. */
export type OpenedTransfers = { transfers: HukouTransferDoc[]; takenBy?: undefined } | { transfers?: undefined; takenBy: HukouFormPerson };

/**
 * One transfer per applicant, step 1 (网上申报, 000 一（二）1) done at the window's acceptance, each
 * under its derived id (a repeat finds it). A person whose active key another request took meanwhile
 * (model.ts activeKey) stops it: this task's transfers are taken away again and the person is named.
 */
export async function openCaseTransfers(
  models: HouseholdModels,
  task: Pick<CaseTaskDoc, 'caseId' | 'item' | 'talentId' | 'program' | 'acceptedAt'>,
  form: ReadHukouForm,
): Promise<OpenedTransfers> {
  const submittedOn = todayInChina(task.acceptedAt);
  const ids = caseTransferIds(task, form);
  const transfers: HukouTransferDoc[] = [];
  for (const [n, person] of form.applicants.entries()) {
    const document = {
      _id: recordIdFor(task, n),
      talentId: task.talentId,
      program: task.program as Program,
      caseId: task.caseId,
      applicant: { name: person.name, relation: person.relation, birthDate: person.birthDate, dependent: person.relation === 'CHILD' ? person.dependent : null },
      route: form.route,
      steps: HUKOU_STEPS.map((step) => ({ step, completedAt: step === 'ONLINE_DECLARATION' ? task.acceptedAt : null })),
      status: 'IN_PROGRESS',
      targetAddress: form.targetAddress,
      policeStation: form.policeStation,
      submittedOn,
      settledOn: null,
      rejectionReason: null,
    };
    try {
      // The steps are a plain array here; mongoose casts them to the schema's document array.
      const keyed = { ...document, activeKey: hukouActiveKey(document) } as unknown as Partial<HukouTransferDoc> & Pick<HukouTransferDoc, '_id'>;
      transfers.push(await insertOnce<HukouTransferDoc>(models.HukouTransfer, keyed));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await discardCaseTransfers(models, task.caseId, ids);
      return { takenBy: person };
    }
  }
  return { transfers };
}

/**
 * A refused task keeps no transfer: those an interrupted earlier run of its decision wrote are
 * deleted (only this case's, by their derived ids), so the people stay free to apply again.
 */
export async function discardCaseTransfers(models: HouseholdModels, caseId: string, ids: readonly string[]): Promise<void> {
  await models.HukouTransfer.deleteMany({ _id: { $in: ids }, caseId });
}

const closed = (transfer: TransferRecord): Problem => ({
  field: 'id',
  zh: `该申请已${transfer.status === 'SETTLED' ? '落户' : transfer.status === 'REJECTED' ? '不予办理' : '撤回'}，不能再办理`,
  en: `the transfer is ${transfer.status.toLowerCase()}; only one in progress can move`,
  rule: 'HUKOU_TRANSFER_CLOSED',
  source: '000 一（二）',
});

/** The new state must still pass every rule of rules.ts (steps in order, none in the future, status fits). */
function checkState(transfer: TransferRecord, today: string): void {
  const problems = hukouTransferProblems(transfer, today);
  if (problems.length > 0) throw problemsError(problems.map((problem) => ({ ...problem, rule: 'HUKOU_STEPS', source: '000 一（二）' })));
}

/** A transfer's new state: what to write onto it, and the event for the case task's note. */
export interface TransferChange {
  next: TransferRecord;
  set: Partial<TransferRecord>;
}

/** 000 一（二）: completes the current step; step 5 (派出所落户) settles the transfer. */
export function advancedTransfer(transfer: TransferRecord, now: Date): TransferChange & { step: (typeof HUKOU_STEPS)[number] } {
  const step = currentHukouStep(transfer.status, transfer.steps);
  if (!step) throw problemsError([closed(transfer)]);
  const today = todayInChina(now);
  const steps = transfer.steps.map((stored) => (stored.step === step ? { step: stored.step, completedAt: now } : stored));
  const settles = step === 'SETTLED';
  const next: TransferRecord = { ...transfer, steps, status: settles ? 'SETTLED' : 'IN_PROGRESS', settledOn: settles ? today : null };
  checkState(next, today);
  return { next, step, set: { steps, status: next.status, settledOn: next.settledOn } };
}

/** Not to be done (004 第十一条 回告原因): the reason is kept and goes to the case. */
export function rejectedTransfer(transfer: TransferRecord, reason: string, now: Date): TransferChange {
  if (transfer.status !== 'IN_PROGRESS') throw problemsError([closed(transfer)]);
  return closedTransfer(transfer, { status: 'REJECTED', rejectionReason: reason }, now);
}

/**
 * A transfer in progress ends without settling (rejected or withdrawn): the new state checked; in
 * the same write the person's active key is given back (model.ts), so they may apply again.
 */
function closedTransfer(transfer: TransferRecord, set: Pick<TransferRecord, 'status'> & Partial<Pick<TransferRecord, 'rejectionReason'>>, now: Date): TransferChange {
  const next: TransferRecord = { ...transfer, ...set };
  checkState(next, todayInChina(now));
  const activeKey = hukouActiveKey(next);
  return { next: { ...next, activeKey }, set: { ...set, activeKey } };
}

/**
 * The applicant withdrew the case (withdraw.ts): every transfer of the task still IN_PROGRESS is
 * WITHDRAWN; settled or rejected ones stay. Each write is conditional on the transfer still being in
 * progress, so running this again (a withdrawal finished after an interruption) changes nothing more.
 */
export async function withdrawTransfers(models: HouseholdModels, ids: readonly string[], now: Date): Promise<void> {
  const open = await models.HukouTransfer.find({ _id: { $in: ids }, status: 'IN_PROGRESS' }).lean<TransferRecord[]>();
  for (const transfer of open) {
    const { set } = closedTransfer(transfer, { status: 'WITHDRAWN' }, now);
    // The version moves too: a staff step that read the transfer before cannot write over the withdrawal.
    await models.HukouTransfer.updateOne({ _id: transfer._id, status: 'IN_PROGRESS' }, { $set: set, $inc: { __v: 1 } });
  }
}

/** The task's change once `changed` is written: it follows all of the task's transfers, the others as stored. */
export async function taskChangeAfter(models: HouseholdModels, task: CaseTaskDoc, changed: TransferRecord, event: string): Promise<CaseTaskChange> {
  const others = await models.HukouTransfer.find({ _id: { $in: task.recordIds.filter((id) => id !== changed._id.toString()) } }).lean<TransferRecord[]>();
  return hukouTaskChange([...others, changed], event);
}
