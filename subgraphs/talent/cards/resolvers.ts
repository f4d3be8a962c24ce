// The card's own life at the window: registration, 一次性告知 for a main card, the application and
// its stages. Thin: arguments → registration / apply / steps / queries → models.
import { todayInChina } from '../../kit/dates';
import { parseObjectId } from '../../kit/ids';
import { maskPhone, reveal } from '../../kit/pii';
import { checkOwnTalent, talentScope } from '../../kit/read-access';
import type { Resolvers } from '../../kit/subgraph';
import type { TalentContext } from '../resolvers';
import { eligibilityCategory, eligibilityCodesFor } from '../rules';
import { problemsError, type Problem } from '../../kit/problems';
import { PROGRAM_CLAUSES } from './stages';
import { applyForCard, programNotAcceptedProblem, SUPPORTED_PROGRAMS, type ApplyForCardInput } from './apply';
import type { IdDocumentType } from './id-documents';
import { CARD_MATERIALS, cardMaterialsFor, cardServiceMaterials, type CardMaterialCode, type CardService } from './materials';
import type { CardApplicationDoc, CardStepDoc, PersonDoc } from './model';
import { applicationOverdue, listCardApplications, type CardApplicationFilter } from './queries';
import { registerPerson, type RegisterPersonInput } from './registration';
import { stageRule, stagesOf, type CardProgramCode } from './stages';
import { recordCardStep, resubmitCardApplication, type RecordStepInput, type StepDeps } from './steps';

const today = (context: TalentContext) => todayInChina(context.environment.clock());

function material(code: CardMaterialCode, source: string) {
  return { code, name: CARD_MATERIALS[code].zh, nameEn: CARD_MATERIALS[code].en, key: true, source };
}

function stepDeps(context: TalentContext): StepDeps {
  return { models: { ...context.cardLife, ...context.models }, calendar: context.environment.calendar, now: context.environment.clock(), viewer: context.viewer! };
}

/** A talent sees only their own registration and applications (their person id is their talent id). */
async function ownApplication(context: TalentContext, id: string): Promise<CardApplicationDoc | null> {
  const found = await context.cardLoaders.applicationById.load(id);
  checkOwnTalent(context.viewer, found?.personId);
  return found;
}

/** Only the programs this window takes applications for, and only their own categories. */
function requirementProblems(program: CardProgramCode, category: string): Problem[] {
  if (!SUPPORTED_PROGRAMS.includes(program)) return [programNotAcceptedProblem('program')];
  if (!eligibilityCodesFor(program).includes(category)) return [{ field: 'category', zh: `申领条件 ${category.slice(0, 20)} 不属于该人才卡项目`, en: 'this eligibility category is not one of the program', rule: 'CATEGORY_NOT_OF_PROGRAM', source: PROGRAM_CLAUSES[program].eligibility }];
  return [];
}

const stageNameOf = (program: string, stage: string) => (stage === 'APPLICATION' ? '申报' : (stageRule(program as CardProgramCode, stage)?.zh ?? stage));

