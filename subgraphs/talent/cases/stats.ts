// caseStats (统计, issue 10): case figures for the 督办 board and analysts, in ONE aggregation
// whatever the grouping. Cases are counted, or — when DEPARTMENT or SERVICE is grouped — case
// items (a case with three departments counts once in each). The fixed dimensions come from the key
// stored at intake (figures.ts); status and overdue are matched per `$facet` branch. Overdue is
// 004 第十七条 (an open item past its last day), on the environment's clock.
import type { PipelineStage } from 'mongoose';
import type { Viewer } from '../../kit/context';
import { DEPARTMENT_NAMES } from '../../kit/departments';
import { aggregateBranches, checkDistrict, checkGroupBy, groupOn, suppressSmallGroups, type GroupRow, type StatsConfig } from '../../kit/stats';
import type { CaseModels, CaseStatus } from '../case-model';
import type { CaseKey, ItemKey } from './figures';
import { acceptedRange } from './queries';

export const CASE_STATS_DIMENSIONS = ['STATUS', 'DEPARTMENT', 'SERVICE', 'OVERDUE', 'WEEK', 'PROGRAM', 'DISTRICT'] as const;
export type CaseStatsDimension = (typeof CASE_STATS_DIMENSIONS)[number];
const CASE_STATUSES: CaseStatus[] = ['RECEIVED', 'IN_PROGRESS', 'READY_FOR_DELIVERY', 'DELIVERED', 'REJECTED', 'WITHDRAWN'];

export interface CaseStatsFilter {
  status?: CaseStatus | null;
  department?: string | null;
  overdue?: boolean | null;
  program?: string | null;
  district?: string | null;
  acceptedFrom?: string | null;
  acceptedTo?: string | null;
}

export interface CaseStatsRow {
  status: CaseStatus | null;
  department: string | null;
  service: string | null;
  overdue: boolean | null;
  week: string | null;
  program: string | null;
  district: string | null;
  count: number | null;
  suppressed: boolean;
  avgWorkingDaysTaken: number | null;
  limitWorkingDays: number | null;
}

interface Group {
  key: Omit<CaseStatsRow, 'count' | 'suppressed' | 'avgWorkingDaysTaken' | 'limitWorkingDays'>;
  count: number;
  limit: number;
  counted: number;
  taken: number;
  finished: number;
}

/** The `$match` of the case itself: what every branch shares. */
function baseMatch(filter: CaseStatsFilter | null | undefined): Record<string, unknown> {
  const match: Record<string, unknown> = {};
  if (filter?.status) match.status = filter.status;
  if (filter?.program) match.program = filter.program;
  const district = checkDistrict(filter?.district, 'filter.district');
  if (district) match.district = district;
  const accepted = acceptedRange(filter);
  if (accepted) match.acceptedAt = accepted;
  if (filter?.department) match['items.department'] = filter.department.toLowerCase();
  return match;
}

function overdueMatch(overdue: boolean, perItem: boolean, today: string): Record<string, unknown> {
  if (perItem) return overdue ? { 'items.open': true, 'items.dueOn': { $lt: today } } : { $or: [{ 'items.open': false }, { 'items.dueOn': { $gte: today } }] };
  const late = { items: { $elemMatch: { open: true, dueOn: { $lt: today } } } };
  return overdue ? late : { $nor: [late] };
}

const round = (value: number) => Math.round(value * 100) / 100;

