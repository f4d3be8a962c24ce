import type { Connection, Model, QueryFilter } from 'mongoose';
import type { AuditEventDoc } from './audit';
import type { Poller } from '../kit/poller';
import type { SubgraphEnvironment } from '../kit/subgraph';
import type { CaseModels } from './case-model';
import type { BaseContext } from '../kit/context';
import { parseObjectId } from '../kit/ids';
import { checkPageSize, decodeCursor, encodeCursor } from '../kit/pagination';
import { DateScalar } from '../kit/scalars';
import { ageOn, todayInChina } from '../kit/dates';
import { badUserInput } from '../kit/errors';
import { inputFormat } from '../kit/input-format';
import type { Resolvers } from '../kit/subgraph';
import type { TalentLoaders } from './loaders';
import type { CardLifeLoaders } from './cards/loaders';
import type { CardLifeModels } from './cards/model';
import type { TalentDoc, TalentModels } from './model';
import { maskIdNumber, maskPhone, reveal } from '../kit/pii';
import { checkFilterReads, checkOwnTalent, talentScope } from '../kit/read-access';
import { READ_ACCESS } from './access';
import type { Viewer } from '../kit/context';
import { affiliatedCardStatusOn, cardStatusOn, eligibilityCategory, mainCardStatusFilter, type CardStatus } from './rules';
import type { VerificationLimiter } from './cards/verification';

export interface TalentContext extends BaseContext {
  connection: Connection;
  environment: SubgraphEnvironment;
  models: TalentModels;
  cases: CaseModels;
  /** The case dispatcher (cases/dispatch.ts): kicked when a case has parts to hand out. */
  dispatches: Poller;
  /** The audit archive (audit.ts). */
  audits: Model<AuditEventDoc>;
  loaders: TalentLoaders;
  /** Registered people and card applications (cards/): the card's life before and beside the registry. */
  cardLife: CardLifeModels;
  cardLoaders: CardLifeLoaders;
  /** 003 九（四）: verifyCard's per-asker limit (cards/verification.ts), one per window process. */
  verifications: VerificationLimiter;
}

/** A card as stored; a 副卡 travels with its main card, from which its status and period are computed. */
type CardDoc = TalentDoc['mainCard'] & { main?: TalentDoc['mainCard'] };
const todayOf = (context: TalentContext) => todayInChina(context.environment.clock());
type FamilyDoc = Pick<TalentDoc['family'][number], '_id' | 'name' | 'relation' | 'gender' | 'birthDate' | 'idDocument' | 'cardNumber'> & { ownerTalentId?: string };
type OwnedIdDocument = TalentDoc['idDocument'] & { ownerTalentId: string };

interface TalentFilter {
  program?: string | null;
  district?: string | null;
  cardStatus?: CardStatus | null;
  search?: string | null;
}

const MAX_SEARCH_LENGTH = 50;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The filter, within what the viewer may list: a talent lists only themself; analysts may not search by name. */
function talentQuery(filter: TalentFilter | null | undefined, today: string, viewer: Viewer | null): QueryFilter<TalentDoc> {
  const conditions: QueryFilter<TalentDoc>[] = [];
  const scope = talentScope(viewer);
  if (scope !== null) conditions.push({ _id: scope });
  if (filter?.program) conditions.push({ program: filter.program });
  if (filter?.district) conditions.push({ district: filter.district });
  if (filter?.cardStatus) conditions.push(mainCardStatusFilter(filter.cardStatus, today));
  const search = filter?.search?.trim();
  checkFilterReads(viewer, 'talent', READ_ACCESS, filter, { search: 'Talent.name' });
  if (search) {
    if (search.length > MAX_SEARCH_LENGTH) {
      throw badUserInput('filter.search', `搜索词不能超过 ${MAX_SEARCH_LENGTH} 个字`, `search must be at most ${MAX_SEARCH_LENGTH} characters`, inputFormat('INPUT_TOO_LONG'));
    }
    const pattern = new RegExp(escapeRegex(search), 'i');
    conditions.push({ $or: [{ name: pattern }, { employer: pattern }] });
  }
  return conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : { $and: conditions };
}

