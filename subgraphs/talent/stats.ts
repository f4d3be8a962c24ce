// The window's figures (统计, issue 10): talents by program, district and card status; card
// applications by program, stage and overdue; and the case figures (cases/stats.ts). Each is ONE
// aggregation: an enumerated dimension (program, card status, overdue) becomes one `$facet`
// branch per value, the open one (district, stage) the branch's `$group` field (kit/stats.ts).
// Card status is computed for today as cardStatusOn does (rules.ts, 001 第六条).
import type { GraphQLFieldResolver } from 'graphql';
import type { PipelineStage } from 'mongoose';
import type { Viewer } from '../kit/context';
import { todayInChina } from '../kit/dates';
import { PROGRAMS } from '../kit/programs';
import { aggregateBranches, checkGroupBy, forbiddenFigures, groupOn, guardFigures, suppressSmallGroups, type StatsConfig } from '../kit/stats';
import { FIGURES_ACCESS } from './access';
import { caseStats, type CaseStatsFilter } from './cases/stats';
import type { TalentContext } from './resolvers';

export const TALENT_STATS_DIMENSIONS = ['PROGRAM', 'DISTRICT', 'CARD_STATUS'] as const;
export const CARD_APPLICATION_STATS_DIMENSIONS = ['PROGRAM', 'STAGE', 'OVERDUE'] as const;

/** The main card's status today as a `$match` (rules.ts cardStatusOn, 001 第六条). */
function cardStatusMatch(status: string, today: string): Record<string, unknown> {
  const movedToContactList = { $and: [{ 'mainCard.contactListFrom': { $ne: null } }, { 'mainCard.contactListFrom': { $lte: today } }] };
  const active = [{ 'mainCard.status': 'ACTIVE' }, { $nor: [movedToContactList] }];
  switch (status) {
    case 'REVOKED':
      return { 'mainCard.status': 'REVOKED' };
    case 'CONTACT_LIST':
      return { $or: [{ 'mainCard.status': 'CONTACT_LIST' }, { $and: [{ 'mainCard.status': 'ACTIVE' }, movedToContactList] }] };
    case 'EXPIRED':
      return { $and: [...active, { 'mainCard.expiresOn': { $lt: today } }] };
    default:
      return { $and: [...active, { 'mainCard.expiresOn': { $gte: today } }] };
  }
}
const CARD_STATUSES = ['ACTIVE', 'CONTACT_LIST', 'REVOKED', 'EXPIRED'] as const;

/** Branches over every combination of the enumerated values (null: not grouped), each ending in `$group` on `path`. */
function branchesOver<A, B>(firsts: A[], seconds: B[], match: (a: A, b: B) => Record<string, unknown>, path: string | null) {
  const branches: Record<string, PipelineStage.FacetPipelineStage[]> = {};
  const names: { name: string; first: A; second: B }[] = [];
  firsts.forEach((first, i) =>
    seconds.forEach((second, j) => {
      const name = `b${i}_${j}`;
      const conditions = match(first, second);
      branches[name] = [...(Object.keys(conditions).length > 0 ? [{ $match: conditions }] : []), groupOn(path)];
      names.push({ name, first, second });
    }),
  );
  return { branches, names };
}

function tableOf<Row extends { count: number }>(rows: Row[], viewer: Viewer | null, config: StatsConfig) {
  const ordered = rows.filter((row) => row.count > 0).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { rows: suppressSmallGroups(ordered, viewer, config.minGroupSize), total: ordered.reduce((sum, row) => sum + row.count, 0), minGroupSize: config.minGroupSize };
}

export async function talentStats(context: TalentContext, groupBy: string[], config: StatsConfig) {
  const dimensions = checkGroupBy(groupBy, TALENT_STATS_DIMENSIONS);
  const today = todayInChina(context.environment.clock());
  const programs: (string | null)[] = dimensions.includes('PROGRAM') ? [...PROGRAMS] : [null];
  const statuses: (string | null)[] = dimensions.includes('CARD_STATUS') ? [...CARD_STATUSES] : [null];
  const { branches, names } = branchesOver(
    programs,
    statuses,
    (program, status) => ({ ...(program ? { program } : {}), ...(status ? cardStatusMatch(status, today) : {}) }),
    dimensions.includes('DISTRICT') ? 'district' : null,
  );
  const results = await aggregateBranches(context.models.Talent, {}, branches);
  const rows = names.flatMap(({ name, first: program, second: cardStatus }) =>
    (results[name] ?? []).map((group) => ({ program, district: dimensions.includes('DISTRICT') ? ((group._id as string | null) ?? null) : null, cardStatus, count: group.count })),
  );
  return tableOf(rows, context.viewer, config);
}

export async function cardApplicationStats(context: TalentContext, groupBy: string[], config: StatsConfig) {
  const dimensions = checkGroupBy(groupBy, CARD_APPLICATION_STATS_DIMENSIONS);
  const today = todayInChina(context.environment.clock());
  const programs: (string | null)[] = dimensions.includes('PROGRAM') ? [...PROGRAMS] : [null];
  const overdues: (boolean | null)[] = dimensions.includes('OVERDUE') ? [true, false] : [null];
  // Overdue as the 督办 list has it (cards/queries.ts): waiting on an office past the stage's last day.
  const late = { status: 'IN_PROGRESS', stageDueOn: { $lt: today } };
  const { branches, names } = branchesOver(
    programs,
    overdues,
    (program, overdue) => ({ ...(program ? { program } : {}), ...(overdue === null ? {} : overdue ? late : { $nor: [late] }) }),
    dimensions.includes('STAGE') ? 'stage' : null,
  );
  const results = await aggregateBranches(context.cardLife.CardApplication, {}, branches);
  const rows = names.flatMap(({ name, first: program, second: overdue }) =>
    (results[name] ?? []).map((group) => ({ program, stage: dimensions.includes('STAGE') ? ((group._id as string | null) ?? null) : null, overdue, count: group.count })),
  );
  return tableOf(rows, context.viewer, config);
}

/** A department's staff count their own department's parts only: the filter names it, or is made to. */
function ownDepartmentOnly(viewer: Viewer | null, filter: CaseStatsFilter | null | undefined): CaseStatsFilter | null | undefined {
  if (viewer?.role !== 'department_staff') return filter;
  const own = viewer.department!.toUpperCase();
  if (filter?.department && filter.department !== own) throw forbiddenFigures(viewer, 'caseStats');
  return { ...filter, department: own };
}

/** The window's figures queries, each checked against FIGURES_ACCESS (access.ts). */
export function talentFiguresResolvers(config: StatsConfig) {
  const resolvers: Record<string, GraphQLFieldResolver<unknown, TalentContext>> = {
    caseStats: (_, args: { groupBy: string[]; filter?: CaseStatsFilter | null }, context) =>
      caseStats(context.cases, { ...args, filter: ownDepartmentOnly(context.viewer, args.filter) }, context.viewer, todayInChina(context.environment.clock()), config),
    talentStats: (_, args: { groupBy: string[] }, context) => talentStats(context, args.groupBy, config),
    cardApplicationStats: (_, args: { groupBy: string[] }, context) => cardApplicationStats(context, args.groupBy, config),
  };
  return guardFigures(resolvers, FIGURES_ACCESS);
}
