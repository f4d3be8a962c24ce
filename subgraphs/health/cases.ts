// 卫健局's part of a case (统一受理、并行办理, 004 第七至十一条): the window delivers a checkup or a
// family-doctor item; the desk keeps one task per (case, item) and reports every change back.
// decide() applies the same rules as a direct booking (bookings.ts) and refuses with the reason.
import type { ClientSession } from 'mongoose';
import type { CaseTaskChange, CaseTaskDelivery, CaseTaskDoc } from '../kit/case-task';
import type { ServiceCode } from '../kit/case-forms';
import type { Resolvers } from '../kit/subgraph';
import { bookCheckupIn, checkupTaskChange, contractTaskChange, familyDoctorContractView, signFamilyDoctorIn, type FamilyDoctorContractView } from './bookings';
import { todayOf, type HealthContext } from './context';
import { FieldReader, readCheckupForm, readFamilyDoctorForm, refusalReason } from './input';
import type { CheckupBookingDoc } from './model';
import type { RuleViolation } from './rules';

/** The items of the catalog this department does (kit/case-forms.ts SERVICE_DEPARTMENT). */
const HEALTH_ITEMS = ['FREE_ANNUAL_CHECKUP', 'UNION_CHECKUP', 'FAMILY_DOCTOR_CONTRACT'] as const satisfies readonly ServiceCode[];
type HealthItem = (typeof HEALTH_ITEMS)[number];

export function refusedChange(violations: readonly RuleViolation[]): CaseTaskChange {
  return {
    status: 'REFUSED',
    step: null,
    note: `卫健局不能办理：${violations.map((violation) => violation.zh).join('；')}（cannot be done: ${violations.map((violation) => violation.en).join('; ')}）`,
    reason: refusalReason(violations),
  };
}

function decideFor(context: HealthContext) {
  return async (task: CaseTaskDoc, form: Record<string, unknown>, session: ClientSession): Promise<CaseTaskChange> => {
    const today = todayOf(context);
    const item = task.item as HealthItem;
    if (item === 'FAMILY_DOCTOR_CONTRACT') {
      const contract = readFamilyDoctorForm(form);
      const outcome = await signFamilyDoctorIn(context.models, { talentId: task.talentId, program: task.program, ...contract, caseId: task.caseId }, today, session);
      return outcome.record ? contractTaskChange(outcome.record.contract) : refusedChange(outcome.violations);
    }
    const checkup = readCheckupForm(form);
    const kind = item === 'UNION_CHECKUP' ? 'UNION_CHECKUP' : 'HEALTH_CHECKUP';
    const outcome = await bookCheckupIn(context.models, { talentId: task.talentId, program: task.program, kind, ...checkup, caseId: task.caseId }, today, session);
    return outcome.record ? checkupTaskChange(outcome.record) : refusedChange(outcome.violations);
  };
}

/** A delivery the desk can take: ids in shape and an item of this department. */
function checkDelivery(input: CaseTaskDelivery): void {
  const reader = new FieldReader('input');
  reader.objectId({ ...input }, 'caseId');
  reader.objectId({ ...input }, 'talentId');
  reader.choice({ ...input }, 'item', HEALTH_ITEMS);
  reader.done();
}

interface CaseReference {
  id: string;
}

export const caseResolvers: Resolvers<HealthContext> = {
  Mutation: {
    receiveHealthCaseTask: (_: unknown, { input }: { input: CaseTaskDelivery }, context: HealthContext): Promise<CaseTaskDoc> => {
      checkDelivery(input);
      const delivery = { ...input, caseId: input.caseId.toLowerCase(), talentId: input.talentId.toLowerCase() };
      return context.desk.receive(delivery, decideFor(context));
    },
  },

  Case: {
    __resolveReference: (reference: CaseReference): CaseReference => ({ id: reference.id }),
    health: (parent: CaseReference, _: unknown, context: HealthContext): Promise<CaseTaskDoc[]> => context.tasksByCase.load(parent.id),
  },

  HealthCaseTask: {
    id: (task: CaseTaskDoc) => task._id.toString(),
    checkupBooking: async (task: CaseTaskDoc, _: unknown, context: HealthContext): Promise<CheckupBookingDoc | null> => {
      const [recordId] = task.recordIds;
      if (!recordId || task.item === 'FAMILY_DOCTOR_CONTRACT') return null;
      const bookings = await context.loaders.checkupBookingsByTalent.load(task.talentId);
      return bookings.find((booking) => booking._id.toString() === recordId) ?? null;
    },
    familyDoctorContract: async (task: CaseTaskDoc, _: unknown, context: HealthContext): Promise<FamilyDoctorContractView | null> => {
      const [recordId] = task.recordIds;
      if (!recordId || task.item !== 'FAMILY_DOCTOR_CONTRACT') return null;
      // The talent's terms in order: the contract's place among them is its renewal count.
      const terms = await context.loaders.familyDoctorContractsByTalent.load(task.talentId);
      const index = terms.findIndex((term) => term._id.toString() === recordId);
      return index < 0 ? null : familyDoctorContractView(terms[index], index, todayOf(context));
    },
  },
};