export const talentResolvers: Resolvers<TalentContext> = {
  Date: DateScalar,
  Query: {
    talent: (_: unknown, args: { id: string }, context: TalentContext) => {
      const id = parseObjectId(args.id, 'id').toString();
      checkOwnTalent(context.viewer, id);
      return context.loaders.talentById.load(id);
    },

    talents: async (_: unknown, args: { first: number; after?: string | null; filter?: TalentFilter | null }, context: TalentContext) => {
      const first = checkPageSize(args.first);
      const filter = talentQuery(args.filter, todayOf(context), context.viewer);
      const afterId = args.after ? parseObjectId(decodeCursor(args.after), 'after') : null;
      const page = afterId ? { $and: [filter, { _id: { $gt: afterId } }] } : filter;
      const [rows, totalCount] = await Promise.all([
        first === 0 ? [] : context.models.Talent.find(page).sort({ _id: 1 }).limit(first + 1).lean<TalentDoc[]>(),
        context.models.Talent.countDocuments(filter),
      ]);
      const nodes = rows.slice(0, first);
      // Pages are read straight from the database: prime the loader so entity lookups reuse them.
      for (const node of nodes) context.loaders.talentById.prime(node._id.toString(), node);
      const edges = nodes.map((node) => ({ cursor: encodeCursor(node._id.toString()), node }));
      return {
        edges,
        totalCount,
        pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
  },

  Talent: {
    __resolveReference: (reference: { id: string }, context: TalentContext) => {
      checkOwnTalent(context.viewer, reference.id);
      return context.loaders.talentById.load(reference.id);
    },
    id: (talent: TalentDoc) => talent._id.toString(),
    phone: (talent: TalentDoc, args: { full: boolean }, context: TalentContext) => reveal({ value: talent.phone, mask: maskPhone, field: 'Talent.phone', ownerTalentId: talent._id.toString(), owner: 'talent' }, args.full, context),
    // The owner travels with the document, so its number knows whose it is.
    idDocument: (talent: TalentDoc): OwnedIdDocument => ({ ...talent.idDocument, ownerTalentId: talent._id.toString() }),
    cards: (talent: TalentDoc): CardDoc[] => [talent.mainCard, ...talent.affiliatedCards.map((card) => ({ ...card, main: talent.mainCard }))],
    assessments: (talent: TalentDoc) => talent.assessments ?? [],
    cardChanges: (talent: TalentDoc) => talent.cardChanges ?? [],
    cardHistory: (talent: TalentDoc) => talent.cardHistory ?? [],
    family: (talent: TalentDoc): FamilyDoc[] => talent.family.map((member) => ({ ...member, ownerTalentId: talent._id.toString() })),
  },

  Card: {
    // Computed for the day on the subgraph's clock (001 第六条（一）: CONTACT_LIST only from the next month).
    status: (card: CardDoc, _: unknown, context: TalentContext) => (card.main ? affiliatedCardStatusOn(card.status, card.main, todayOf(context)) : cardStatusOn(card, todayOf(context))),
    // 副卡 follow their main card: its period, its contact-list date, its termination (computed, not copied).
    expiresOn: (card: CardDoc) => (card.main ?? card).expiresOn,
    contactListFrom: (card: CardDoc) => (card.main ?? card).contactListFrom ?? null,
    contactListReason: (card: CardDoc) => (card.main ?? card).contactListReason ?? null,
    terminatedOn: (card: CardDoc) => card.terminatedOn ?? card.main?.terminatedOn ?? null,
    terminationGround: (card: CardDoc) => card.terminationGround ?? card.main?.terminationGround ?? null,
    terminationReason: (card: CardDoc) => card.terminationReason ?? card.main?.terminationReason ?? null,
    retiredOn: (card: CardDoc) => (card.main ?? card).retiredOn ?? null,
    eligibility: (card: CardDoc) => eligibilityCategory(card.eligibilityCode),
  },

  IdDocument: {
    number: (document: OwnedIdDocument, args: { full: boolean }, context: TalentContext) => reveal({ value: document.number, mask: maskIdNumber, field: 'IdDocument.number', ownerTalentId: document.ownerTalentId, owner: 'talent' }, args.full, context),
  },

  FamilyMember: {
    id: (member: FamilyDoc) => member._id.toString(),
    idDocument: (member: FamilyDoc): OwnedIdDocument => ({ ...member.idDocument, ownerTalentId: member.ownerTalentId ?? '' }),
    minor: (member: FamilyDoc, _: unknown, context: TalentContext) => ageOn(member.birthDate, todayOf(context)) < 18,
  },
};
