// 公安户政、人社's part of a case (统一受理、并行办理, 004 第十条): the window delivers a hukou item; the
// desk keeps one task per (case, item); the rules decide it — one transfer per person, step 1
// (网上申报) done at acceptance (000 一（二）) — or REFUSED with every reason and its clause (004 第十一条).
import { checkDelivery, type CaseTaskChange, type CaseTaskDelivery, type CaseTaskDoc } from '../kit/case-task';
import { todayInChina } from '../kit/dates';
import { cannotBeDone, problemsError } from '../kit/problems';
import type { Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import { HUKOU_ITEMS, HUKOU_STEP_LABELS_EN, hukouRequestViolations, type HukouItem } from './case-rules';
import type { HouseholdContext, HouseholdServices } from './context';
import { readHukouForm, type ReadHukouForm } from './form';
import type { HukouTransferDoc } from './model';
import { HUKOU_STEP_LABELS } from './rules';
import { caseTransferIds, discardCaseTransfers, openCaseTransfers, transfersOfTalent } from './transfers';

const OFFICE = { zh: '公安户政、人社', en: 'the household department' };

/** The delivered form in shape, or BAD_USER_INPUT naming every field that is not. */
function readDeliveredForm(rawForm: Record<string, unknown>, day: string): ReadHukouForm {
  const { form, problems } = readHukouForm(rawForm, day);
  if (problems.length > 0) throw problemsError(problems);
  return form;
}

/**
 * The rules applied to a delivered form. Safe to run again after an interruption: the transfers
 * have ids derived from the task and are written once, and the one-flow-per-person rule leaves the
 * task's own transfers out (they are not another flow). Two requests for one person racing each
 * other both pass the read check; the active key (model.ts) lets exactly one write its transfer,
 * and the other is refused with the same rule.
 */
export async function decideHukouTask(services: HouseholdServices, task: CaseTaskDoc, rawForm: Record<string, unknown>): Promise<CaseTaskChange> {
  const day = todayInChina(task.acceptedAt);
  const form = readDeliveredForm(rawForm, day);
  const own = caseTransferIds(task, form);
  const existing = await transfersOfTalent(services.models, task.talentId, own);
  const violations = hukouRequestViolations(task.program as Program, task.item as HukouItem, form, existing, day);
  if (violations.length > 0) {
    await discardCaseTransfers(services.models, task.caseId, own);
    return cannotBeDone(OFFICE.zh, violations);
  }
  const opened = await openCaseTransfers(services.models, task, form);
  if (opened.takenBy) {
    const { name, relation, birthDate } = opened.takenBy;
    const raced = [...existing, { applicant: { name, relation, birthDate }, status: 'IN_PROGRESS' }];
    return cannotBeDone(OFFICE.zh, hukouRequestViolations(task.program as Program, task.item as HukouItem, form, raced, day));
  }
  const { transfers } = opened;
  const who = form.applicants.map((person) => person.name).join('、');
  return {
    status: 'IN_PROGRESS',
    step: 'MATERIALS_UPLOADED',
    note: `已受理${who}的户口迁入（${transfers.length} 人），网上申报已完成；当前步骤：${HUKOU_STEP_LABELS.MATERIALS_UPLOADED}（hukou transfer accepted for ${transfers.length}; now at: ${HUKOU_STEP_LABELS_EN.MATERIALS_UPLOADED}）`,
    recordIds: transfers.map((transfer) => transfer._id.toString()),
  };
}

interface CaseReference {
  id: string;
}

export const caseResolvers: Resolvers<HouseholdContext> = {
  Mutation: {
    receiveHouseholdCaseTask: (_: unknown, { input }: { input: CaseTaskDelivery }, context: HouseholdContext): Promise<CaseTaskDoc> => {
      const { services } = context;
      return services.desk.receive(checkDelivery(input, HUKOU_ITEMS, OFFICE), (task, form) => decideHukouTask(services, task, form));
    },
  },

  Case: {
    __resolveReference: (reference: CaseReference): CaseReference => ({ id: reference.id }),
    household: (reference: CaseReference, _: unknown, context: HouseholdContext): Promise<CaseTaskDoc[]> => context.tasksByCase.load(reference.id),
  },

  HouseholdCaseTask: {
    id: (task: CaseTaskDoc) => task._id.toString(),
    transfers: async (task: CaseTaskDoc, _: unknown, context: HouseholdContext): Promise<HukouTransferDoc[]> => {
      const transfers = await context.loaders.transferById.loadMany(task.recordIds);
      return transfers.filter((transfer): transfer is HukouTransferDoc => transfer !== null && !(transfer instanceof Error));
    },
  },
};
