import { isObjectIdString } from '../kit/ids';
import { manyByKey } from '../kit/loader';
import type { EducationModels, SchoolEnrolmentDoc } from './model';

export interface EducationLoaders {
  enrolmentsByTalent: ReturnType<typeof manyByKey<SchoolEnrolmentDoc>>;
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
  };
}
