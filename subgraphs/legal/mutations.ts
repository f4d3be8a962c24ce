// Staff steps on a consultation (安排顾问 → 答复 → 办结), and the single service a talent requests
// without a case (issue 3: "the same rules apply"). Every broken rule comes back at once as one
// BAD_USER_INPUT naming each field, rule and source.
import { notFound } from '../kit/errors';
import { parseObjectId } from '../kit/ids';
import { PROGRAMS, type Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import { consultationView, moveConsultationIn, requestConsultationIn, type ConsultationStep, type LegalConsultationView } from './consultations';
import type { LegalContext } from './context';
import { CATEGORIES, CHANNELS, FieldReader, MAX_COUNSEL_NAME, MAX_OFFICE, MAX_TOPIC, refuse, ruleProblems } from './input';
import type { CounselRole, LegalCategory, LegalChannel, LegalCounselRecord } from './rules';

interface RequestLegalConsultationInput {
  talentId: string;
  program: Program;
  topic: string;
  category: LegalCategory;
  personalMatter: boolean;
  channel: LegalChannel;
}

interface LegalCounselInput {
  name: string;
  role: CounselRole;
  office: string;
}

async function move(id: string, to: ConsultationStep, counsel: LegalCounselRecord | null, context: LegalContext): Promise<LegalConsultationView> {
  parseObjectId(id, 'id');
  const moved = await context.connection.transaction(async (session) => {
    const outcome = await moveConsultationIn(context.models, context.desk, id, to, counsel, context.clock(), session);
    if (outcome?.violations) throw refuse(ruleProblems(outcome.violations, ''));
    return outcome;
  });
  if (!moved) throw notFound('LegalConsultation', `法律咨询 ${id} 不存在`, `no legal consultation ${id}`);
  return consultationView(moved.consultation!);
}

function readCounsel(counsel: LegalCounselInput): LegalCounselRecord {
  const reader = new FieldReader('counsel');
  const fields = { ...counsel };
  const read = { name: reader.text(fields, 'name', MAX_COUNSEL_NAME), role: counsel.role, office: reader.text(fields, 'office', MAX_OFFICE) };
  reader.done();
  return read;
}

export const mutationResolvers: Resolvers<LegalContext> = {
  Mutation: {
    assignLegalCounsel: (_: unknown, { id, counsel }: { id: string; counsel: LegalCounselInput }, context: LegalContext) =>
      move(id, 'ASSIGNED', readCounsel(counsel), context),
    answerLegalConsultation: (_: unknown, { id }: { id: string }, context: LegalContext) => move(id, 'ANSWERED', null, context),
    closeLegalConsultation: (_: unknown, { id }: { id: string }, context: LegalContext) => move(id, 'CLOSED', null, context),

    requestLegalConsultation: async (_: unknown, { input }: { input: RequestLegalConsultationInput }, context: LegalContext): Promise<LegalConsultationView> => {
      const reader = new FieldReader('input');
      const fields = { ...input };
      const request = {
        talentId: reader.objectId(fields, 'talentId'),
        // From the caller until identity is verified (a later issue); the enum already holds it to the four programs.
        program: reader.choice(fields, 'program', PROGRAMS),
        topic: reader.text(fields, 'topic', MAX_TOPIC),
        category: reader.choice(fields, 'category', CATEGORIES),
        personalMatter: reader.flag(fields, 'personalMatter'),
        channel: reader.choice(fields, 'channel', CHANNELS),
        caseId: null,
      };
      reader.done();
      const consultation = await context.connection.transaction(async (session) => {
        const outcome = await requestConsultationIn(context.models, request, context.clock(), session);
        if (outcome.violations) throw refuse(ruleProblems(outcome.violations, 'input'));
        return outcome.record;
      });
      return consultationView(consultation);
    },
  },
};
