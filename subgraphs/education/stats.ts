// 教育局 figures (统计, issue 10): children's enrolment requests by level, and by status within
// each level (000 八) — one aggregation, one branch per level.
import { aggregateBranches, departmentCounts, groupOn, guardFigures, keyedRows, type StatsConfig } from '../kit/stats';
import { SCHOOL_LEVELS } from '../kit/school-age';
import { FIGURES_ACCESS } from './access';
import type { EducationContext } from './context';
import { ENROLMENT_STATUSES } from './rules';

const LEVEL_ZH: Record<string, string> = { KINDERGARTEN: '幼儿园', PRIMARY: '小学', JUNIOR_SECONDARY: '初中' };
const STATUS_ZH: Record<string, string> = { RECEIVED: '已受理', PLACED: '已安排学位', WAITLISTED: '待安排', WITHDRAWN: '已撤回' };

export async function educationStats(context: EducationContext, config: StatsConfig) {
  const results = await aggregateBranches(
    context.services.models.SchoolEnrolment,
    {},
    Object.fromEntries(SCHOOL_LEVELS.map((level) => [level, [{ $match: { level } }, groupOn('status')]])),
  );
  return departmentCounts(
    SCHOOL_LEVELS.map((level) => ({
      metric: `ENROLMENTS_${level}_BY_STATUS`,
      label: `子女入学申请：${LEVEL_ZH[level]}（按状态）`,
      rows: keyedRows(results[level], ENROLMENT_STATUSES, (key) => STATUS_ZH[key] ?? key),
    })),
    context.viewer,
    config.minGroupSize,
  );
}

export const educationStatsResolvers = (config: StatsConfig) => guardFigures<EducationContext>({ educationStats: (_, __, context) => educationStats(context, config) }, FIGURES_ACCESS);
