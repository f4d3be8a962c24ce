// 卫健局's part of a case (统一受理、并行办理, 004 第七至十一条): the window delivers a checkup or a
// family-doctor item; the desk keeps one task per (case, item) and reports its current state back.
// decide() applies the same rules as a direct booking (bookings.ts, signings.ts) and refuses with
// the reason. It may run again after an interruption (kit/case-task.ts receive): the record it makes
// has the task's record id (recordIdFor), so a second run finds it instead of booking twice.
import { checkDelivery, recordIdFor, type CaseTaskChange, type CaseTaskDelivery, type CaseTaskDoc } from '../kit/case-task';
import type { ServiceCode } from '../kit/case-forms';
import { cannotBeDone } from '../kit/problems';
import type { Resolvers } from '../kit/subgraph';
import { bookCheckup, checkupTaskChange, contractTaskChange, familyDoctorContractView, type FamilyDoctorContractView } from './bookings';
import { todayOf, type HealthContext, type HealthServices } from './context';
import { readCheckupForm, readFamilyDoctorForm } from './input';
import type { CheckupBookingDoc } from './model';
import { signFamilyDoctor } from './signings';

/** The items of the catalog this department does (kit/case-forms.ts SERVICE_DEPARTMENT). */
const HEALTH_ITEMS = ['FREE_ANNUAL_CHECKUP', 'UNION_CHECKUP', 'FAMILY_DOCTOR_CONTRACT'] as const satisfies readonly ServiceCode[];
type HealthItem = (typeof HEALTH_ITEMS)[number];

const OFFICE = { zh: '卫健局', en: 'the health bureau' };

/** The task's decision; its one record has the id recordIdFor(task, 0). */
export function decideHealthTask(services: HealthServices) {
  return async (task: CaseTaskDoc, form: Record<string, unknown>): Promise<CaseTaskChange> => {
    const today = todayOf({ services });
    const item = task.item as HealthItem;
    const recordId = recordIdFor(task);
    if (item === 'FAMILY_DOCTOR_CONTRACT') {
      const contract = readFamilyDoctorForm(form);
      const outcome = await signFamilyDoctor(services.models, { talentId: task.talentId, program: task.program, ...contract, caseId: task.caseId }, today, recordId);
      return outcome.record ? contractTaskChange(outcome.record.contract) : cannotBeDone(OFFICE.zh, outcome.violations);
    }
    const checkup = readCheckupForm(form);
    // Booked by an interrupted run of this decision: that is the decision, whatever changed since.
    const booked = await services.models.CheckupBooking.findById(recordId).lean<CheckupBookingDoc>();
    if (booked) return checkupTaskChange(booked);
    const kind = item === 'UNION_CHECKUP' ? 'UNION_CHECKUP' : 'HEALTH_CHECKUP';
    const outcome = await bookCheckup(services.models, { talentId: task.talentId, program: task.program, kind, ...checkup, caseId: task.caseId }, today, recordId);
    return outcome.record ? checkupTaskChange(outcome.record) : cannotBeDone(OFFICE.zh, outcome.violations);
  };
}

interface CaseReference {
  id: string;
}

export const caseResolvers: Resolvers<HealthContext> = {
  Mutation: {
    receiveHealthCaseTask: (_: unknown, { input }: { input: CaseTaskDelivery }, context: HealthContext): Promise<CaseTaskDoc> => {
      const delivery = checkDelivery(input, HEALTH_ITEMS, OFFICE);
      return context.services.desk.receive(delivery, decideHealthTask(context.services));
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
