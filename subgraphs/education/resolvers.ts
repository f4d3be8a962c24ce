import { DateScalar, DateTimeScalar } from '../kit/scalars';
import type { Resolvers } from '../kit/subgraph';
import type { EducationContext } from './context';
import type { SchoolEnrolmentDoc } from './model';
import { ageAtEntry, enrolmentSource } from './rules';

interface TalentReference {
  id: string;
}

interface TalentEducation {
  enrolments: SchoolEnrolmentDoc[];
}

type EnrolmentChild = SchoolEnrolmentDoc['child'] & { schoolYear: number };

export const educationResolvers: Resolvers<EducationContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,

  Talent: {
    __resolveReference: (reference: TalentReference): TalentReference => ({ id: reference.id }),
    education: async (talent: TalentReference, _args: unknown, context: EducationContext): Promise<TalentEducation> => ({
      enrolments: await context.loaders.enrolmentsByTalent.load(talent.id),
    }),
  },

  SchoolEnrolment: {
    id: (enrolment: SchoolEnrolmentDoc) => enrolment._id.toString(),
    // The child's age is counted against the school year, so the child carries it along.
    child: (enrolment: SchoolEnrolmentDoc): EnrolmentChild => ({ ...enrolment.child, schoolYear: enrolment.schoolYear }),
    source: (enrolment: SchoolEnrolmentDoc) => enrolmentSource(enrolment.program),
  },

  SchoolEnrolmentChild: {
    ageAtEntry: (child: EnrolmentChild) => ageAtEntry(child.birthDate, child.schoolYear),
  },
};
