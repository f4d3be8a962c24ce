// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; the education bureau undoes what the task made: an enrolment request still
// RECEIVED becomes WITHDRAWN (enrolments.ts withdrawEnrolment), so the child may be asked for again
// by a new case. Safe to run twice: the write is conditional on the request still being RECEIVED.
import { readWithdrawal, recordIdFor, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import type { EducationContext, EducationServices } from './context';
import { withdrawEnrolment } from './enrolments';

export function cancelRecordsFor(services: EducationServices) {
  return async (task: CaseTaskDoc): Promise<void> => {
    const now = services.environment.clock();
    // The decision's request has the id recordIdFor(task, 0): also when the decision was
    // interrupted after writing it and before naming it in the task.
    const ids = new Set([...task.recordIds, recordIdFor(task, 0).toString()]);
    for (const id of ids) await withdrawEnrolment(services.models, id, now);
  };
}

export const withdrawResolvers: Resolvers<EducationContext> = {
  Mutation: {
    withdrawEducationCaseTasks: async (_: unknown, args: { caseId: string; reason: string }, context: EducationContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      const cancelRecords = cancelRecordsFor(context.services);
      const tasks = await context.services.desk.withdraw(caseId, reason, cancelRecords);
      // A task whose delivery was interrupted before its decision is cancelled by the desk without
      // cancelRecords (it names no request), yet its decision may have written one already: it would
      // hold the child's active key (model.ts) for ever, so it is withdrawn too.
      for (const task of tasks) if (task.status === 'CANCELLED' && task.recordIds.length === 0) await cancelRecords(task);
      return tasks;
    },
  },
};
