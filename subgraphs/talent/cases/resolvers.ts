// The window's case API: catalog and 一次性告知, intake, the archive, delivery, and the reports
// departments send back. Thin: arguments → intake/actions/queries → models.
import { GraphQLError } from 'graphql';
import type { CaseTaskReport } from '../../kit/case-task';
import type { ServiceCode } from '../../kit/case-forms';
import { todayInChina } from '../../kit/dates';
import { DateTimeScalar } from '../../kit/scalars';
import { parseObjectId } from '../../kit/ids';
import type { Resolvers } from '../../kit/subgraph';
import { CATALOG, catalogItem, MATERIALS, type CatalogItem } from '../catalog';
import type { CaseDoc, CaseEventDoc, CaseItemDoc, PendingMaterialDoc } from '../case-model';
import { issueAffiliatedCard } from '../cards';
import type { TalentDoc } from '../model';
import type { TalentContext } from '../resolvers';
import { deliverCase, retryCaseDelivery, supplyMaterials, withdrawCase } from './actions';
import { cardProblems, programProblems } from './eligibility';
import { submitCase, type SubmitCaseInput } from './intake';
import { requiredMaterials } from './materials';
import { caseOverdue, itemOverdue, listCases, type CaseFilter } from './queries';
import { recordCaseTaskReport } from './reports';
import { overdueWorkingDays } from './figures';
import { checkFilterReads, checkOwnTalent, talentScope } from '../../kit/read-access';
import { READ_ACCESS } from '../access';

const upper = (department: string) => department.toUpperCase();

/** A part's hand-over as coordinators see it: the recall once the case is withdrawn, else the dispatch. */
function deliveryView(item: CaseItemDoc) {
  const delivery = item.recall ?? item.dispatch;
  const state = { PENDING: 'PENDING', DONE: 'DELIVERED', DEAD: 'FAILED', CANCELLED: 'CANCELLED' }[delivery.state];
  return { kind: item.recall ? 'WITHDRAWAL' : 'DISPATCH', state, attempts: delivery.attempts, lastError: delivery.lastError, nextAttemptAt: delivery.state === 'PENDING' ? delivery.dueAt : null };
}
const today = (context: TalentContext) => todayInChina(context.environment.clock());

function serviceItem(item: CatalogItem) {
  return {
    code: item.code,
    department: upper(item.department),
    name: item.zh,
    nameEn: item.en,
    materials: item.materials.map((material) => ({ code: material.code, name: MATERIALS[material.code].zh, nameEn: MATERIALS[material.code].en, key: material.key })),
    timeLimitWorkingDays: item.timeLimitWorkingDays,
    programs: item.programs,
    source: item.source,
  };
}

/** A case, if the viewer may see it: a talent only their own (FORBIDDEN otherwise, unknown ids included). */
async function ownCase(context: TalentContext, id: string): Promise<CaseDoc | null> {
  const found = await context.loaders.caseById.load(id);
  checkOwnTalent(context.viewer, found?.talentId);
  return found;
}

