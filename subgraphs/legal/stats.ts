// 司法局 figures (统计, issue 10): consultations by status, and by category — the free ones
// (咨询) apart from fee-bearing work (000 十二（三）; 002 十) — one aggregation.
import { aggregateBranches, departmentCounts, groupOn, guardFigures, keyedRows, type StatsConfig } from '../kit/stats';
import { FIGURES_ACCESS } from './access';
import type { LegalContext } from './context';

const STATUS_ZH: Record<string, string> = { REQUESTED: '已提出', ASSIGNED: '已安排顾问', ANSWERED: '已答复', CLOSED: '已办结', WITHDRAWN: '已撤回' };
const CATEGORY_ZH: Record<string, string> = {
  CONSULTATION: '法律咨询',
  WRITTEN_OPINION: '出具法律意见书',
  DOCUMENT_DRAFTING: '代写法律文书',
  LITIGATION: '诉讼代理',
  NON_LITIGATION: '非诉讼代理',
  ARBITRATION: '仲裁代理',
  CONTRACT_REVIEW: '合同审查',
  MEDIATION: '调解',
  LEGAL_AID_REFERRAL: '法律援助转介',
};

export async function legalStats(context: LegalContext, config: StatsConfig) {
  const results = await aggregateBranches(context.services.models.LegalConsultation, {}, { byStatus: [groupOn('status')], byCategory: [groupOn('category')] });
  return departmentCounts(
    [
      { metric: 'CONSULTATIONS_BY_STATUS', label: '法律咨询（按状态）', rows: keyedRows(results.byStatus, Object.keys(STATUS_ZH), (key) => STATUS_ZH[key] ?? key) },
      { metric: 'CONSULTATIONS_BY_CATEGORY', label: '法律服务（按类别；咨询以外的事项不属免费范围）', rows: keyedRows(results.byCategory, Object.keys(CATEGORY_ZH), (key) => CATEGORY_ZH[key] ?? key) },
    ],
    context.viewer,
    config.minGroupSize,
  );
}

export const legalStatsResolvers = (config: StatsConfig) => guardFigures<LegalContext>({ legalStats: (_, __, context) => legalStats(context, config) }, FIGURES_ACCESS);
