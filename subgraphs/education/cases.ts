// 教育局's part of a case (统一受理、并行办理, 004 第十条): the window delivers a kindergarten or school
// item; the desk keeps one task per (case, item); the same rules as a direct application decide it —
// a request RECEIVED (the Baiyun kindergarten lottery PENDING), or REFUSED with every reason (004 第十一条).
import { checkDelivery, recordIdFor, type CaseTaskChange, type CaseTaskDelivery, type CaseTaskDoc } from '../kit/case-task';
import { todayInChina } from '../kit/dates';
import { inputFormat } from '../kit/input-format';
import { cannotBeDone, problemsError } from '../kit/problems';
import type { Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import type { EducationContext, EducationServices } from './context';
import { submitEnrolment } from './enrolments';
import { readEnrolmentRequest, type EnrolmentRequest } from './form';
import type { SchoolEnrolmentDoc } from './model';
import { EDUCATION_ITEM_LEVELS, EDUCATION_ITEMS, receivedTaskChange, type EducationItem } from './request-rules';

const OFFICE = { zh: '教育局', en: 'the education bureau' };

/** The delivered form in shape and of a level the item takes, or BAD_USER_INPUT naming every field that is not. */
function readDeliveredRequest(item: string, rawForm: Record<string, unknown>, day: string): EnrolmentRequest {
  const { request, problems } = readEnrolmentRequest(rawForm, day, 'input.form');
  const levels: readonly string[] = EDUCATION_ITEM_LEVELS[item as EducationItem];
  if (!problems.some((problem) => problem.field === 'input.form.level') && !levels.includes(request.level)) {
    problems.push({ field: 'input.form.level', zh: `学段与事项不符：${item} 只办理 ${levels.join('、')}`, en: `item ${item} takes the levels ${levels.join(', ')}`, ...inputFormat('INPUT_ITEM_LEVEL') });
  }
  if (problems.length > 0) throw problemsError(problems);
  return request;
}

/**
 * The rules applied to a delivered form. Safe to run again after an interruption: the request has
 * the id recordIdFor(task, 0) and is written once (enrolments.ts submitEnrolment).
 */
export async function decideEnrolmentTask(services: EducationServices, task: CaseTaskDoc, rawForm: Record<string, unknown>): Promise<CaseTaskChange> {
  const day = todayInChina(task.acceptedAt);
  const request = readDeliveredRequest(task.item, rawForm, day);
  const id = recordIdFor(task, 0);
  const outcome = await submitEnrolment(services.models, { talentId: task.talentId, program: task.program as Program, request, caseId: task.caseId, day }, id);
  if (!outcome.record) {
    // A refused task keeps no request, also none an interrupted earlier run of it wrote.
    await services.models.SchoolEnrolment.deleteOne({ _id: id, caseId: task.caseId });
    return cannotBeDone(OFFICE.zh, outcome.violations);
  }
  const record = outcome.record;
  return {
    ...receivedTaskChange(record, `已受理${record.child.name}的入学申请：${record.preferredSchool}（enrolment request received）`),
    recordIds: [record._id.toString()],
  };
}

interface CaseReference {
  id: string;
}

export const caseResolvers: Resolvers<EducationContext> = {
  Mutation: {
    receiveEducationCaseTask: (_: unknown, { input }: { input: CaseTaskDelivery }, context: EducationContext): Promise<CaseTaskDoc> => {
      const { services } = context;
      return services.desk.receive(checkDelivery(input, EDUCATION_ITEMS, OFFICE), (task, form) => decideEnrolmentTask(services, task, form));
    },
  },

  Case: {
    __resolveReference: (reference: CaseReference): CaseReference => ({ id: reference.id }),
    education: (reference: CaseReference, _: unknown, context: EducationContext): Promise<CaseTaskDoc[]> => context.tasksByCase.load(reference.id),
  },

  EducationCaseTask: {
    id: (task: CaseTaskDoc) => task._id.toString(),
    enrolment: (task: CaseTaskDoc, _: unknown, context: EducationContext): Promise<SchoolEnrolmentDoc | null> | null =>
      task.recordIds.length > 0 ? context.loaders.enrolmentById.load(task.recordIds[0]) : null,
  },
};