export const caseResolvers: Resolvers<TalentContext> = {
  DateTime: DateTimeScalar,
  Query: {
    serviceCatalog: () => CATALOG.map(serviceItem),
    requirements: async (_: unknown, args: { items: ServiceCode[]; talentId?: string | null }, context: TalentContext) => {
      const items = [...new Set(args.items)];
      let problems: ReturnType<typeof cardProblems> = [];
      if (args.talentId) {
        const talentId = parseObjectId(args.talentId, 'talentId').toString();
        checkOwnTalent(context.viewer, talentId);
        const talent = await context.loaders.talentById.load(talentId);
        if (!talent) throw new GraphQLError(`未找到人才 ${args.talentId}（no talent with this id）`, { extensions: { code: 'BAD_USER_INPUT', field: 'talentId' } });
        problems = [...cardProblems(talent, today(context)), ...programProblems(talent.program, items)];
      }
      return { items: items.map((code) => serviceItem(catalogItem(code))), materials: requiredMaterials(items), problems };
    },
    case: (_: unknown, args: { id: string }, context: TalentContext) => ownCase(context, parseObjectId(args.id, 'id').toString()),
    cases: async (_: unknown, args: { first: number; after?: string | null; filter?: CaseFilter | null }, context: TalentContext) => {
      // A talent lists only their own cases: a filter naming someone else's is refused, none means their own.
      checkFilterReads(context.viewer, 'talent', READ_ACCESS, args.filter, { specialist: 'Case.specialist' });
      const scope = talentScope(context.viewer);
      if (scope !== null && args.filter?.talentId) checkOwnTalent(context.viewer, parseObjectId(args.filter.talentId, 'filter.talentId').toString());
      const filter = scope === null ? args.filter : { ...args.filter, talentId: scope };
      const page = await listCases(context.cases, { ...args, filter }, today(context));
      for (const node of page.nodes) context.loaders.caseById.prime(node._id.toString(), node);
      return page;
    },
  },
  Mutation: {
    submitCase: (_: unknown, args: { input: SubmitCaseInput }, context: TalentContext) =>
      submitCase({ talents: context.models, cases: context.cases, environment: context.environment, dispatchSoon: () => context.dispatches.kick() }, args.input),
    supplyCaseMaterials: (_: unknown, args: { caseId: string; materials: string[] }, context: TalentContext) =>
      supplyMaterials(context.environment, context.cases, args.caseId, args.materials),
    deliverCase: (_: unknown, args: { caseId: string; note?: string | null }, context: TalentContext) =>
      deliverCase(context.environment, context.cases, args.caseId, args.note),
    withdrawCase: (_: unknown, args: { caseId: string; reason: string }, context: TalentContext) =>
      withdrawCase(context.environment, context.cases, args.caseId, args.reason, () => context.dispatches.kick()),
    retryCaseDelivery: (_: unknown, args: { caseId: string }, context: TalentContext) =>
      retryCaseDelivery(context.environment, context.cases, args.caseId, () => context.dispatches.kick()),
    issueAffiliatedCard: (_: unknown, args: { talentId: string; familyMemberId: string }, context: TalentContext) =>
      issueAffiliatedCard(context.models, args.talentId, args.familyMemberId, context.environment.clock()),
    recordCaseTaskReport: (_: unknown, args: { input: Omit<CaseTaskReport, 'occurredAt'> & { occurredAt: Date } }, context: TalentContext) =>
      recordCaseTaskReport(context.environment, context.cases, { ...args.input, occurredAt: args.input.occurredAt.toISOString() }),
  },
  Case: {
    __resolveReference: (reference: { id: string }, context: TalentContext) => ownCase(context, reference.id),
    id: (current: CaseDoc) => current._id.toString(),
    talent: (current: CaseDoc, _: unknown, context: TalentContext) => context.loaders.talentById.load(current.talentId),
    overdue: (current: CaseDoc, _: unknown, context: TalentContext) => caseOverdue(current, today(context)),
    overdueWorkingDays: (current: CaseDoc, _: unknown, context: TalentContext) =>
      Math.max(0, ...current.items.map((item) => overdueWorkingDays(item, today(context), context.environment.calendar))),
    // The archive, with any events the case holds that are still being copied there.
    timeline: async (current: CaseDoc, _: unknown, context: TalentContext) => {
      const archived = await context.loaders.eventsByCase.load(current._id.toString());
      const stored = new Set(archived.map((event) => event._id));
      const copying = (current.unarchived ?? []).filter((event) => !stored.has(event._id));
      return copying.length === 0 ? archived : [...archived, ...copying].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime() || a._id.localeCompare(b._id));
    },
  },
  CaseItem: {
    department: (item: CaseItemDoc) => upper(item.department),
    delivery: (item: CaseItemDoc) => deliveryView(item),
    overdue: (item: CaseItemDoc, _: unknown, context: TalentContext) => itemOverdue(item, today(context)),
    overdueWorkingDays: (item: CaseItemDoc, _: unknown, context: TalentContext) => overdueWorkingDays(item, today(context), context.environment.calendar),
  },
  CaseEvent: {
    department: (event: CaseEventDoc) => (event.department ? upper(event.department) : null),
  },
  PendingMaterial: {
    name: (material: PendingMaterialDoc) => MATERIALS[material.code as keyof typeof MATERIALS]?.zh ?? material.code,
  },
  Talent: {
    cases: (talent: TalentDoc, _: unknown, context: TalentContext) => context.loaders.casesByTalent.load(talent._id.toString()),
  },
};
