import { recordById, recordsByTalent } from '../kit/loader';
import type { EducationModels, SchoolEnrolmentDoc } from './model';

export interface EducationLoaders {
  enrolmentsByTalent: ReturnType<typeof recordsByTalent<SchoolEnrolmentDoc>>;
  /** A case task's enrolment: every task of the request in one `$in` query on _id. */
  enrolmentById: ReturnType<typeof recordById<SchoolEnrolmentDoc>>;
}

/** Per request: every talent of the request in one `$in` query, newest school year first. */
export function createEducationLoaders(models: EducationModels): EducationLoaders {
  return {
    enrolmentsByTalent: recordsByTalent<SchoolEnrolmentDoc>(models.SchoolEnrolment, { schoolYear: -1, submittedOn: -1, _id: -1 }),
    enrolmentById: recordById<SchoolEnrolmentDoc>(models.SchoolEnrolment),
  };
}
