// A department's reports to the window (DESIGN.md step 4), driven by the task documents
// themselves: a task whose sequence is newer than what the window acknowledged has its *current*
// state sent, so a report that is lost, repeated or overtaken is harmless — the window applies a
// report only when its sequence is newer than the one it holds. A report is claimed by a
// conditional update of the task (one sender, whatever the number of replicas); one the window
// refuses for good, or that fails too often, is dead-lettered on the task with its last error.
import type { Model } from 'mongoose';
import type { CaseTaskDoc } from './case-task-model';
import { DELIVERY_LEASE_MS, claimed, failed, errorText } from './delivery';
import type { DepartmentName } from './departments';
import type { CaseTaskReport } from './case-task';
import { createPoller, type Poller } from './poller';
import type { LogFn } from './observability/logger';

export type Reporter = Poller;

export interface ReporterOptions {
  department: DepartmentName;
  clock(): Date;
  send(report: CaseTaskReport): Promise<void>;
  /** Also run each round: finishing steps a stopped process left half-done. */
  housekeeping?(): Promise<unknown>;
  log: LogFn;
  pollMs?: number;
  batchSize?: number;
}

export function reportOf(task: CaseTaskDoc, department: DepartmentName): CaseTaskReport {
  return {
    caseId: task.caseId,
    item: task.item,
    department,
    status: task.status,
    step: task.step,
    note: task.note,
    reason: task.reason,
    occurredAt: (task.completedAt ?? (task as { updatedAt?: Date }).updatedAt ?? task.receivedAt).toISOString(),
    sequence: task.sequence,
  };
}

export function createReporter(CaseTask: Model<CaseTaskDoc>, options: ReporterOptions): Reporter {
  const batchSize = options.batchSize ?? 20;

  async function sendOne(task: CaseTaskDoc): Promise<void> {
    const now = options.clock();
    const lease = claimed(task.report, now, DELIVERY_LEASE_MS).leaseUntil;
    const won = await CaseTask.updateOne({ _id: task._id, 'report.state': 'PENDING', 'report.leaseUntil': task.report.leaseUntil }, { $set: { 'report.leaseUntil': lease } });
    if (won.modifiedCount !== 1) return;
    const sent = task.sequence;
    try {
      await options.send(reportOf(task, options.department));
    } catch (error) {
      const next = failed(task.report, error, options.clock());
      // Only this state's report failed: a newer change meanwhile made a new report due.
      await CaseTask.updateOne({ _id: task._id, sequence: sent, 'report.leaseUntil': lease }, { $set: { report: next } });
      await CaseTask.updateOne({ _id: task._id, 'report.leaseUntil': lease }, { $set: { 'report.leaseUntil': null } });
      const level = next.state === 'DEAD' ? 'dead-lettered' : `not delivered (attempt ${next.attempts})`;
      options.log(`case_task_reports: ${task.caseId}/${task.item} #${sent} to the window ${level}: ${errorText(error)}`, next.state === 'DEAD' ? 'error' : 'warn', {
        caseId: task.caseId,
        item: task.item,
        department: options.department,
        attempts: next.attempts,
      });
      return;
    }
    await CaseTask.updateOne({ _id: task._id, acknowledgedSequence: { $lt: sent } }, { $set: { acknowledgedSequence: sent } });
    const done = await CaseTask.updateOne(
      { _id: task._id, sequence: sent, 'report.leaseUntil': lease },
      { $set: { 'report.state': 'DONE', 'report.dueAt': null, 'report.leaseUntil': null, 'report.lastError': null, 'report.doneAt': options.clock() }, $inc: { 'report.attempts': 1 } },
    );
    // A newer change came while this one was on its way: it is due now, under no lease.
    if (done.modifiedCount !== 1) await CaseTask.updateOne({ _id: task._id, 'report.leaseUntil': lease }, { $set: { 'report.leaseUntil': null } });
  }

  return createPoller(
    'case_task_reports',
    async () => {
      await options.housekeeping?.();
      const now = options.clock();
      const due = await CaseTask.find({ 'report.state': 'PENDING', 'report.dueAt': { $lte: now }, $or: [{ 'report.leaseUntil': null }, { 'report.leaseUntil': { $lte: now } }] })
        .sort({ 'report.dueAt': 1 })
        .limit(batchSize)
        .lean<CaseTaskDoc[]>();
      await Promise.all(due.map(sendOne));
      return due.length === batchSize;
    },
    { pollMs: options.pollMs, log: options.log },
  );
}
