// 住建局 records: home-ownership declarations (one document per person declared) and
// talent-apartment applications (a growing list: one document each, never an array in a parent).
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { allowanceModelOn, modelOn, type AllowanceModel } from '../kit/mongo';
import { APARTMENT_APPLICATION_STATUSES, HOME_OWNERSHIP_RELATIONS, OPEN_APPLICATION_STATUSES, type ApartmentApplicationStatus } from './rules';

const TALENT_ID = { type: String, required: true, match: /^[0-9a-f]{24}$/ } as const;
const DATE = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ } as const;
/** The case a record was made for at the window (统一受理); null for records made directly. */
const CASE_ID = { type: String, default: null, match: /^[0-9a-f]{24}$/ } as const;

const declarationSchema = new Schema(
  {
    talentId: TALENT_ID,
    personName: { type: String, required: true, maxlength: 60 },
    relation: { type: String, required: true, enum: HOME_OWNERSHIP_RELATIONS },
    city: { type: String, required: true, maxlength: 30 },
    homesOwned: { type: Number, required: true, min: 0, max: 99, validate: { validator: Number.isInteger, message: 'homesOwned must be a whole number' } },
    declaredOn: DATE,
    caseId: CASE_ID,
  },
  { collection: 'home_ownership_declarations', timestamps: true },
);
// A talent's declarations (the Talent.housing read).
declarationSchema.index({ talentId: 1, declaredOn: 1 });
// A case's records.
declarationSchema.index({ caseId: 1 });

const allocatedUnitSchema = new Schema(
  {
    project: { type: String, required: true, maxlength: 80 },
    building: { type: String, required: true, maxlength: 40 },
    unitNumber: { type: String, required: true, maxlength: 20 },
    areaSqm: { type: Number, required: true, min: 1, max: 500 },
  },
  { _id: false },
);

const applicationSchema = new Schema(
  {
    talentId: TALENT_ID,
    district: { type: String, required: true, maxlength: 30 },
    project: { type: String, required: true, maxlength: 80 },
    status: { type: String, required: true, enum: APARTMENT_APPLICATION_STATUSES },
    waitlistPosition: { type: Number, default: null, min: 1 },
    allocatedUnit: { type: allocatedUnitSchema, default: null },
    householdSize: { type: Number, required: true, min: 1, max: 20 },
    submittedOn: DATE,
    decidedOn: { type: String, default: null, match: /^\d{4}-\d{2}-\d{2}$/ },
    rejectionReason: { type: String, default: null, maxlength: 300 },
    caseId: CASE_ID,
    /**
     * "At most one open application per talent" as one unique key, written with the application
     * itself: the talent's id while it is open (SUBMITTED, WAITLISTED, ALLOCATED), its own id once
     * closed — so two applications racing cannot both be open, with no transaction.
     */
    openSlot: {
      type: String,
      required: true,
      default(this: { talentId: string; status: ApartmentApplicationStatus; _id: Types.ObjectId }) {
        return openSlotFor(this);
      },
    },
  },
  { collection: 'talent_apartment_applications', timestamps: true },
);
// A talent's applications, newest first (the Talent.housing read).
applicationSchema.index({ talentId: 1, submittedOn: -1 });
// One project's waitlist in order (the next position when an application is waitlisted).
applicationSchema.index({ district: 1, project: 1, status: 1, waitlistPosition: 1 });
// Whether a unit is already let (allocation).
applicationSchema.index({ 'allocatedUnit.project': 1, 'allocatedUnit.building': 1, 'allocatedUnit.unitNumber': 1, status: 1 });
// A case's records.
applicationSchema.index({ caseId: 1 });
applicationSchema.index({ openSlot: 1 }, { unique: true });

/** An application's openSlot: its talent's while open, its own id once closed. */
export function openSlotFor(application: { talentId: string; status: string; _id: { toString(): string } }): string {
  return (OPEN_APPLICATION_STATUSES as readonly string[]).includes(application.status) ? application.talentId : application._id.toString();
}

/**
 * A project's waitlist in order, in one document (queue.ts): joining and leaving are one
 * compare-and-set on its version, so two steps racing cannot take the same place.
 */
const queueSchema = new Schema(
  {
    _id: { type: String, required: true },
    members: { type: [Schema.Types.Mixed], default: [] },
    version: { type: Number, required: true, default: 0 },
  },
  { collection: 'talent_apartment_waitlists', versionKey: false, minimize: false },
);

export type HomeOwnershipDeclarationDoc = InferSchemaType<typeof declarationSchema> & { _id: Types.ObjectId };
export type TalentApartmentApplicationDoc = InferSchemaType<typeof applicationSchema> & { _id: Types.ObjectId };
/** One place in a waitlist: the application, and when it joined (a join whose step never finished is dropped later). */
export interface WaitlistMember {
  id: string;
  joinedAt: Date;
}
export interface ApartmentWaitlistDoc {
  _id: string;
  members: WaitlistMember[];
  version: number;
}

export interface HousingModels {
  HomeOwnershipDeclaration: Model<HomeOwnershipDeclarationDoc>;
  TalentApartmentApplication: Model<TalentApartmentApplicationDoc>;
  ApartmentWaitlist: Model<ApartmentWaitlistDoc>;
  /** Units let (kit/mongo.ts allowance, one use per unit, held by the application): a unit is let once under concurrent allocations. */
  UnitLetting: AllowanceModel;
}

export function registerHousingModels(connection: Connection): HousingModels {
  return {
    HomeOwnershipDeclaration: modelOn<HomeOwnershipDeclarationDoc>(connection, 'HomeOwnershipDeclaration', declarationSchema),
    TalentApartmentApplication: modelOn<TalentApartmentApplicationDoc>(connection, 'TalentApartmentApplication', applicationSchema),
    ApartmentWaitlist: modelOn<ApartmentWaitlistDoc>(connection, 'ApartmentWaitlist', queueSchema as unknown as Schema<ApartmentWaitlistDoc>),
    UnitLetting: allowanceModelOn(connection, 'talent_apartment_unit_lettings'),
  };
}
