import { isObjectIdString } from '../kit/ids';
import { manyByKey, oneByKey } from '../kit/loader';
import type { EducationModels, SchoolEnrolmentDoc } from './model';

export interface EducationLoaders {
  enrolmentsByTalent: ReturnType<typeof manyByKey<SchoolEnrolmentDoc>>;
  /** A case task's enrolment: every task of the request in one `$in` query on _id. */
  enrolmentById: ReturnType<typeof oneByKey<SchoolEnrolmentDoc>>;
}

/** Per request: every talent of the request in one `$in` query, newest school year first. */
export function createEducationLoaders(models: EducationModels): EducationLoaders {
  return {
    enrolmentsByTalent: manyByKey<SchoolEnrolmentDoc>(
      (talentIds) =>
        models.SchoolEnrolment.find({ talentId: { $in: talentIds.filter(isObjectIdString) } })
          .sort({ schoolYear: -1, submittedOn: -1, _id: -1 })
          .lean<SchoolEnrolmentDoc[]>(),
      (enrolment) => enrolment.talentId,
    ),
    enrolmentById: oneByKey<SchoolEnrolmentDoc>(
      (ids) => models.SchoolEnrolment.find({ _id: { $in: ids.filter(isObjectIdString) } }).lean<SchoolEnrolmentDoc[]>(),
      (enrolment) => enrolment._id.toString(),
    ),
  };
}
