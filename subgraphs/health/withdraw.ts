// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here, in the same transaction, the bureau undoes what the task made, the way
// its own cancel step does: a checkup still BOOKED is CANCELLED and the year's use given back
// (bookings.ts withdrawCheckupIn). A family-doctor contract signed from a case finished its task
// when signed (DONE), so the desk never reaches it: a signed contract stays signed.
import type { ClientSession } from 'mongoose';
import { readWithdrawal, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import { withdrawCheckupIn } from './bookings';
import type { HealthContext, HealthServices } from './context';


function cancelRecordsFor(services: HealthServices) {
  return async (task: CaseTaskDoc, session: ClientSession): Promise<void> => {
    if (task.item === 'FAMILY_DOCTOR_CONTRACT') return;
    for (const id of task.recordIds) await withdrawCheckupIn(services.models, id, session);
  };
}

export const withdrawResolvers: Resolvers<HealthContext> = {
  Mutation: {
    withdrawHealthCaseTasks: (_: unknown, args: { caseId: string; reason: string }, context: HealthContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      return context.services.desk.withdraw(caseId, reason, cancelRecordsFor(context.services));
    },
  },
};
