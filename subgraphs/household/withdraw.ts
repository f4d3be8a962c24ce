// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here, in the same transaction, the household office undoes what the task
// made: every hukou transfer of it still IN_PROGRESS becomes WITHDRAWN, checked and written as a
// rejection is (transfers.ts withdrawTransfersIn), so the person may apply again.
import type { ClientSession } from 'mongoose';
import { readWithdrawal, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import type { HouseholdContext, HouseholdServices } from './context';
import { withdrawTransfersIn } from './transfers';


function cancelRecordsFor(services: HouseholdServices) {
  return (task: CaseTaskDoc, session: ClientSession): Promise<void> => withdrawTransfersIn(services.models, task.recordIds, services.environment.clock(), session);
}

export const withdrawResolvers: Resolvers<HouseholdContext> = {
  Mutation: {
    withdrawHouseholdCaseTasks: (_: unknown, args: { caseId: string; reason: string }, context: HouseholdContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      return context.services.desk.withdraw(caseId, reason, cancelRecordsFor(context.services));
    },
  },
};
