// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here the bureau undoes what the task made, the way its own cancel step does:
// a checkup still BOOKED is CANCELLED and the year's use given back (bookings.ts withdrawCheckup).
// That undoing is conditional on the booking's status, so a withdrawal retried after an
// interruption gives the use back once. A family-doctor contract signed from a case finished its
// task when signed (DONE), so the desk never reaches it: a signed contract stays signed.
import { readWithdrawal, recordIdFor, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import { withdrawCheckup } from './bookings';
import type { HealthContext, HealthServices } from './context';

function cancelRecordsFor(services: HealthServices) {
  return async (task: CaseTaskDoc): Promise<void> => {
    if (task.item === 'FAMILY_DOCTOR_CONTRACT') return;
    // The decision's booking has the id recordIdFor(task): also when the decision was interrupted
    // after booking and before naming it in the task.
    const ids = new Set([...task.recordIds, recordIdFor(task).toString()]);
    for (const id of ids) await withdrawCheckup(services.models, id);
  };
}

export const withdrawResolvers: Resolvers<HealthContext> = {
  Mutation: {
    withdrawHealthCaseTasks: async (_: unknown, args: { caseId: string; reason: string }, context: HealthContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      const cancelRecords = cancelRecordsFor(context.services);
      const tasks = await context.services.desk.withdraw(caseId, reason, cancelRecords);
      // A task whose delivery was interrupted before its decision is cancelled by the desk without
      // cancelRecords (it names no record), yet its decide may have booked already: undo that too.
      for (const task of tasks) if (task.status === 'CANCELLED' && task.recordIds.length === 0) await cancelRecords(task);
      return tasks;
    },
  },
};
