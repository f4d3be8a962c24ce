// 户政人社 figures (统计, issue 10): hukou transfers in progress by their current step (the first
// of the five not yet done, 000 一（二）), and transfers by status — one aggregation.
import { todayInChina } from '../kit/dates';
import { aggregateBranches, departmentCounts, groupOn, guardFigures, keyedRows, type StatsConfig } from '../kit/stats';
import { FIGURES_ACCESS } from './access';
import type { HouseholdContext } from './context';
import { HUKOU_STEP_LABELS, HUKOU_STEPS, HUKOU_TRANSFER_STATUSES, type HukouStep } from './rules';

const STATUS_ZH: Record<string, string> = { IN_PROGRESS: '办理中', SETTLED: '已落户', REJECTED: '不予办理', WITHDRAWN: '已撤回' };

/** In progress and waiting at `step`: every earlier step done, this one not. */
function atStep(index: number): Record<string, unknown> {
  return { status: 'IN_PROGRESS', [`steps.${index}.completedAt`]: null, ...(index > 0 ? { [`steps.${index - 1}.completedAt`]: { $ne: null } } : {}) };
}

export async function householdStats(context: HouseholdContext, config: StatsConfig) {
  const year = todayInChina(context.services.environment.clock()).slice(0, 4);
  const branches = Object.fromEntries([
    ...HUKOU_STEPS.map((step, index) => [step, [{ $match: atStep(index) }, groupOn(null)]]),
    ['byStatus', [groupOn('status')]],
    ['settledThisYear', [{ $match: { status: 'SETTLED', settledOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } } }, groupOn(null)]],
  ]);
  const results = await aggregateBranches(context.services.models.HukouTransfer, {}, branches);
  return departmentCounts(
    [
      { metric: 'HUKOU_IN_PROGRESS_BY_STEP', label: '办理中的落户（按当前步骤）', rows: HUKOU_STEPS.map((step: HukouStep) => ({ key: step, keyLabel: HUKOU_STEP_LABELS[step], count: results[step]?.[0]?.count ?? 0 })) },
      { metric: 'HUKOU_TRANSFERS_BY_STATUS', label: '落户申请（按状态）', rows: keyedRows(results.byStatus, HUKOU_TRANSFER_STATUSES, (key) => STATUS_ZH[key] ?? key) },
      { metric: 'HUKOU_SETTLED_THIS_YEAR', label: `${year} 年已落户`, rows: [{ key: null, keyLabel: null, count: results.settledThisYear?.[0]?.count ?? 0 }] },
    ],
    context.viewer,
    config.minGroupSize,
  );
}

export const householdStatsResolvers = (config: StatsConfig) => guardFigures<HouseholdContext>({ householdStats: (_, __, context) => householdStats(context, config) }, FIGURES_ACCESS);
