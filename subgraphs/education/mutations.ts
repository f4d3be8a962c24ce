// The single service a talent uses without a case — applying for a child's place at the education
// guidance centre (000 八（二）1), the same rules as a case's item — and the bureau's decisions: the
// kindergarten lottery, a placement (with or without priority), the waitlist. Each decision is one
// desk step (kit/task-steps.ts): the request is written with a compare-and-set on its version and,
// when it came from a case, the task follows — with no transaction, a step interrupted between the
// two writes is finished from what the task holds.
import { GraphQLError } from 'graphql';
import { Types } from 'mongoose';
import { registeredFamily } from '../kit/card-check';
import { notFound } from '../kit/errors';
import { FormReader } from '../kit/form-reader';
import { isObjectIdString, parseObjectId } from '../kit/ids';
import { inputFormat } from '../kit/input-format';
import { todayInChina } from '../kit/dates';
import { problemsError } from '../kit/problems';
import type { Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import type { EducationContext } from './context';
import { decidedEnrolment, submitEnrolment, type EnrolmentDecision } from './enrolments';
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

const ENROLMENT = { name: 'SchoolEnrolment', zh: '入学申请', en: 'enrolment request' };

async function decideEnrolment(context: EducationContext, id: string, decision: EnrolmentDecision): Promise<SchoolEnrolmentDoc> {
  parseObjectId(id, 'id');
  const { models, desk, environment } = context.services;
  try {
    return await desk.stepRecord<SchoolEnrolmentDoc>(models.SchoolEnrolment, id, ENROLMENT, async (enrolment, task) => {
      const { set, task: change } = decidedEnrolment(enrolment, decision, environment.clock());
      return { set, task: task ? change : null };
    });
  } catch (error) {
    // The bureau's own wording for an unknown request.
    if (error instanceof GraphQLError && error.extensions.code === 'NOT_FOUND') throw notFound(ENROLMENT.name, `入学申请 ${id} 不存在`, `no enrolment request ${id}`);
    throw error;
  }
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
      if (!isObjectIdString(talentId)) problems.unshift({ field: 'input.talentId', zh: '人才编号格式不正确', en: 'talentId must be 24 hex digits', ...inputFormat('INPUT_MALFORMED_ID') });
      if (problems.length > 0) throw problemsError(problems);
      // 001 第六条: a single service needs a card in force, of the program it is asked under; 000 八 持卡人子女:
      // the child typed here must be one the registry knows. One call to the window's registry answers both.
      const card = await services.environment.verifyCard(talentId.toLowerCase(), program, 'input.talentId', { family: true });
      // A direct request has an id of its own; one live request per child and year is kept by its active key (model.ts).
      const submission = { talentId: talentId.toLowerCase(), program, request, caseId: null, day, registeredFamily: registeredFamily(card) };
      const outcome = await submitEnrolment(services.models, submission, new Types.ObjectId());
      if (!outcome.record) throw problemsError(outcome.violations.map((violation) => ({ ...violation, field: `input.${violation.field}` })));
      return outcome.record;
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
