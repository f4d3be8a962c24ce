// 卫健局 records. Checkup bookings and family-doctor terms grow year by year, so each is a
// document of its own collection keyed by talentId (the talent's id in the talent subgraph).
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelOn } from '../kit/mongo';
import { yearSlotOf, type CheckupStatus } from './rules';

const OBJECT_ID = /^[0-9a-f]{24}$/;

const checkupBookingSchema = new Schema(
  {
    talentId: { type: String, required: true, match: OBJECT_ID },
    // The case it was booked for (统一受理); null when booked directly.
    caseId: { type: String, default: null, match: OBJECT_ID },
    year: { type: Number, required: true },
    kind: { type: String, required: true, enum: ['HEALTH_CHECKUP', 'UNION_CHECKUP'] },
    hospital: { type: String, required: true, maxlength: 80 },
    scheduledOn: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    status: { type: String, required: true, enum: ['BOOKED', 'DONE', 'CANCELLED'] },
    // rules.ts yearSlotOf: the year a booked or done checkup holds; null once cancelled.
    yearSlot: { type: Number, default: null },
  },
  { collection: 'checkup_bookings', timestamps: true },
);
// A talent's bookings in date order: the loader's lookup, and what the yearly-allowance rule reads.
checkupBookingSchema.index({ talentId: 1, scheduledOn: 1 });
checkupBookingSchema.index({ caseId: 1 });
// One booked or done checkup per talent and year (000 十、十一; 002 八（三）), held by the database
// too: of two bookings made at the same moment one insert fails on this index, and its rerun of the
// rules sees the other booking (bookings.ts). A single-document write, no transaction.
checkupBookingSchema.index({ talentId: 1, yearSlot: 1 }, { unique: true, partialFilterExpression: { yearSlot: { $type: 'number' } } });
checkupBookingSchema.pre('validate', function deriveYearSlot() {
  this.yearSlot = yearSlotOf({ year: this.year, status: this.status as CheckupStatus });
});

const familyDoctorContractSchema = new Schema(
  {
    talentId: { type: String, required: true, match: OBJECT_ID },
    // The case it was signed for (统一受理); null when signed directly.
    caseId: { type: String, default: null, match: OBJECT_ID },
    team: { type: String, required: true, maxlength: 80 },
    communityHealthCentre: { type: String, required: true, maxlength: 80 },
    package: { type: String, required: true, enum: ['FREE', 'BASIC'] },
    startsOn: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    endsOn: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
  },
  { collection: 'family_doctor_contracts', timestamps: true },
);
// A talent's terms in order (the loader's lookup; renewals are counted along it).
familyDoctorContractSchema.index({ talentId: 1, startsOn: 1 });
familyDoctorContractSchema.index({ caseId: 1 });

export type CheckupBookingDoc = InferSchemaType<typeof checkupBookingSchema> & { _id: Types.ObjectId };
export type FamilyDoctorContractDoc = InferSchemaType<typeof familyDoctorContractSchema> & { _id: Types.ObjectId };

/**
 * A term a signing has claimed: the contract it writes, kept first in the talent's signing
 * document (below), so that the dates a term takes and the check that no other term holds them are
 * one conditional write. Whoever reads a claim whose contract is not written yet writes it
 * (signings.ts), so a signing interrupted between its two writes is finished, never lost.
 */
export interface FamilyDoctorClaim {
  contractId: string;
  caseId: string | null;
  team: string;
  communityHealthCentre: string;
  package: 'FREE' | 'BASIC';
  startsOn: string;
  endsOn: string;
}

/**
 * One document per talent who signed: every term claimed, keyed `c<contractId>`, and a version
 * every claim bumps. A claim is written only at the version its rule check read, so two signings
 * for one talent at the same moment cannot both pass the no-overlap rule (002 八（四）).
 */
export interface FamilyDoctorSigningDoc {
  _id: string;
  version: number;
  claims: Record<string, FamilyDoctorClaim>;
}

const familyDoctorSigningSchema = new Schema<FamilyDoctorSigningDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true, default: 0 },
    claims: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'family_doctor_signings', versionKey: false, minimize: false },
);

export interface HealthModels {
  CheckupBooking: Model<CheckupBookingDoc>;
  FamilyDoctorContract: Model<FamilyDoctorContractDoc>;
  FamilyDoctorSigning: Model<FamilyDoctorSigningDoc>;
}

export function registerHealthModels(connection: Connection): HealthModels {
  return {
    CheckupBooking: modelOn<CheckupBookingDoc>(connection, 'CheckupBooking', checkupBookingSchema),
    FamilyDoctorContract: modelOn<FamilyDoctorContractDoc>(connection, 'FamilyDoctorContract', familyDoctorContractSchema),
    FamilyDoctorSigning: modelOn<FamilyDoctorSigningDoc>(connection, 'FamilyDoctorSigning', familyDoctorSigningSchema),
  };
}
