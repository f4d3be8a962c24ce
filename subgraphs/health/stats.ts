// 卫健局 figures (统计, issue 10): this year's checkups by kind and status (000 十、十一), and the
// family-doctor contracts in force today by package (002 八（四）) — one aggregation over both
// collections ($unionWith; each branch picks its own records by a field only they have).
import { todayInChina } from '../kit/dates';
import { aggregateBranches, departmentCounts, groupOn, guardFigures, keyedRows, type StatsConfig } from '../kit/stats';
import { FIGURES_ACCESS } from './access';
import type { HealthContext } from './context';

const KINDS = ['HEALTH_CHECKUP', 'UNION_CHECKUP'] as const;
const KIND_ZH: Record<string, string> = { HEALTH_CHECKUP: '年度免费体检', UNION_CHECKUP: '工会基础体检' };
const STATUS_ZH: Record<string, string> = { BOOKED: '已预约', DONE: '已完成', CANCELLED: '已取消' };
const PACKAGE_ZH: Record<string, string> = { FREE: '免费服务包', BASIC: '基础服务包' };

export async function healthStats(context: HealthContext, config: StatsConfig) {
  const models = context.services.models;
  const today = todayInChina(context.services.environment.clock());
  const year = Number(today.slice(0, 4));
  const results = await aggregateBranches(
    { aggregate: (pipeline) => models.CheckupBooking.aggregate([{ $unionWith: { coll: models.FamilyDoctorContract.collection.collectionName } }, ...pipeline]) },
    {},
    {
      ...Object.fromEntries(KINDS.map((kind) => [kind, [{ $match: { kind, year } }, groupOn('status')]])),
      contracts: [{ $match: { package: { $exists: true }, startsOn: { $lte: today }, endsOn: { $gte: today } } }, groupOn('package')],
    },
  );
  return departmentCounts(
    [
      ...KINDS.map((kind) => ({ metric: `CHECKUPS_THIS_YEAR_${kind}`, label: `${year} 年${KIND_ZH[kind]}（按状态）`, rows: keyedRows(results[kind], ['BOOKED', 'DONE', 'CANCELLED'], (key) => STATUS_ZH[key] ?? key) })),
      { metric: 'FAMILY_DOCTOR_CONTRACTS_IN_FORCE', label: '生效中的家庭医生签约（按服务包）', rows: keyedRows(results.contracts, ['FREE', 'BASIC'], (key) => PACKAGE_ZH[key] ?? key) },
    ],
    context.viewer,
    config.minGroupSize,
  );
}

export const healthStatsResolvers = (config: StatsConfig) => guardFigures<HealthContext>({ healthStats: (_, __, context) => healthStats(context, config) }, FIGURES_ACCESS);
