// Enrolment requests: one document per child and school year, in their own collection
// (a family's requests grow as children move from kindergarten to primary to junior school).
// One live request per child and school year (000 八（二）2) is kept by the request itself, with no
// lock and no transaction: `activeKey` names the child and year while the request is live and is
// unique, so of two requests racing each other exactly one insert wins; a withdrawn request takes a
// key of its own in the same write, and the child may be asked for again.
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelOn } from '../kit/mongo';
import { PROGRAMS } from '../kit/programs';
import { CHILD_GENDERS, ENROLMENT_STATUSES, LOTTERY_OUTCOMES, PRIORITY_OUTCOMES, SCHOOL_LEVELS } from './rules';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const childSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 60 },
    gender: { type: String, required: true, enum: CHILD_GENDERS },
    birthDate: { type: String, required: true, match: DAY },
  },
  { _id: false },
);

const schoolEnrolmentSchema = new Schema(
  {
    talentId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    /** The card program the request was made under; it decides the rules and the source clause. */
    program: { type: String, required: true, enum: PROGRAMS },
    child: { type: childSchema, required: true },
    level: { type: String, required: true, enum: SCHOOL_LEVELS },
    schoolYear: { type: Number, required: true, min: 2000, max: 2100 },
    district: { type: String, required: true, maxlength: 40 },
    preferredSchool: { type: String, required: true, maxlength: 100 },
    assignedSchool: { type: String, default: null, maxlength: 100 },
    lotteryOutcome: { type: String, required: true, enum: LOTTERY_OUTCOMES },
    priorityOutcome: { type: String, required: true, enum: PRIORITY_OUTCOMES },
    status: { type: String, required: true, enum: ENROLMENT_STATUSES },
    submittedOn: { type: String, required: true, match: DAY },
    decidedOn: { type: String, default: null, match: DAY },
    /** The case it came from (统一受理); null when applied for directly. */
    caseId: { type: String, default: null, match: /^[0-9a-f]{24}$/ },
    /** enrolmentActiveKey: the child and school year while live, the request's own id once withdrawn. */
    activeKey: { type: String, required: true },
  },
  { collection: 'school_enrolments', timestamps: true },
);

// Lookup path: a talent's requests, newest school year and submission first (the loader's $in + sort).
schoolEnrolmentSchema.index({ talentId: 1, schoolYear: -1, submittedOn: -1, _id: -1 });
// Lookup path: a case's enrolment (support, and the staff screens of one case).
schoolEnrolmentSchema.index({ caseId: 1 });
// One live request per child and school year (000 八（二）2): the race-free half of duplicateEnrolment.
schoolEnrolmentSchema.index({ activeKey: 1 }, { unique: true });
// Every new request gets its key, whoever writes it (a case, a direct application, the seed, a test);
// the update that withdraws one sets it itself.
schoolEnrolmentSchema.pre('validate', function keyTheRequest() {
  if (!this.activeKey) this.activeKey = enrolmentActiveKey(this);
});

/** What `activeKey` holds: the talent's child (birth date, name) and school year while live (rules.ts duplicateEnrolment), else the request's id. */
export function enrolmentActiveKey(enrolment: { _id: Types.ObjectId | string; talentId: string; status: string; schoolYear: number; child: { name: string; birthDate: string } }): string {
  if (enrolment.status === 'WITHDRAWN') return `closed:${enrolment._id.toString()}`;
  return `child:${enrolment.talentId}:${enrolment.schoolYear}:${enrolment.child.birthDate}:${enrolment.child.name}`;
}

export type SchoolEnrolmentDoc = InferSchemaType<typeof schoolEnrolmentSchema> & { _id: Types.ObjectId };

export interface EducationModels {
  SchoolEnrolment: Model<SchoolEnrolmentDoc>;
}

export function registerEducationModels(connection: Connection): EducationModels {
  return { SchoolEnrolment: modelOn<SchoolEnrolmentDoc>(connection, 'SchoolEnrolment', schoolEnrolmentSchema) };
}
