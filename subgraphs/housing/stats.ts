// 住建局 figures (统计, issue 10): the talent-apartment waitlist's length per project, allocations
// per project, and applications by status — one aggregation.
import { aggregateBranches, departmentCounts, groupOn, guardFigures, keyedRows, type StatsConfig } from '../kit/stats';
import { FIGURES_ACCESS } from './access';
import { STATUS_ZH } from './application-rules';
import type { HousingContext } from './context';
import { APARTMENT_APPLICATION_STATUSES } from './rules';

export async function housingStats(context: HousingContext, config: StatsConfig) {
  const results = await aggregateBranches(context.services.models.TalentApartmentApplication, {}, {
    waitlisted: [{ $match: { status: 'WAITLISTED' } }, groupOn('project')],
    allocated: [{ $match: { status: 'ALLOCATED' } }, groupOn('project')],
    byStatus: [groupOn('status')],
  });
  const byProject = (key: string) => key;
  return departmentCounts(
    [
      { metric: 'APARTMENT_WAITLIST_BY_PROJECT', label: '人才公寓轮候人数（按项目）', rows: keyedRows(results.waitlisted, [], byProject) },
      { metric: 'APARTMENT_ALLOCATED_BY_PROJECT', label: '人才公寓已配租（按项目）', rows: keyedRows(results.allocated, [], byProject) },
      { metric: 'APARTMENT_APPLICATIONS_BY_STATUS', label: '人才公寓申请（按状态）', rows: keyedRows(results.byStatus, APARTMENT_APPLICATION_STATUSES, (key) => STATUS_ZH[key as keyof typeof STATUS_ZH] ?? key) },
    ],
    context.viewer,
    config.minGroupSize,
  );
}

export const housingStatsResolvers = (config: StatsConfig) => guardFigures<HousingContext>({ housingStats: (_, __, context) => housingStats(context, config) }, FIGURES_ACCESS);
