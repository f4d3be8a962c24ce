// Writes of hukou transfers, each inside the caller's transaction: the transfers a case item opens,
// a staff step (000 一（二）), a rejection — and the case task brought in line with its transfers,
// so the window hears of every change through the desk's outbox in the same write.
import type { ClientSession } from 'mongoose';
import type { CaseTaskDesk, CaseTaskDoc } from '../kit/case-task';
import { todayInChina } from '../kit/dates';
import { problemsError, type Problem } from '../kit/problems';
import type { Program } from '../kit/programs';
import { HUKOU_STEP_LABELS_EN, hukouTaskChange } from './case-rules';
import type { ReadHukouForm } from './form';
import type { HouseholdModels, HukouTransferDoc } from './model';
import { currentHukouStep, hukouTransferProblems, HUKOU_STEP_LABELS, HUKOU_STEPS, type ExistingTransfer, type StoredStep } from './rules';

/** A transfer as read (lean), its steps a plain array. */
export type TransferRecord = Omit<HukouTransferDoc, 'steps'> & { steps: StoredStep[] };

/** Every transfer the talent has, for the one-flow-per-person rule (index talentId_1_submittedOn_-1__id_-1). */
export function transfersOfTalent(models: HouseholdModels, talentId: string, session: ClientSession): Promise<ExistingTransfer[]> {
  return models.HukouTransfer.find({ talentId }, { applicant: 1, status: 1 }, { session }).lean<ExistingTransfer[]>();
}

/** One transfer per applicant, step 1 (网上申报, 000 一（二）1) done at the window's acceptance. */
export async function openCaseTransfers(
  models: HouseholdModels,
  task: Pick<CaseTaskDoc, 'caseId' | 'talentId' | 'program' | 'acceptedAt'>,
  form: ReadHukouForm,
  session: ClientSession,
): Promise<HukouTransferDoc[]> {
  const submittedOn = todayInChina(task.acceptedAt);
  const documents = form.applicants.map((person) => ({
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
  }));
  const created = await models.HukouTransfer.insertMany(documents, { session, ordered: true });
  return created.map((document) => document.toObject() as HukouTransferDoc);
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

/** 000 一（二）: completes the current step; step 5 (派出所落户) settles the transfer. Null: no such transfer. */
export async function advanceTransferIn(models: HouseholdModels, desk: CaseTaskDesk, id: string, now: Date, session: ClientSession): Promise<TransferRecord | null> {
  const transfer = await models.HukouTransfer.findById(id, null, { session }).lean<TransferRecord>();
  if (!transfer) return null;
  const step = currentHukouStep(transfer.status, transfer.steps);
  if (!step) throw problemsError([closed(transfer)]);
  const today = todayInChina(now);
  const steps = transfer.steps.map((stored) => (stored.step === step ? { step: stored.step, completedAt: now } : stored));
  const settles = step === 'SETTLED';
  const next: TransferRecord = { ...transfer, steps, status: settles ? 'SETTLED' : 'IN_PROGRESS', settledOn: settles ? today : null };
  checkState(next, today);
  await models.HukouTransfer.updateOne({ _id: transfer._id, status: 'IN_PROGRESS' }, { $set: { steps, status: next.status, settledOn: next.settledOn } }, { session });
  await reportToCase(models, desk, next, `${transfer.applicant.name}：${HUKOU_STEP_LABELS[step]}已办结（${HUKOU_STEP_LABELS_EN[step]} done）`, session);
  return next;
}

/** Not to be done (004 第十一条 回告原因): the reason is kept and goes to the case. Null: no such transfer. */
export async function rejectTransferIn(models: HouseholdModels, desk: CaseTaskDesk, id: string, reason: string, now: Date, session: ClientSession): Promise<TransferRecord | null> {
  const transfer = await models.HukouTransfer.findById(id, null, { session }).lean<TransferRecord>();
  if (!transfer) return null;
  if (transfer.status !== 'IN_PROGRESS') throw problemsError([closed(transfer)]);
  const next = await closeTransferIn(models, transfer, { status: 'REJECTED', rejectionReason: reason }, now, session);
  await reportToCase(models, desk, next, `${transfer.applicant.name}：不予办理（rejected）`, session);
  return next;
}

/** A transfer in progress ends without settling (rejected or withdrawn): the new state checked, then written. */
async function closeTransferIn(
  models: HouseholdModels,
  transfer: TransferRecord,
  set: Pick<TransferRecord, 'status'> & Partial<Pick<TransferRecord, 'rejectionReason'>>,
  now: Date,
  session: ClientSession,
): Promise<TransferRecord> {
  const next: TransferRecord = { ...transfer, ...set };
  checkState(next, todayInChina(now));
  await models.HukouTransfer.updateOne({ _id: transfer._id, status: 'IN_PROGRESS' }, { $set: set }, { session });
  return next;
}

/**
 * The applicant withdrew the case (withdraw.ts): every transfer of the task still IN_PROGRESS is
 * WITHDRAWN, in the caller's transaction; the desk changes the task. Settled or rejected ones stay.
 */
export async function withdrawTransfersIn(models: HouseholdModels, ids: readonly string[], now: Date, session: ClientSession): Promise<void> {
  const open = await models.HukouTransfer.find({ _id: { $in: ids }, status: 'IN_PROGRESS' }, null, { session }).lean<TransferRecord[]>();
  for (const transfer of open) await closeTransferIn(models, transfer, { status: 'WITHDRAWN' }, now, session);
}

/** When the transfer came from a case: the task follows all of its transfers, and the window is told. */
async function reportToCase(models: HouseholdModels, desk: CaseTaskDesk, changed: TransferRecord, event: string, session: ClientSession): Promise<void> {
  const task = await desk.taskForRecord(changed._id.toString(), session);
  if (!task) return;
  const others = await models.HukouTransfer.find({ _id: { $in: task.recordIds.filter((id) => id !== changed._id.toString()) } }, null, { session }).lean<TransferRecord[]>();
  await desk.change(task._id, hukouTaskChange([...others, changed], event), session);
}
