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
    // 动态管理 (001 第六条), on the main card. The status is computed for a day from these (rules.ts
    // cardStatusOn): moved to the contact list, the card stays ACTIVE until contactListFrom, the
    // first day of the next month (（一）); terminated for fraud or a crime it is REVOKED at once (（二）).
    contactListFrom: { type: String, default: null },
    contactListReason: { type: String, default: null, maxlength: 500 },
    terminatedOn: { type: String, default: null },
    terminationGround: { type: String, enum: ['FRAUD', 'CRIME', null], default: null },
    terminationReason: { type: String, default: null, maxlength: 500 },
    /** 003 九（三）: the unit that applied, barred with the applicant for 3 years after a fraud. */
    terminationUnit: { type: String, default: null, maxlength: 120 },
    /** 001 第六条（三）: retired during the period — services continue until it ends; no status change. */
    retiredOn: { type: String, default: null },
  },
  { _id: false },
);

/** 考核 The employer's two-yearly assessment (001 第六条), kept as history on the holder. */
const assessmentSchema = new Schema(
  {
    assessedOn: { type: String, required: true },
    result: { type: String, required: true, enum: ['PASSED', 'FAILED'] },
    note: { type: String, default: null, maxlength: 500 },
    recordedBy: { type: String, required: true },
    recordedAt: { type: Date, required: true },
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

/** 变更 A change of employer or residence (003 六（三）1), kept as history; late after 30 days. */
const cardChangeSchema = new Schema(
  {
    kind: { type: String, required: true, enum: ['EMPLOYER', 'RESIDENCE'] },
    value: { type: String, required: true, maxlength: 120 },
    previous: { type: String, default: null },
    changedOn: { type: String, required: true },
    reportedOn: { type: String, required: true },
    late: { type: Boolean, default: null },
    recordedBy: { type: String, required: true },
  },
  { _id: false },
);

/**
 * 补办 / 续办 (003 六（三）2、3) The main card's earlier states, oldest first: a number revoked by a
 * reissue (REISSUED, with why), a period ended by a renewal (RENEWED), or a lapsed card replaced after
 * the holder applied again (REAPPLIED, 001 第六条). `requestKey` makes a repeat
 * of the same request change nothing.
 */
const cardHistorySchema = new Schema(
  {
    event: { type: String, required: true, enum: ['REISSUED', 'RENEWED', 'REAPPLIED'] },
    number: { type: String, required: true, maxlength: 40 },
    expiresOn: { type: String, required: true },
    recordedOn: { type: String, required: true },
    reason: { type: String, enum: ['LOST', 'DAMAGED', null], default: null },
    note: { type: String, default: null, maxlength: 500 },
    requestKey: { type: String, required: true, maxlength: 100 },
    recordedBy: { type: String, required: true },
  },
  { _id: false },
);

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
    /** Bounded: one every two years in a 5-year period (a few more if corrected). */
    assessments: { type: [assessmentSchema], default: [] },
    /** Bounded: a holder's few changes of employer or residence in a 5-year period. */
    cardChanges: { type: [cardChangeSchema], default: [] },
    /** Bounded: a few reissues and at most one renewal per 5-year period. */
    cardHistory: { type: [cardHistorySchema], default: [] },
  },
  { collection: 'talents', timestamps: true },
);

// Every lookup path has an index: by program/district (filters), by card and ID number
// (the window looks a holder up by either), by name and employer (search).
talentSchema.index({ program: 1, district: 1, _id: 1 });
talentSchema.index({ district: 1, _id: 1 });
talentSchema.index({ 'mainCard.number': 1 }, { unique: true });
talentSchema.index({ 'affiliatedCards.number': 1 });
// A number revoked by a reissue is never drawn again (issue.ts allocateCardNumber looks here too).
talentSchema.index({ 'cardHistory.number': 1 });
talentSchema.index({ 'mainCard.status': 1, 'mainCard.expiresOn': 1 });
talentSchema.index({ 'idDocument.type': 1, 'idDocument.number': 1 }, { unique: true });
// 003 九（三）: the fraud bar looks up fraud terminations by unit (by person, the ID document index serves).
talentSchema.index({ 'mainCard.terminationUnit': 1, 'mainCard.terminatedOn': 1 });
talentSchema.index({ name: 1 });
talentSchema.index({ employer: 1 });

export type TalentDoc = InferSchemaType<typeof talentSchema> & { _id: import('mongoose').Types.ObjectId };

export interface TalentModels {
  Talent: Model<TalentDoc>;
}

export function registerTalentModels(connection: Connection): TalentModels {
  return { Talent: modelOn<TalentDoc>(connection, 'Talent', talentSchema) };
}

/**
 * Writes `set` onto the holder only if nobody changed the document since `read` was read: a
 * compare-and-set on its version (__v), bumped by every such write, so of two concurrent changes of
 * one holder's history exactly one lands and the other reads again. True when this one landed.
 */
export async function changeTalentIfUnchanged(models: TalentModels, read: Pick<TalentDoc, '_id'>, set: Record<string, unknown>): Promise<boolean> {
  const version = (read as { __v?: number }).__v;
  const written = await models.Talent.updateOne({ _id: read._id, __v: version ?? { $exists: false } } as never, { $set: set, $inc: { __v: 1 } } as never);
  return written.modifiedCount === 1;
}
