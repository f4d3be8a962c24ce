import { recordsByTalent } from '../kit/loader';
import type { LegalConsultationDoc, LegalModels } from './model';

export interface LegalLoaders {
  /** Every consultation of each talent, newest first. */
  consultationsByTalent: ReturnType<typeof recordsByTalent<LegalConsultationDoc>>;
}

export function createLegalLoaders(models: LegalModels): LegalLoaders {
  return {
    consultationsByTalent: recordsByTalent<LegalConsultationDoc>(models.LegalConsultation, { talentId: 1, requestedAt: -1, _id: -1 }),
  };
}
