// Figures (统计, issue 10): counts computed where the data lives, one aggregation per subgraph per
// request whatever the grouping, and for analysts no group small enough to point at a person.
//
// The engine: MongoDB aggregation with `$facet` branches of `$match` + `$group` on one field path
// and `$sum` — what a real mongod and the embedded jongodb both run. (jongodb groups on a single
// field path only and evaluates no expressions in `$group`/`$project`, so a combination of
// dimensions is grouped on a key stored with the record — see talent/cases/figures.ts — or one
// `$facet` branch per value of an enumerated dimension.)
//
// Who reads figures is declared in each subgraph's access.ts (`FIGURES_ACCESS`), beside its other
// rules: coordinators and analysts read all figures, a department's staff their own department's,
// window specialists the case figures. Analysts read counts only, and a group smaller than
// STATS_MIN_GROUP_SIZE (default 5) is suppressed for them — and, when exactly one group of a table
// would be suppressed, the next-smallest too, so the total minus the others does not give it away.
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import type { PipelineStage } from 'mongoose';
import { readPositiveInt, type Env } from './config';
import type { BaseContext, Viewer } from './context';
import type { DepartmentName } from './departments';
import { badUserInput } from './errors';
import { inputFormat } from './input-format';

export const DEFAULT_MIN_GROUP_SIZE = 5;

export interface StatsConfig {
  /** Groups smaller than this are suppressed for analysts. */
  minGroupSize: number;
}

/** Read once when a subgraph is built: a bad STATS_MIN_GROUP_SIZE stops it at start, naming the setting. */
export function readStatsConfig(env: Env = process.env): StatsConfig {
  return { minGroupSize: readPositiveInt(env, 'STATS_MIN_GROUP_SIZE', DEFAULT_MIN_GROUP_SIZE) };
}

// ---- who may read figures ----

/** Whether the viewer may read a figures query. */
export type FiguresRule = (viewer: Viewer) => boolean;

const everyFigure = (viewer: Viewer) => viewer.role === 'coordinator' || viewer.role === 'analyst' || viewer.role === 'service';
/** Talents and card applications: coordinators and analysts. */
export const allFiguresReaders: FiguresRule = everyFigure;
/** Case figures: coordinators, analysts and the window's specialists; a department's staff those of its own parts (the resolver narrows them). */
export const caseFiguresReaders: FiguresRule = (viewer) => everyFigure(viewer) || viewer.role === 'specialist' || (viewer.role === 'department_staff' && !!viewer.department);
/** A department's own figures: coordinators, analysts and that department's staff. */
export const departmentFiguresReaders =
  (department: DepartmentName): FiguresRule =>
  (viewer) =>
    everyFigure(viewer) || (viewer.role === 'department_staff' && viewer.department === department);

export function forbiddenFigures(viewer: Viewer | null, field: string): GraphQLError {
  return new GraphQLError(`无权查看统计 ${field}（${viewer?.role ?? 'this caller'} may not read these figures）`, {
    extensions: { code: 'FORBIDDEN', role: viewer?.role ?? null, field: `Query.${field}` },
  });
}

/**
 * The figures queries of a subgraph, each checked against its rule before it runs. A figures query
 * without a rule is a start-up error, as for mutations (kit/mutation-access.ts).
 */
export function guardFigures<Ctx extends BaseContext>(resolvers: Record<string, GraphQLFieldResolver<unknown, Ctx>>, rules: Record<string, FiguresRule>): { Query: Record<string, GraphQLFieldResolver<unknown, Ctx>> } {
  const guarded: Record<string, GraphQLFieldResolver<unknown, Ctx>> = {};
  for (const [field, resolve] of Object.entries(resolvers)) {
    const rule = rules[field];
    if (!rule) throw new Error(`figures query Query.${field} has no read rule in FIGURES_ACCESS`);
    guarded[field] = (parent, args, context, info) => {
      if (!context.viewer || !rule(context.viewer)) throw forbiddenFigures(context.viewer, field);
      return resolve(parent, args, context, info);
    };
  }
  return { Query: guarded };
}

// ---- arguments ----

/** A non-empty list of distinct dimensions, each one of `allowed`; BAD_USER_INPUT naming the argument otherwise. */
export function checkGroupBy<T extends string>(groupBy: readonly string[], allowed: readonly T[], argument = 'groupBy'): T[] {
  if (groupBy.length === 0) throw badUserInput(argument, '请至少选择一个分组维度', 'name at least one dimension to group by', inputFormat('INPUT_EMPTY'));
  const repeated = groupBy.filter((dimension, index) => groupBy.indexOf(dimension) !== index);
  if (repeated.length > 0) throw badUserInput(argument, `分组维度重复：${[...new Set(repeated)].join('、')}`, `dimensions named twice: ${[...new Set(repeated)].join(', ')}`, inputFormat('INPUT_ITEM_DUPLICATE'));
  const unknown = groupBy.filter((dimension) => !allowed.includes(dimension as T));
  if (unknown.length > 0) throw badUserInput(argument, `未知分组维度：${unknown.join('、')}`, `unknown dimensions: ${unknown.join(', ')}`, inputFormat('INPUT_CHOICE'));
  return groupBy as T[];
}

