// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here this office undoes what the task made, the way its own steps do — a
// booking still BOOKED is cancelled and its yearly use given back (000 十三（三）3); an exit-entry
// item not yet finished is REJECTED with the withdrawal as its reason. Every undo is conditional on
// the record's status and the give-back counts once, so a withdrawal run twice changes nothing more.
import { readWithdrawal, recordIdFor, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import { withdrawBooking } from './bookings';
import { isAirportItem } from './cases';
import type { CustomsContext, CustomsServices } from './context';
import { withdrawExitEntryItem } from './exit-entry';

function cancelRecordsFor(services: CustomsServices, reason: string) {
  return async (task: CaseTaskDoc): Promise<void> => {
    const now = services.environment.clock();
    for (const id of task.recordIds) {
      if (isAirportItem(task.item)) await withdrawBooking(services.models, id, now);
      else await withdrawExitEntryItem(services.models, id, reason, now);
    }
  };
}

/**
 * A task cancelled with no records named may still have one: a delivery interrupted after its
 * record was written and before the decision was stored (the desk cancels such a task without
 * asking the department). Its record has the task's first record id; undone the same way.
 */
async function cancelUndecidedRecords(services: CustomsServices, tasks: readonly CaseTaskDoc[], reason: string): Promise<void> {
  const undo = cancelRecordsFor(services, reason);
  for (const task of tasks) {
    if (task.status === 'CANCELLED' && task.recordIds.length === 0) await undo({ ...task, recordIds: [recordIdFor(task, 0).toString()] });
  }
}

export const withdrawResolvers: Resolvers<CustomsContext> = {
  Mutation: {
    withdrawCustomsCaseTasks: async (_: unknown, args: { caseId: string; reason: string }, context: CustomsContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      const tasks = await context.services.desk.withdraw(caseId, reason, cancelRecordsFor(context.services, reason));
      await cancelUndecidedRecords(context.services, tasks, reason);
      return tasks;
    },
  },
};
