// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here the justice bureau undoes what the task made: a consultation not yet
// answered becomes WITHDRAWN (consultations.ts withdrawConsultation) — not CLOSED, which the rules
// keep for an answered consultation (answeredAt set). Conditional on the status, so a withdrawal
// retried after an interruption changes the consultation once.
import { readWithdrawal, recordIdFor, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import { withdrawConsultation } from './consultations';
import type { LegalContext, LegalServices } from './context';

function cancelRecordsFor(services: LegalServices) {
  return async (task: CaseTaskDoc): Promise<void> => {
    // The decision's consultation has the id recordIdFor(task): also when the decision was
    // interrupted after recording it and before naming it in the task.
    const ids = new Set([...task.recordIds, recordIdFor(task).toString()]);
    for (const id of ids) await withdrawConsultation(services.models, id);
  };
}

export const withdrawResolvers: Resolvers<LegalContext> = {
  Mutation: {
    withdrawLegalCaseTasks: async (_: unknown, args: { caseId: string; reason: string }, context: LegalContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      const cancelRecords = cancelRecordsFor(context.services);
      const tasks = await context.services.desk.withdraw(caseId, reason, cancelRecords);
      // A task whose delivery was interrupted before its decision is cancelled by the desk without
      // cancelRecords (it names no record), yet its decide may have recorded one already: undo that too.
      for (const task of tasks) if (task.status === 'CANCELLED' && task.recordIds.length === 0) await cancelRecords(task);
      return tasks;
    },
  },
};
