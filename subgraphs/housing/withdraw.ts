// 申请人撤回办件: the talent withdrew a case at the window, and the window calls every department
// that got a part of it. The desk (kit/case-task.ts withdraw) cancels each unfinished task of the
// case and reports it; here the housing office undoes what the task made, the way its own steps
// do: an application SUBMITTED or WAITLISTED becomes WITHDRAWN and leaves its project's waitlist
// (application-steps.ts withdrawApplication) — conditional on its status, so running it twice
// changes nothing more.
import { readWithdrawal, recordIdFor, type CaseTaskDoc } from '../kit/case-task';
import type { Resolvers } from '../kit/subgraph';
import { withdrawApplication } from './application-steps';
import type { HousingContext, HousingServices } from './context';

function cancelRecordsFor(services: HousingServices) {
  return async (task: CaseTaskDoc): Promise<void> => {
    for (const id of task.recordIds) await withdrawApplication(services, id);
  };
}

/**
 * A task cancelled with no records named may still have one: a delivery interrupted after its
 * application was written and before the decision was stored (the desk cancels such a task without
 * asking the department). Its application is the task's record 0; withdrawn the same way.
 */
async function withdrawUndecidedRecords(services: HousingServices, tasks: readonly CaseTaskDoc[]): Promise<void> {
  for (const task of tasks) {
    if (task.status === 'CANCELLED' && task.recordIds.length === 0) await withdrawApplication(services, recordIdFor(task, 0).toString());
  }
}

export const withdrawResolvers: Resolvers<HousingContext> = {
  Mutation: {
    withdrawHousingCaseTasks: async (_: unknown, args: { caseId: string; reason: string }, context: HousingContext): Promise<CaseTaskDoc[]> => {
      const { caseId, reason } = readWithdrawal(args);
      const tasks = await context.services.desk.withdraw(caseId, reason, cancelRecordsFor(context.services));
      await withdrawUndecidedRecords(context.services, tasks);
      return tasks;
    },
  },
};