/** A district as the registry writes it: Chinese, ending in 区, 县 or 市 (e.g. 白云区). */
const DISTRICT = /^[\u4e00-\u9fff]{1,10}[区县市]$/u;

export function checkDistrict(district: string | null | undefined, argument: string): string | null {
  if (district === undefined || district === null) return null;
  if (!DISTRICT.test(district)) throw badUserInput(argument, `区名格式不正确，应如「白云区」`, 'a district is written like 白云区', inputFormat('INPUT_DISTRICT'));
  return district;
}

// ---- aggregation ----

/** One group as `$group` returns it: its key (a field's value) and the `$sum`s asked for. */
export type GroupRow = { _id: unknown; count: number } & Record<string, unknown>;

/**
 * Runs the branches as ONE aggregate command (`$match` on `base`, then `$facet`): each branch's
 * pipeline ends in a `$group`. An empty branch list asks nothing of the database.
 */
export async function aggregateBranches(model: Aggregating, base: Record<string, unknown>, branches: Record<string, PipelineStage.FacetPipelineStage[]>): Promise<Record<string, GroupRow[]>> {
  if (Object.keys(branches).length === 0) return {};
  const pipeline: PipelineStage[] = [...(Object.keys(base).length > 0 ? [{ $match: base }] : []), { $facet: branches }];
  const [result] = (await model.aggregate(pipeline)) as Record<string, GroupRow[]>[];
  return result ?? {};
}

/** Any mongoose model, for its `aggregate` alone. */
export interface Aggregating {
  aggregate(pipeline: PipelineStage[]): PromiseLike<unknown[]>;
}

/** `$group` on one field path (or everything, for `null`), counting and summing the given paths. */
export function groupOn(path: string | null, sums: Record<string, string> = {}): PipelineStage.FacetPipelineStage {
  const accumulators = Object.fromEntries(Object.entries(sums).map(([name, field]) => [name, { $sum: field }]));
  return { $group: { _id: path === null ? null : `$${path}`, count: { $sum: 1 }, ...accumulators } };
}

// ---- suppression ----

export interface Counted {
  count: number | null;
  suppressed: boolean;
}

/**
 * Suppresses, for analysts, every group of 1 to threshold − 1 (an empty group names nobody); when
 * exactly one would be, the next-smallest non-empty group is too (the total minus the others would otherwise give it away). Everyone else
 * reads the exact counts. Rows keep their order.
 */
export function suppressSmallGroups<Row extends { count: number }>(rows: Row[], viewer: Viewer | null, minGroupSize: number): (Omit<Row, 'count'> & Counted)[] {
  const hidden = new Set<number>();
  if (viewer?.role === 'analyst') {
    rows.forEach((row, index) => {
      if (row.count > 0 && row.count < minGroupSize) hidden.add(index);
    });
    if (hidden.size === 1 && rows.length > 1) {
      const next = rows
        .map((row, index) => ({ count: row.count, index }))
        .filter(({ count, index }) => count > 0 && !hidden.has(index))
        .sort((a, b) => a.count - b.count)[0];
      if (next) hidden.add(next.index);
    }
  }
  return rows.map((row, index) => ({ ...row, count: hidden.has(index) ? null : row.count, suppressed: hidden.has(index) }));
}

// ---- a department's own figures ----

/** One of a department's figures (schema type DepartmentCount, shared by every department). */
export interface DepartmentCount {
  metric: string;
  label: string;
  key: string | null;
  keyLabel: string | null;
  count: number | null;
  suppressed: boolean;
}

export interface MetricRows {
  metric: string;
  label: string;
  /** The metric's groups; `key: null` for a metric that is one number. */
  rows: { key: string | null; keyLabel: string | null; count: number }[];
}

/**
 * A department's figures as the schema returns them: each metric's groups in a stable order (the
 * order given, then by key), suppressed per metric for analysts.
 */
export function departmentCounts(metrics: MetricRows[], viewer: Viewer | null, minGroupSize: number): DepartmentCount[] {
  return metrics.flatMap((metric) => suppressSmallGroups(metric.rows, viewer, minGroupSize).map((row) => ({ metric: metric.metric, label: metric.label, ...row })));
}

/** Groups as metric rows: the `$group` key labelled, zero-count keys of `keys` included so a table has every row. */
export function keyedRows(groups: GroupRow[] | undefined, keys: readonly string[], label: (key: string) => string): MetricRows['rows'] {
  const counts = new Map((groups ?? []).map((group) => [String(group._id), group.count]));
  const extra = [...counts.keys()].filter((key) => !keys.includes(key)).sort();
  return [...keys, ...extra].map((key) => ({ key, keyLabel: label(key), count: counts.get(key) ?? 0 }));
}

/** The count of a `$group` on `null` (one number), 0 when nothing matched. */
export function totalOf(groups: GroupRow[] | undefined): number {
  return groups?.[0]?.count ?? 0;
}
