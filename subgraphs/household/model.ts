// Hukou transfer applications: one document per person and application, in their own
// collection (a talent's applications grow over the years). The five steps of one
// application are a fixed, bounded list (000 一（二）), so they are embedded.
// One flow per person (000 一（二）) is kept by the transfer itself, with no lock and no transaction:
// `activeKey` names the person while the transfer is in progress or settled and is unique, so of two
// requests for one person racing each other exactly one insert wins; a transfer that closes without
// settling takes a key of its own in the same write, and the person may apply again.
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelOn } from '../kit/mongo';
import { PROGRAMS } from '../kit/programs';
import { HUKOU_RELATIONS, HUKOU_ROUTES, HUKOU_STEPS, HUKOU_TRANSFER_STATUSES } from './rules';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const applicantSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 60 },
    relation: { type: String, required: true, enum: HUKOU_RELATIONS },
    birthDate: { type: String, required: true, match: DAY },
    dependent: { type: Boolean, default: null },
  },
  { _id: false },
);

const stepSchema = new Schema(
  {
    step: { type: String, required: true, enum: HUKOU_STEPS },
    completedAt: { type: Date, default: null },
  },
  { _id: false },
);

const hukouTransferSchema = new Schema(
  {
    talentId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    /** The card program the transfer was granted under; it decides the rules and the source clause. */
    program: { type: String, required: true, enum: PROGRAMS },
    applicant: { type: applicantSchema, required: true },
    route: { type: String, required: true, enum: HUKOU_ROUTES },
    steps: {
      type: [stepSchema],
      required: true,
      validate: { validator: (steps: unknown[]) => steps.length === HUKOU_STEPS.length, message: 'five steps (000 一（二）)' },
    },
    status: { type: String, required: true, enum: HUKOU_TRANSFER_STATUSES },
    targetAddress: { type: String, required: true, maxlength: 200 },
    policeStation: { type: String, required: true, maxlength: 60 },
    submittedOn: { type: String, required: true, match: DAY },
    settledOn: { type: String, default: null, match: DAY },
    rejectionReason: { type: String, default: null, maxlength: 500 },
    /** The case it came from (统一受理); null when the department entered it itself. */
    caseId: { type: String, default: null, match: /^[0-9a-f]{24}$/ },
    /** hukouActiveKey: the person while in progress or settled, the transfer's own id once closed. */
    activeKey: { type: String, required: true },
  },
  { collection: 'hukou_transfers', timestamps: true },
);

// Lookup path: a talent's transfers, newest first (the loader's $in + sort).
hukouTransferSchema.index({ talentId: 1, submittedOn: -1, _id: -1 });
// Lookup path: a case's transfers (support, and the staff screens of one case).
hukouTransferSchema.index({ caseId: 1 });
// One transfer in progress or settled per person (000 一（二）): the race-free half of duplicateTransfer.
hukouTransferSchema.index({ activeKey: 1 }, { unique: true });
// Every new transfer gets its key, whoever writes it (a case, the seed, a test); updates that close one set it themselves.
hukouTransferSchema.pre('validate', function keyTheTransfer() {
  if (!this.activeKey) this.activeKey = hukouActiveKey(this);
});

/** What `activeKey` holds: the person (talent, name, relation, birth date) while the transfer counts, else its own id. */
export function hukouActiveKey(transfer: { _id: Types.ObjectId | string; talentId: string; status: string; applicant: { name: string; relation: string; birthDate: string } }): string {
  if (transfer.status !== 'IN_PROGRESS' && transfer.status !== 'SETTLED') return `closed:${transfer._id.toString()}`;
  const { name, relation, birthDate } = transfer.applicant;
  return `person:${transfer.talentId}:${relation}:${birthDate}:${name}`;
}

export type HukouTransferDoc = InferSchemaType<typeof hukouTransferSchema> & { _id: Types.ObjectId };

export interface HouseholdModels {
  HukouTransfer: Model<HukouTransferDoc>;
}

export function registerHouseholdModels(connection: Connection): HouseholdModels {
  return { HukouTransfer: modelOn<HukouTransferDoc>(connection, 'HukouTransfer', hukouTransferSchema) };
}
