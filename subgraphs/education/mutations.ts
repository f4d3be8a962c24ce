// The single service a talent uses without a case — applying for a child's place at the education
// guidance centre (000 八（二）1), the same rules as a case's item — and the bureau's decisions: the
// kindergarten lottery, a placement (with or without priority), the waitlist. Each decision runs in
// one transaction with the case task it belongs to and the report to the window.
import { notFound } from '../kit/errors';
import { FormReader } from '../kit/form-reader';
import { isObjectIdString, parseObjectId } from '../kit/ids';
import { todayInChina } from '../kit/dates';
import { problemsError } from '../kit/problems';
import type { Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import type { EducationContext } from './context';
import { decideEnrolmentIn, submitEnrolmentIn, type EnrolmentDecision } from './enrolments';
import { MAX_SCHOOL, readEnrolmentRequest } from './form';
import type { SchoolEnrolmentDoc } from './model';

interface ApplySchoolEnrolmentInput {
  talentId: string;
  program: Program;
  child: { name: string; relation: string; gender: string; birthDate: string };
  level: string;
  schoolYear: number;
  district: string;
  preferredSchool: string;
}

async function decideEnrolment(context: EducationContext, id: string, decision: EnrolmentDecision): Promise<SchoolEnrolmentDoc> {
  parseObjectId(id, 'id');
  const { services } = context;
  const decided = await services.connection.transaction((session) => decideEnrolmentIn(services.models, services.desk, id.toLowerCase(), decision, services.environment.clock(), session));
  if (!decided) throw notFound('SchoolEnrolment', `入学申请 ${id} 不存在`, `no enrolment request ${id}`);
  return decided;
}

/** A school name given by staff: present and within the length the record keeps. */
function readSchool(value: string | null | undefined, optional: boolean): string | null {
  if (value == null && optional) return null;
  const reader = new FormReader('');
  const school = reader.text(value, 'school', MAX_SCHOOL);
  reader.done();
  return school;
}

export const mutationResolvers: Resolvers<EducationContext> = {
  Mutation: {
    applySchoolEnrolment: async (_: unknown, { input }: { input: ApplySchoolEnrolmentInput }, context: EducationContext): Promise<SchoolEnrolmentDoc> => {
      const { services } = context;
      const day = todayInChina(services.environment.clock());
      const { talentId, program, ...form } = input;
      const { request, problems } = readEnrolmentRequest(form, day, 'input', false);
      if (!isObjectIdString(talentId)) problems.unshift({ field: 'input.talentId', zh: '人才编号格式不正确', en: 'talentId must be 24 hex digits' });
      if (problems.length > 0) throw problemsError(problems);
    // 001 第六条: a single service needs a card in force, of the program it is asked under (the window's registry says).
      await services.environment.verifyCard(talentId.toLowerCase(), program, 'input.talentId');
      return services.connection.transaction(async (session) => {
        const outcome = await submitEnrolmentIn(services.models, { talentId: talentId.toLowerCase(), program, request, caseId: null, day }, session);
        if (!outcome.record) throw problemsError(outcome.violations.map((violation) => ({ ...violation, field: `input.${violation.field}` })));
        return outcome.record;
      });
    },

    recordKindergartenLottery: (_: unknown, args: { id: string; won: boolean; school?: string | null }, context: EducationContext) => {
      if (!args.won && args.school != null) {
        throw problemsError([{ field: 'school', zh: '未中签不安排学校', en: 'a school is given only for a win', rule: 'ENROLMENT_LOTTERY_SCHOOL', source: '001 第四条（二）' }]);
      }
      return decideEnrolment(context, args.id, { kind: 'LOTTERY', won: args.won, school: readSchool(args.school, true) });
    },

    placeEnrolment: (_: unknown, args: { id: string; school: string; priority?: boolean | null; localDemandMet?: boolean | null }, context: EducationContext) =>
      decideEnrolment(context, args.id, {
        kind: 'PLACE',
        school: readSchool(args.school, false)!,
        choice: { priority: args.priority === true, localDemandMet: args.localDemandMet ?? null },
      }),

    waitlistEnrolment: (_: unknown, { id }: { id: string }, context: EducationContext) => decideEnrolment(context, id, { kind: 'WAITLIST' }),
  },
};
