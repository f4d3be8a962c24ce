// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here, in the same transaction, the housing office undoes what the task made,
// the way its own steps do: an application SUBMITTED or WAITLISTED becomes WITHDRAWN and its
// project's waitlist closes up behind it (applications.ts withdrawApplicationIn).
import type { ClientSession } from 'mongoose';
import { readWithdrawal, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import { withdrawApplicationIn } from './applications';
import type { HousingContext, HousingServices } from './context';


function cancelRecordsFor(services: HousingServices) {
  return async (task: CaseTaskDoc, session: ClientSession): Promise<void> => {
    for (const id of task.recordIds) await withdrawApplicationIn(services, id, session);
  };
}

export const withdrawResolvers: Resolvers<HousingContext> = {
  Mutation: {
    withdrawHousingCaseTasks: (_: unknown, args: { caseId: string; reason: string }, context: HousingContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      return context.services.desk.withdraw(caseId, reason, cancelRecordsFor(context.services));
    },
  },
};