export async function caseStats(models: CaseModels, args: { groupBy: string[]; filter?: CaseStatsFilter | null }, viewer: Viewer | null, today: string, config: StatsConfig) {
  const dimensions = checkGroupBy(args.groupBy, CASE_STATS_DIMENSIONS);
  const grouped = (dimension: CaseStatsDimension) => dimensions.includes(dimension);
  const filter = args.filter;
  const perItem = grouped('DEPARTMENT') || grouped('SERVICE');
  const base = baseMatch(filter);
  // One branch per status and overdue value that is grouped (or filtered); the rest is the stored key.
  const statuses: (CaseStatus | null)[] = grouped('STATUS') && !filter?.status ? CASE_STATUSES : [filter?.status ?? null];
  const overdues: (boolean | null)[] = typeof filter?.overdue === 'boolean' ? [filter.overdue] : grouped('OVERDUE') ? [true, false] : [null];
  const prefix = perItem ? 'items.figures' : 'figures';
  const branches: Record<string, PipelineStage.FacetPipelineStage[]> = {};
  for (const status of statuses) {
    for (const overdue of overdues) {
      const stages: PipelineStage.FacetPipelineStage[] = [];
      if (status && !filter?.status) stages.push({ $match: { status } });
      if (perItem) {
        stages.push({ $unwind: '$items' });
        if (filter?.department) stages.push({ $match: { 'items.department': filter.department.toLowerCase() } });
      }
      if (overdue !== null) stages.push({ $match: overdueMatch(overdue, perItem, today) });
      stages.push(groupOn(`${prefix}.key`, { limit: `$${prefix}.limit`, counted: `$${prefix}.counted`, taken: `$${prefix}.taken`, finished: `$${prefix}.finished` }));
      branches[`${status ?? 'ANY'}_${overdue === null ? 'ANY' : overdue ? 'LATE' : 'ON_TIME'}`] = stages;
    }
  }
  const results = await aggregateBranches(models.Case, base, branches);

  const groups = new Map<string, Group>();
  for (const status of statuses) {
    for (const overdue of overdues) {
      for (const row of results[`${status ?? 'ANY'}_${overdue === null ? 'ANY' : overdue ? 'LATE' : 'ON_TIME'}`] ?? []) {
        const key = rowKey(row, perItem, grouped, grouped('STATUS') ? status : null, grouped('OVERDUE') ? overdue : null);
        const id = JSON.stringify(key);
        const group = groups.get(id) ?? { key, count: 0, limit: 0, counted: 0, taken: 0, finished: 0 };
        group.count += row.count;
        group.limit += Number(row.limit ?? 0);
        group.counted += Number(row.counted ?? 0);
        group.taken += Number(row.taken ?? 0);
        group.finished += Number(row.finished ?? 0);
        groups.set(id, group);
      }
    }
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, group]) => group);
  const total = ordered.reduce((sum, group) => sum + group.count, 0);
  const rows = suppressSmallGroups(
    ordered.map((group) => ({ ...group.key, count: group.count, group })),
    viewer,
    config.minGroupSize,
  ).map(({ group, ...row }): CaseStatsRow => ({
    ...row,
    avgWorkingDaysTaken: row.suppressed || group.finished === 0 ? null : round(group.taken / group.finished),
    limitWorkingDays: row.suppressed || group.counted === 0 ? null : round(group.limit / group.counted),
  }));
  return { rows, total, minGroupSize: config.minGroupSize };
}

/** The row's dimensions from its stored key (null throughout for a record from before figures). */
function rowKey(row: GroupRow, perItem: boolean, grouped: (dimension: CaseStatsDimension) => boolean, status: CaseStatus | null, overdue: boolean | null): Group['key'] {
  const stored = typeof row._id === 'string' ? (JSON.parse(row._id) as CaseKey | ItemKey) : null;
  const [program, district, week] = stored ?? [null, null, null];
  const [department, service] = perItem && stored ? (stored as ItemKey).slice(3) : [null, null];
  return {
    status,
    department: grouped('DEPARTMENT') && department && (DEPARTMENT_NAMES as readonly string[]).includes(department) ? department.toUpperCase() : null,
    service: grouped('SERVICE') ? (service ?? null) : null,
    overdue,
    week: grouped('WEEK') ? (week ?? null) : null,
    program: grouped('PROGRAM') ? (program ?? null) : null,
    district: grouped('DISTRICT') ? (district ?? null) : null,
  };
}
