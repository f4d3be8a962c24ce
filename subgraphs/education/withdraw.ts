// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here, in the same transaction, the education bureau undoes what the task
// made: an enrolment request still RECEIVED becomes WITHDRAWN (enrolments.ts withdrawEnrolmentIn),
// so the child may be asked for again by a new case.
import type { ClientSession } from 'mongoose';
import { readWithdrawal, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import type { EducationContext, EducationServices } from './context';
import { withdrawEnrolmentIn } from './enrolments';


function cancelRecordsFor(services: EducationServices) {
  return async (task: CaseTaskDoc, session: ClientSession): Promise<void> => {
    const now = services.environment.clock();
    for (const id of task.recordIds) await withdrawEnrolmentIn(services.models, id, now, session);
  };
}

export const withdrawResolvers: Resolvers<EducationContext> = {
  Mutation: {
    withdrawEducationCaseTasks: (_: unknown, args: { caseId: string; reason: string }, context: EducationContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      return context.services.desk.withdraw(caseId, reason, cancelRecordsFor(context.services));
    },
  },
};
