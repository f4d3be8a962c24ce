// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; the household office undoes what the task made: every hukou transfer of it
// still IN_PROGRESS becomes WITHDRAWN, checked and written as a rejection is (transfers.ts
// withdrawTransfers), so the person may apply again. Safe to run twice: each write is conditional
// on the transfer still being in progress.
import { readWithdrawal, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import type { HouseholdContext, HouseholdServices } from './context';
import { transferIdsOfTask, withdrawTransfers } from './transfers';

export function cancelRecordsFor(services: HouseholdServices) {
  return (task: CaseTaskDoc): Promise<void> => withdrawTransfers(services.models, transferIdsOfTask(task), services.environment.clock());
}

export const withdrawResolvers: Resolvers<HouseholdContext> = {
  Mutation: {
    withdrawHouseholdCaseTasks: async (_: unknown, args: { caseId: string; reason: string }, context: HouseholdContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      const cancelRecords = cancelRecordsFor(context.services);
      const tasks = await context.services.desk.withdraw(caseId, reason, cancelRecords);
      // A task whose delivery was interrupted before its decision is cancelled by the desk without
      // cancelRecords (it names no transfer), yet its decision may have written some already: they
      // would hold their people's active keys (model.ts) for ever, so they are withdrawn too.
      for (const task of tasks) if (task.status === 'CANCELLED' && task.recordIds.length === 0) await cancelRecords(task);
      return tasks;
    },
  },
};
