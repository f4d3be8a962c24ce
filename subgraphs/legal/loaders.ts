import { manyByKey } from '../kit/loader';
import type { LegalConsultationDoc, LegalModels } from './model';

export interface LegalLoaders {
  /** Every consultation of each talent, newest first. */
  consultationsByTalent: ReturnType<typeof manyByKey<LegalConsultationDoc>>;
}

export function createLegalLoaders(models: LegalModels): LegalLoaders {
  return {
    consultationsByTalent: manyByKey<LegalConsultationDoc>(
      (talentIds) =>
        models.LegalConsultation.find({ talentId: { $in: talentIds } })
          .sort({ talentId: 1, requestedAt: -1, _id: -1 })
          .lean<LegalConsultationDoc[]>(),
      (consultation) => consultation.talentId,
    ),
  };
}
