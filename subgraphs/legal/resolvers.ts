// The read view: Talent.legal (司法局's part of a talent), free or fee-bearing by the rules.
import { DateScalar, DateTimeScalar } from '../kit/scalars';
import { todayInChina } from '../kit/dates';
import type { Resolvers } from '../kit/subgraph';
import { consultationView, type LegalConsultationView } from './consultations';
import type { LegalContext } from './context';
import { isOpen, requestedInYear } from './rules';

export type { LegalContext } from './context';

interface TalentReference {
  id: string;
}

interface TalentLegalView {
  consultations: LegalConsultationView[];
  openCount: number;
  totalThisYear: number;
}

export const legalResolvers: Resolvers<LegalContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,

  Talent: {
    __resolveReference: (reference: TalentReference): TalentReference => ({ id: reference.id }),
    // Always an object: a holder with no consultations (or a program without the service, 003/004) gets empty lists.
    legal: async (talent: TalentReference, _: unknown, context: LegalContext): Promise<TalentLegalView> => {
      const stored = await context.loaders.consultationsByTalent.load(talent.id);
      const year = Number(todayInChina(context.services.environment.clock()).slice(0, 4));
      return {
        consultations: stored.map(consultationView),
        openCount: stored.filter((consultation) => isOpen(consultation.status)).length,
        totalThisYear: stored.filter((consultation) => requestedInYear(consultation, year)).length,
      };
    },
  },

  LegalConsultation: {
    id: (consultation: LegalConsultationView) => consultation._id.toString(),
  },
};
