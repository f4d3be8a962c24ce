// 卫健局 records. Checkup bookings and family-doctor terms grow year by year, so each is a
// document of its own collection keyed by talentId (the talent's id in the talent subgraph).
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelOn } from '../kit/mongo';

const checkupBookingSchema = new Schema(
  {
    talentId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    year: { type: Number, required: true },
    kind: { type: String, required: true, enum: ['HEALTH_CHECKUP', 'UNION_CHECKUP'] },
    hospital: { type: String, required: true, maxlength: 80 },
    scheduledOn: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    status: { type: String, required: true, enum: ['BOOKED', 'DONE', 'CANCELLED'] },
  },
  { collection: 'checkup_bookings', timestamps: true },
);
// A talent's bookings in date order: the loader's lookup, and what the yearly-allowance rule reads.
checkupBookingSchema.index({ talentId: 1, scheduledOn: 1 });

const familyDoctorContractSchema = new Schema(
  {
    talentId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
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

export type CheckupBookingDoc = InferSchemaType<typeof checkupBookingSchema> & { _id: Types.ObjectId };
export type FamilyDoctorContractDoc = InferSchemaType<typeof familyDoctorContractSchema> & { _id: Types.ObjectId };

export interface HealthModels {
  CheckupBooking: Model<CheckupBookingDoc>;
  FamilyDoctorContract: Model<FamilyDoctorContractDoc>;
}

export function registerHealthModels(connection: Connection): HealthModels {
  return {
    CheckupBooking: modelOn<CheckupBookingDoc>(connection, 'CheckupBooking', checkupBookingSchema),
    FamilyDoctorContract: modelOn<FamilyDoctorContractDoc>(connection, 'FamilyDoctorContract', familyDoctorContractSchema),
  };
}
