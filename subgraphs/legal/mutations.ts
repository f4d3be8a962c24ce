// Staff steps on a consultation (安排顾问 → 答复 → 办结), and the single service a talent requests
// without a case (issue 3: "the same rules apply"). Every broken rule comes back at once as one
// BAD_USER_INPUT naming each field, rule and source.
import { Types } from 'mongoose';
import { FormReader } from '../kit/form-reader';
import { problemsError, violationProblems } from '../kit/problems';
import { PROGRAMS } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import { LEGAL_CONSULTATION, consultationStep, consultationView, requestConsultation, type ConsultationRequest, type ConsultationStep, type LegalConsultationView } from './consultations';
import type { LegalContext } from './context';
import { CATEGORIES, CHANNELS, MAX_COUNSEL_NAME, MAX_OFFICE, MAX_TOPIC, RULE_FIELD } from './input';
import type { CounselRole, LegalCounselRecord } from './rules';

/** The direct input: a case's request without the case. */
type RequestLegalConsultationInput = Omit<ConsultationRequest, 'caseId'>;

interface LegalCounselInput {
  name: string;
  role: CounselRole;
  office: string;
}

/** A staff step on a consultation, and its case's task with it (kit/task-steps.ts). */
async function move(id: string, to: ConsultationStep, counsel: LegalCounselRecord | null, context: LegalContext): Promise<LegalConsultationView> {
  const { desk, models, environment } = context.services;
  return consultationView(await desk.stepRecord(models.LegalConsultation, id, LEGAL_CONSULTATION, consultationStep(to, counsel, environment.clock())));
}

function readCounsel(counsel: LegalCounselInput): LegalCounselRecord {
  const reader = new FormReader('counsel');
  const read = { name: reader.text(counsel.name, 'name', MAX_COUNSEL_NAME), role: counsel.role, office: reader.text(counsel.office, 'office', MAX_OFFICE) };
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
      const reader = new FormReader('input');
      const talentId = reader.objectId(input.talentId, 'talentId');
      const program = reader.choice(input.program, 'program', PROGRAMS);
      const topic = reader.text(input.topic, 'topic', MAX_TOPIC);
      const category = reader.choice(input.category, 'category', CATEGORIES);
      const personalMatter = reader.flag(input.personalMatter, 'personalMatter');
      const channel = reader.choice(input.channel, 'channel', CHANNELS);
      reader.done();
      // Read in full: done() has thrown on any problem.
      const request: ConsultationRequest = { talentId: talentId!, program: program!, topic, category: category!, personalMatter, channel: channel!, caseId: null };
      // 001 第六条: a single service needs a card in force, of the program it is asked under (the window's registry says).
      await context.services.environment.verifyCard(request.talentId, request.program, 'input.talentId');
      const outcome = await requestConsultation(context.services.models, request, context.services.environment.clock(), new Types.ObjectId());
      if (outcome.violations) throw problemsError(violationProblems(outcome.violations, RULE_FIELD, 'input'));
      return consultationView(outcome.record);
    },
  },
};
