// 司法局 records. Consultations grow without bound, so each one is a document keyed by talentId
// (the talent's id in the talent subgraph); the counsel is one small embedded object.
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelOn } from '../kit/mongo';
import { PROGRAMS } from '../kit/programs';

const counselSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 60 },
    role: { type: String, required: true, enum: ['GOVERNMENT_LEGAL_ADVISER', 'LAWYER'] },
    office: { type: String, required: true, maxlength: 80 },
  },
  { _id: false },
);

const legalConsultationSchema = new Schema(
  {
    talentId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    // The case it was requested in (统一受理); null when requested directly.
    caseId: { type: String, default: null, match: /^[0-9a-f]{24}$/ },
    // The program the holder asked under: it decides what is free (000 十二 vs 002 十).
    program: { type: String, required: true, enum: PROGRAMS },
    topic: { type: String, required: true, maxlength: 200 },
    category: {
      type: String,
      required: true,
      enum: [
        'CONSULTATION',
        'WRITTEN_OPINION',
        'DOCUMENT_DRAFTING',
        'LITIGATION',
        'NON_LITIGATION',
        'ARBITRATION',
        'CONTRACT_REVIEW',
        'MEDIATION',
        'LEGAL_AID_REFERRAL',
      ],
    },
    personalMatter: { type: Boolean, required: true },
    channel: { type: String, required: true, enum: ['PHONE', 'EMAIL', 'IN_PERSON', 'ONLINE'] },
    counsel: { type: counselSchema, default: null },
    status: { type: String, required: true, enum: ['REQUESTED', 'ASSIGNED', 'ANSWERED', 'CLOSED', 'WITHDRAWN'] },
    requestedAt: { type: Date, required: true },
    answeredAt: { type: Date, default: null },
  },
  { collection: 'legal_consultations', timestamps: true },
);
// A talent's consultations, newest first (the loader's lookup).
legalConsultationSchema.index({ talentId: 1, requestedAt: -1 });
legalConsultationSchema.index({ caseId: 1 });

type InferredConsultation = InferSchemaType<typeof legalConsultationSchema>;

/** As stored; the counsel and the answer time are null until they exist (inference misses the null defaults). */
export type LegalConsultationDoc = Omit<InferredConsultation, 'counsel' | 'answeredAt' | 'caseId'> & {
  _id: Types.ObjectId;
  caseId: string | null;
  counsel: InferredConsultation['counsel'] | null;
  answeredAt: Date | null;
};

export interface LegalModels {
  LegalConsultation: Model<LegalConsultationDoc>;
}

export function registerLegalModels(connection: Connection): LegalModels {
  return { LegalConsultation: modelOn<LegalConsultationDoc>(connection, 'LegalConsultation', legalConsultationSchema) };
}
