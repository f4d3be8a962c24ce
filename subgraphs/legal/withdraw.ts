// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here, in the same transaction, the justice bureau undoes what the task made:
// a consultation not yet answered becomes WITHDRAWN (consultations.ts withdrawConsultationIn) — not
// CLOSED, which the rules keep for an answered consultation (answeredAt set).
import type { ClientSession } from 'mongoose';
import { readWithdrawal, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import { withdrawConsultationIn } from './consultations';
import type { LegalContext, LegalServices } from './context';


function cancelRecordsFor(services: LegalServices) {
  return async (task: CaseTaskDoc, session: ClientSession): Promise<void> => {
    for (const id of task.recordIds) await withdrawConsultationIn(services.models, id, session);
  };
}

export const withdrawResolvers: Resolvers<LegalContext> = {
  Mutation: {
    withdrawLegalCaseTasks: (_: unknown, args: { caseId: string; reason: string }, context: LegalContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      return context.services.desk.withdraw(caseId, reason, cancelRecordsFor(context.services));
    },
  },
};
