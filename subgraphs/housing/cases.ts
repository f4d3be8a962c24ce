// 住建局's part of a case (统一受理、并行办理, 004 第十条): the window delivers a TALENT_APARTMENT
// item; the desk keeps one task per (case, item); the housing rules decide it — an application
// SUBMITTED, or REFUSED with every reason and its clause (004 第十一条 回告原因).
import { checkDelivery, recordIdFor, type CaseTaskChange, type CaseTaskDelivery, type CaseTaskDoc } from '../kit/case-task';
import { todayInChina } from '../kit/dates';
import { problemsError, refusedChange } from '../kit/problems';
import type { Resolvers } from '../kit/subgraph';
import { submitApplication } from './applications';
import type { HousingContext, HousingServices } from './context';
import { readApartmentForm } from './forms';
import type { TalentApartmentApplicationDoc } from './model';

/** The items this department does (kit/case-forms.ts SERVICE_DEPARTMENT). */
const HOUSING_ITEMS = ['TALENT_APARTMENT'] as const;
const OFFICE = { zh: '住建局', en: 'the housing office' };

/**
 * The rules applied to a delivered form (the desk's `decide`). Safe to run again after an
 * interruption: the application is the task's record 0 and its declarations records 1…n, each
 * written once; a retry finds the application and finishes what is missing.
 */
export async function decideApartmentTask(services: HousingServices, task: CaseTaskDoc, rawForm: Record<string, unknown>): Promise<CaseTaskChange> {
  const { form, problems: shape } = readApartmentForm(rawForm, 'input.form');
  if (shape.length > 0) throw problemsError(shape);
  const ids = { application: recordIdFor(task, 0), declarations: form.declarations.map((_, index) => recordIdFor(task, index + 1)) };
  const { application, problems } = await submitApplication(
    services.models,
    { talentId: task.talentId, program: task.program, form, caseId: task.caseId, day: todayInChina(task.acceptedAt), prefix: 'input.form' },
    ids,
  );
  if (!application) {
    return refusedChange(problems, '人才公寓申请不予受理（the application cannot be accepted）');
  }
  return {
    status: 'IN_PROGRESS',
    step: 'SUBMITTED',
    note: `人才公寓申请已提交：${form.district}${form.project}，审核中（application submitted, under review）`,
    recordIds: [application._id.toString()],
  };
}

interface CaseReference {
  id: string;
}

export const caseResolvers: Resolvers<HousingContext> = {
  Mutation: {
    receiveHousingCaseTask: async (_: unknown, args: { input: CaseTaskDelivery }, context: HousingContext): Promise<CaseTaskDoc> => {
      const { services } = context;
      return services.desk.receive(checkDelivery(args.input, HOUSING_ITEMS, OFFICE), (task, form) => decideApartmentTask(services, task, form));
    },
  },

  Case: {
    __resolveReference: (reference: CaseReference): CaseReference => ({ id: reference.id }),
    housing: (reference: CaseReference, _args: unknown, context: HousingContext): Promise<CaseTaskDoc[]> => context.tasksByCase.load(reference.id),
  },

  HousingCaseTask: {
    id: (task: CaseTaskDoc) => task._id.toString(),
    application: (task: CaseTaskDoc, _args: unknown, context: HousingContext): Promise<TalentApartmentApplicationDoc | null> | null =>
      task.recordIds.length > 0 ? context.loaders.applicationById.load(task.recordIds[0]) : null,
  },
};
