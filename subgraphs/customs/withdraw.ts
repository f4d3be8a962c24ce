// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here, in the same transaction, this office undoes what the task made, the
// way its own steps do — a booking still BOOKED is cancelled and its yearly use given back
// (000 十三（三）3); an exit-entry item not yet finished is REJECTED with the withdrawal as its reason.
import type { ClientSession } from 'mongoose';
import { readWithdrawal, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import { withdrawBookingIn } from './bookings';
import type { CustomsContext, CustomsServices } from './context';
import { withdrawExitEntryItemIn } from './exit-entry';

const AIRPORT_ITEMS: readonly string[] = ['AIRPORT_VIP_DOMESTIC', 'AIRPORT_VIP_INTERNATIONAL'];

function cancelRecordsFor(services: CustomsServices, reason: string) {
  return async (task: CaseTaskDoc, session: ClientSession): Promise<void> => {
    const now = services.environment.clock();
    for (const id of task.recordIds) {
      if (AIRPORT_ITEMS.includes(task.item)) await withdrawBookingIn(services.models, id, now, session);
      else await withdrawExitEntryItemIn(services.models, id, reason, now, session);
    }
  };
}

export const withdrawResolvers: Resolvers<CustomsContext> = {
  Mutation: {
    withdrawCustomsCaseTasks: (_: unknown, args: { caseId: string; reason: string }, context: CustomsContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      return context.services.desk.withdraw(caseId, reason, cancelRecordsFor(context.services, reason));
    },
  },
};
