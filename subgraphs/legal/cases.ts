// 司法局's part of a case (统一受理、并行办理, 004 第七至十一条): the window delivers a legal
// consultation; the desk keeps one task per (case, item) and reports its current state back. decide()
// applies the same rules as a direct request (consultations.ts): a program without the service, a
// category or channel it does not offer → REFUSED with the reason; fee-bearing work is accepted and
// flagged. It may run again after an interruption (kit/case-task.ts receive): the consultation has
// the task's record id (recordIdFor), so a second run finds it instead of recording it twice.
import { checkDelivery, recordIdFor, type CaseTaskChange, type CaseTaskDelivery, type CaseTaskDoc } from '../kit/case-task';
import { cannotBeDone } from '../kit/problems';
import type { Resolvers } from '../kit/subgraph';
import { consultationTaskChange, consultationView, requestConsultation, type LegalConsultationView } from './consultations';
import type { LegalContext, LegalServices } from './context';
import { readLegalConsultationForm } from './input';

/** The item of the catalog this department does (kit/case-forms.ts SERVICE_DEPARTMENT). */
const LEGAL_ITEMS = ['LEGAL_CONSULTATION'] as const;

const OFFICE = { zh: '司法局', en: 'the justice bureau' };

/** The task's decision; its one record has the id recordIdFor(task, 0). */
export function decideLegalTask(services: LegalServices) {
  return async (task: CaseTaskDoc, form: Record<string, unknown>): Promise<CaseTaskChange> => {
    const consultation = readLegalConsultationForm(form);
    const request = { talentId: task.talentId, program: task.program, ...consultation, caseId: task.caseId };
    const outcome = await requestConsultation(services.models, request, services.environment.clock(), recordIdFor(task));
    return outcome.record ? consultationTaskChange(outcome.record) : cannotBeDone(OFFICE.zh, outcome.violations);
  };
}

interface CaseReference {
  id: string;
}

export const caseResolvers: Resolvers<LegalContext> = {
  Mutation: {
    receiveLegalCaseTask: (_: unknown, { input }: { input: CaseTaskDelivery }, context: LegalContext): Promise<CaseTaskDoc> => {
      const delivery = checkDelivery(input, LEGAL_ITEMS, OFFICE);
      return context.services.desk.receive(delivery, decideLegalTask(context.services));
    },
  },

  Case: {
    __resolveReference: (reference: CaseReference): CaseReference => ({ id: reference.id }),
    legal: (parent: CaseReference, _: unknown, context: LegalContext): Promise<CaseTaskDoc[]> => context.tasksByCase.load(parent.id),
  },

  LegalCaseTask: {
    id: (task: CaseTaskDoc) => task._id.toString(),
    consultation: async (task: CaseTaskDoc, _: unknown, context: LegalContext): Promise<LegalConsultationView | null> => {
      const [recordId] = task.recordIds;
      if (!recordId) return null;
      // The talent's consultations, batched across every case of the request.
      const consultations = await context.loaders.consultationsByTalent.load(task.talentId);
      const consultation = consultations.find((candidate) => candidate._id.toString() === recordId);
      return consultation ? consultationView(consultation) : null;
    },
  },
};
