// The card registry. Cards and family members are bounded lists (a holder and a few
// relatives), so they live inside the talent document; growing lists get collections.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { modelOn } from '../kit/mongo';

/** An ID document, as the registry and a registered person keep it. */
export const idDocumentSchema = new Schema(
  {
    type: { type: String, required: true, enum: ['RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT'] },
    number: { type: String, required: true, maxlength: 40 },
  },
  { _id: false },
);

const cardSchema = new Schema(
  {
    number: { type: String, required: true, maxlength: 40 },
    program: { type: String, required: true },
    kind: { type: String, required: true, enum: ['MAIN', 'AFFILIATED'] },
    holderName: { type: String, required: true },
    relation: { type: String, enum: ['SPOUSE', 'CHILD', 'PARENT', 'SPOUSE_PARENT', null], default: null },
    eligibilityCode: { type: String, required: true },
    issuedOn: { type: String, required: true },
    expiresOn: { type: String, required: true },
    status: { type: String, required: true, enum: ['ACTIVE', 'CONTACT_LIST', 'REVOKED'] },
  },
  { _id: false },
);

/** A family member, as the registry and a registered person keep them. */
export const familyMemberSchema = new Schema({
  name: { type: String, required: true, maxlength: 60 },
  relation: { type: String, required: true, enum: ['SPOUSE', 'CHILD', 'PARENT', 'SPOUSE_PARENT'] },
  gender: { type: String, required: true, enum: ['MALE', 'FEMALE'] },
  birthDate: { type: String, required: true },
  idDocument: { type: idDocumentSchema, required: true },
  cardNumber: { type: String, default: null },
});

const talentSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 60 },
    nameEn: { type: String, default: null, maxlength: 120 },
    gender: { type: String, required: true, enum: ['MALE', 'FEMALE'] },
    birthDate: { type: String, required: true },
    nationality: { type: String, required: true },
    idDocument: { type: idDocumentSchema, required: true },
    phone: { type: String, required: true, maxlength: 20 },
    employer: { type: String, required: true, maxlength: 120 },
    position: { type: String, required: true, maxlength: 60 },
    degree: { type: String, required: true, enum: ['DOCTORATE', 'MASTER', 'BACHELOR', 'OTHER'] },
    district: { type: String, required: true },
    program: { type: String, required: true },
    mainCard: { type: cardSchema, required: true },
    /** 副卡 issued to family members (003 六（二）). */
    affiliatedCards: { type: [cardSchema], default: [] },
    family: { type: [familyMemberSchema], default: [] },
  },
  { collection: 'talents', timestamps: true },
);

// Every lookup path has an index: by program/district (filters), by card and ID number
// (the window looks a holder up by either), by name and employer (search).
talentSchema.index({ program: 1, district: 1, _id: 1 });
talentSchema.index({ district: 1, _id: 1 });
talentSchema.index({ 'mainCard.number': 1 }, { unique: true });
talentSchema.index({ 'affiliatedCards.number': 1 });
talentSchema.index({ 'mainCard.status': 1, 'mainCard.expiresOn': 1 });
talentSchema.index({ 'idDocument.type': 1, 'idDocument.number': 1 }, { unique: true });
talentSchema.index({ name: 1 });
talentSchema.index({ employer: 1 });

export type TalentDoc = InferSchemaType<typeof talentSchema> & { _id: import('mongoose').Types.ObjectId };

export interface TalentModels {
  Talent: Model<TalentDoc>;
}

export function registerTalentModels(connection: Connection): TalentModels {
  return { Talent: modelOn<TalentDoc>(connection, 'Talent', talentSchema) };
}
