// A person and a card application exist before any card: they live in collections of their own
// (people, card_applications) and the `talents` registry gets its document, main card included, in
// ONE insert when the card is issued — so every Talent still has a main card, and nothing that reads
// `Talent.mainCard` (the talent view, the departments' card checks, the dashboards) meets a holder
// without one. The application's timeline is bounded (a program has at most seven stages, each
// returned at most MAX_ROUNDS times), so it lives in the application and every step is one
// compare-and-set of the whole document on its `version`.
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelOn } from '../../kit/mongo';
import { familyMemberSchema, idDocumentSchema } from '../model';

const personSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    requestKey: { type: String, required: true },
    fingerprint: { type: String, required: true },
    name: { type: String, required: true, maxlength: 60 },
    nameEn: { type: String, default: null, maxlength: 120 },
    gender: { type: String, required: true, enum: ['MALE', 'FEMALE'] },
    birthDate: { type: String, required: true },
    nationality: { type: String, required: true, maxlength: 40 },
    idDocument: { type: idDocumentSchema, required: true },
    phone: { type: String, required: true, maxlength: 20 },
    employer: { type: String, required: true, maxlength: 120 },
    position: { type: String, required: true, maxlength: 60 },
    degree: { type: String, required: true, enum: ['DOCTORATE', 'MASTER', 'BACHELOR', 'OTHER'] },
    district: { type: String, required: true, maxlength: 20 },
    family: { type: [familyMemberSchema], default: [] },
    /** Who registered: the person themself (a talent token) or the window on their behalf. */
    registeredBy: { type: String, required: true, enum: ['SELF', 'WINDOW'] },
    registeredAt: { type: Date, required: true },
  },
  { collection: 'people', versionKey: false },
);
personSchema.index({ requestKey: 1 }, { unique: true });
personSchema.index({ 'idDocument.type': 1, 'idDocument.number': 1 }, { unique: true });

const stepSchema = new Schema(
  {
    at: { type: Date, required: true },
    stage: { type: String, required: true },
    round: { type: Number, required: true },
    decision: { type: String, required: true, enum: ['SUBMITTED', 'RESUBMITTED', 'APPROVED', 'RETURNED', 'REFUSED'] },
    /** The authority that took the decision, e.g. 天河区人社局 / 广州市公安局 / 商业银行. */
    actor: { type: String, required: true, maxlength: 80 },
    /** The token subject that recorded it (a window officer on the authority's behalf). */
    recordedBy: { type: String, required: true },
    note: { type: String, default: null, maxlength: 1000 },
    /** The stage's last day when it was recorded. */
    dueOn: { type: String, default: null },
  },
  { _id: false },
);

const applicationSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    requestKey: { type: String, required: true },
    fingerprint: { type: String, required: true },
    personId: { type: String, required: true },
    program: { type: String, required: true, enum: ['BAIYUN_YUNJU', 'GUANGZHOU_GREEN_CARD', 'WUHAN_GREEN_CHANNEL'] },
    category: { type: String, required: true },
    subItem: { type: Number, default: null },
    facts: { type: Schema.Types.Mixed, required: true },
    materials: { type: [String], default: [] },
    employer: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: ['IN_PROGRESS', 'RETURNED', 'REFUSED', 'ISSUED'] },
    stage: { type: String, required: true },
    round: { type: Number, required: true },
    stageStartedOn: { type: String, required: true },
    stageDueOn: { type: String, required: true },
    /** Materials to supply after a 退案 (003 七（二）). */
    materialsToSupply: { type: [String], default: [] },
    cardNumber: { type: String, default: null },
    talentId: { type: String, default: null },
    /** 优先办理 (001 第六条): why this application goes first — a holder whose period ended or who moved to the 联系名单. */
    priority: { type: new Schema({ reason: { type: String, required: true }, source: { type: String, required: true } }, { _id: false }), default: null },
    /** 复审 may recommend direct recognition for 001 第三条 1–8 (001 第五条（四）). */
    directRecognitionRecommended: { type: Boolean, default: false },
    /**
     * One open application per person and program: `personId:program` while open (in progress or
     * returned), made unique to the application when it closes — a unique index, no transaction.
     */
    openClaim: { type: String, required: true },
    submittedAt: { type: Date, required: true },
    timeline: { type: [stepSchema], default: [] },
    version: { type: Number, required: true },
  },
  { collection: 'card_applications', versionKey: false, minimize: false },
);
applicationSchema.index({ requestKey: 1 }, { unique: true });
applicationSchema.index({ personId: 1, _id: -1 });
applicationSchema.index({ openClaim: 1 }, { unique: true });
applicationSchema.index({ status: 1, stageDueOn: 1 });
applicationSchema.index({ program: 1, stage: 1, _id: -1 });

const counterSchema = new Schema({ _id: { type: String, required: true }, last: { type: Number, required: true } }, { collection: 'card_number_counters', versionKey: false });

export type PersonFamilyDoc = Omit<InferSchemaType<typeof familyMemberSchema>, 'cardNumber'> & { _id: Types.ObjectId; cardNumber: string | null };
export type PersonDoc = Omit<InferSchemaType<typeof personSchema>, 'family'> & { _id: Types.ObjectId; family: PersonFamilyDoc[] };
export interface CardStepDoc {
  at: Date;
  stage: string;
  round: number;
  decision: 'SUBMITTED' | 'RESUBMITTED' | 'APPROVED' | 'RETURNED' | 'REFUSED';
  actor: string;
  recordedBy: string;
  note: string | null;
  dueOn: string | null;
}
export type CardApplicationDoc = Omit<InferSchemaType<typeof applicationSchema>, 'timeline'> & { _id: Types.ObjectId; timeline: CardStepDoc[] };
interface CounterDoc {
  _id: string;
  last: number;
}

export interface CardLifeModels {
  Person: Model<PersonDoc>;
  CardApplication: Model<CardApplicationDoc>;
  CardNumberCounter: Model<CounterDoc>;
}

export function registerCardLifeModels(connection: Connection): CardLifeModels {
  return {
    Person: modelOn<PersonDoc>(connection, 'Person', personSchema),
    CardApplication: modelOn<CardApplicationDoc>(connection, 'CardApplication', applicationSchema),
    CardNumberCounter: modelOn<CounterDoc>(connection, 'CardNumberCounter', counterSchema as Schema<CounterDoc>),
  };
}
