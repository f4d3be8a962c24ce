// 便捷通关 / 出入境 figures (统计, issue 10): airport VIP services used this year and still booked,
// by scope (000 十三（三）: two a year), and exit-entry items by status — one aggregation over both
// collections ($unionWith; each branch picks its own records by a field only they have).
import { todayInChina } from '../kit/dates';
import { aggregateBranches, departmentCounts, groupOn, guardFigures, keyedRows, type StatsConfig } from '../kit/stats';
import { FIGURES_ACCESS } from './access';
import type { CustomsContext } from './context';
import { AIRPORT_SERVICE_SCOPES, EXIT_ENTRY_ITEM_STATUSES } from './rules';

const SCOPE_ZH: Record<string, string> = { DOMESTIC: '国内贵宾接送机', INTERNATIONAL: '国际嘉宾接送机' };
const EXIT_ENTRY_STATUS_ZH: Record<string, string> = { RECEIVED: '已受理', IN_PROGRESS: '办理中', COMPLETED: '已办结', REJECTED: '不予办理' };

export async function customsStats(context: CustomsContext, config: StatsConfig) {
  const models = context.services.models;
  const year = todayInChina(context.services.environment.clock()).slice(0, 4);
  // The year in China Standard Time, as the allowance counts it.
  const thisYear = { $gte: new Date(`${year}-01-01T00:00:00+08:00`), $lt: new Date(`${Number(year) + 1}-01-01T00:00:00+08:00`) };
  const results = await aggregateBranches(
    { aggregate: (pipeline) => models.AirportServiceBooking.aggregate([{ $unionWith: { coll: models.ExitEntryItem.collection.collectionName } }, ...pipeline]) },
    {},
    {
      served: [{ $match: { scope: { $exists: true }, status: 'SERVED', flightTime: thisYear } }, groupOn('scope')],
      booked: [{ $match: { scope: { $exists: true }, status: 'BOOKED', flightTime: thisYear } }, groupOn('scope')],
      exitEntry: [{ $match: { kind: { $exists: true } } }, groupOn('status')],
    },
  );
  return departmentCounts(
    [
      { metric: 'AIRPORT_SERVICES_USED_THIS_YEAR', label: `${year} 年已使用的贵宾接送机服务`, rows: keyedRows(results.served, AIRPORT_SERVICE_SCOPES, (key) => SCOPE_ZH[key] ?? key) },
      { metric: 'AIRPORT_SERVICES_BOOKED_THIS_YEAR', label: `${year} 年已预约待服务的贵宾接送机服务`, rows: keyedRows(results.booked, AIRPORT_SERVICE_SCOPES, (key) => SCOPE_ZH[key] ?? key) },
      { metric: 'EXIT_ENTRY_ITEMS_BY_STATUS', label: '出入境事项（按状态）', rows: keyedRows(results.exitEntry, EXIT_ENTRY_ITEM_STATUSES, (key) => EXIT_ENTRY_STATUS_ZH[key] ?? key) },
    ],
    context.viewer,
    config.minGroupSize,
  );
}

export const customsStatsResolvers = (config: StatsConfig) => guardFigures<CustomsContext>({ customsStats: (_, __, context) => customsStats(context, config) }, FIGURES_ACCESS);