export const cardLifeResolvers: Resolvers<TalentContext> = {
  Query: {
    cardServiceMaterials: (_: unknown, args: { program: string; service: CardService }) => cardServiceMaterials(args.program, args.service).map((need) => material(need.code, need.source)),
    cardRequirements: (_: unknown, args: { program: CardProgramCode; category: string; subItem?: number | null; idDocumentType?: IdDocumentType | null; nationality?: string | null }) => {
      const problems = requirementProblems(args.program, args.category);
      if (problems.length > 0) throw problemsError(problems);
      return {
        program: args.program,
        eligibility: eligibilityCategory(args.category),
        materials: cardMaterialsFor(args).map((need) => material(need.code, need.source)),
        stages: stagesOf(args.program).map((rule) => ({
          stage: rule.stage,
          name: rule.zh,
          nameEn: rule.en,
          authority: rule.authority,
          limitWorkingDays: rule.limitWorkingDays,
          recordedBy: rule.recorders.map((role) => role.toUpperCase()),
          source: rule.source,
        })),
      };
    },
    registeredPerson: (_: unknown, args: { id: string }, context: TalentContext) => {
      const id = parseObjectId(args.id, 'id').toString();
      checkOwnTalent(context.viewer, id);
      return context.cardLoaders.personById.load(id);
    },
    cardApplication: (_: unknown, args: { id: string }, context: TalentContext) => ownApplication(context, parseObjectId(args.id, 'id').toString()),
    cardApplications: async (_: unknown, args: { first: number; after?: string | null; filter?: CardApplicationFilter | null }, context: TalentContext) => {
      const scope = talentScope(context.viewer);
      if (scope !== null && args.filter?.personId) checkOwnTalent(context.viewer, parseObjectId(args.filter.personId, 'filter.personId').toString());
      const filter = scope === null ? args.filter : { ...args.filter, personId: scope };
      const page = await listCardApplications(context.cardLife, { ...args, filter }, today(context));
      for (const edge of page.edges) context.cardLoaders.applicationById.prime(edge.node._id.toString(), edge.node);
      return page;
    },
  },
  Mutation: {
    registerPerson: (_: unknown, args: { input: RegisterPersonInput }, context: TalentContext) =>
      registerPerson({ ...context.cardLife, ...context.models }, context.viewer!, args.input, context.environment.clock()),
    applyForCard: (_: unknown, args: { input: ApplyForCardInput }, context: TalentContext) =>
      applyForCard({ models: { ...context.cardLife, ...context.models }, calendar: context.environment.calendar, now: context.environment.clock(), viewer: context.viewer! }, args.input),
    recordCardApplicationStep: (_: unknown, args: { input: RecordStepInput }, context: TalentContext) => recordCardStep(stepDeps(context), args.input),
    resubmitCardApplication: (_: unknown, args: { applicationId: string; materials: CardMaterialCode[] }, context: TalentContext) =>
      resubmitCardApplication(stepDeps(context), args.applicationId, args.materials),
  },
  RegisteredPerson: {
    id: (person: PersonDoc) => person._id.toString(),
    phone: (person: PersonDoc, args: { full: boolean }, context: TalentContext) => reveal({ value: person.phone, mask: maskPhone, field: 'RegisteredPerson.phone', ownerTalentId: person._id.toString(), owner: 'talent' }, args.full, context),
    idDocument: (person: PersonDoc) => ({ ...person.idDocument, ownerTalentId: person._id.toString() }),
    family: (person: PersonDoc) => person.family.map((member) => ({ ...member, ownerTalentId: person._id.toString() })),
    talent: (person: PersonDoc, _: unknown, context: TalentContext) => context.loaders.talentById.load(person._id.toString()),
    cardApplications: (person: PersonDoc, _: unknown, context: TalentContext) => context.cardLoaders.applicationsByPerson.load(person._id.toString()),
  },
  CardApplication: {
    id: (application: CardApplicationDoc) => application._id.toString(),
    person: (application: CardApplicationDoc, _: unknown, context: TalentContext) => context.cardLoaders.personById.load(application.personId),
    eligibility: (application: CardApplicationDoc) => eligibilityCategory(application.category),
    stageName: (application: CardApplicationDoc) => stageNameOf(application.program, application.stage),
    stageAuthority: (application: CardApplicationDoc) => stageRule(application.program as CardProgramCode, application.stage)?.authority ?? '',
    stageSource: (application: CardApplicationDoc) => stageRule(application.program as CardProgramCode, application.stage)?.source ?? '',
    stageLimitWorkingDays: (application: CardApplicationDoc) => stageRule(application.program as CardProgramCode, application.stage)?.limitWorkingDays ?? 0,
    overdue: (application: CardApplicationDoc, _: unknown, context: TalentContext) => applicationOverdue(application, today(context)),
    materialsToSupply: (application: CardApplicationDoc) => application.materialsToSupply.map((code) => material(code as CardMaterialCode, '003 七（二）')),
    talent: (application: CardApplicationDoc, _: unknown, context: TalentContext) => (application.talentId ? context.loaders.talentById.load(application.talentId) : null),
    timeline: (application: CardApplicationDoc) => application.timeline.map((step) => ({ ...step, program: application.program })),
  },
  CardApplicationStep: {
    stageName: (step: CardStepDoc & { program: string }) => stageNameOf(step.program, step.stage),
    late: (step: CardStepDoc) => step.dueOn !== null && step.dueOn !== undefined && todayInChina(new Date(step.at)) > step.dueOn,
  },
};
