import type { BaseContext } from '../kit/context';
import { DateTimeScalar } from '../kit/scalars';
import { todayInChina } from '../kit/dates';
import type { Resolvers } from '../kit/subgraph';
import type { LegalLoaders } from './loaders';
import type { LegalConsultationDoc } from './model';
import { isOpen, legalFee, requestedInYear, type LegalFee } from './rules';

export interface LegalContext extends BaseContext {
  loaders: LegalLoaders;
}

interface TalentReference {
  id: string;
}

type LegalConsultationView = LegalConsultationDoc & LegalFee;

interface TalentLegalView {
  consultations: LegalConsultationView[];
  openCount: number;
  totalThisYear: number;
}

export const legalResolvers: Resolvers<LegalContext> = {
  DateTime: DateTimeScalar,

  Talent: {
    __resolveReference: (reference: TalentReference): TalentReference => ({ id: reference.id }),
    // Always an object: a holder with no consultations (or a program without the service, 003/004) gets empty lists.
    legal: async (talent: TalentReference, _: unknown, context: LegalContext): Promise<TalentLegalView> => {
      const stored = await context.loaders.consultationsByTalent.load(talent.id);
      const year = Number(todayInChina().slice(0, 4));
      return {
        // Free or fee-bearing follows the program the holder asked under (000 十二; 002 十).
        consultations: stored.map((consultation) => ({
          ...consultation,
          ...legalFee(consultation.program, consultation.category, consultation.personalMatter),
        })),
        openCount: stored.filter((consultation) => isOpen(consultation.status)).length,
        totalThisYear: stored.filter((consultation) => requestedInYear(consultation, year)).length,
      };
    },
  },

  LegalConsultation: {
    id: (consultation: LegalConsultationView) => consultation._id.toString(),
  },
};
