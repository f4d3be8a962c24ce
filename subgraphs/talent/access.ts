// Who may change what at the window (issue 4), declared beside schema.graphql: the talent or the
// window submits (统一受理); only the window records materials, delivers (统一交付) and issues 副卡;
// a talent may withdraw only through the window for now; departments report as services.
import { anyOf, servicesOnly, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  submitCase: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff),
  supplyCaseMaterials: windowStaff,
  deliverCase: windowStaff,
  withdrawCase: windowStaff,
  issueAffiliatedCard: windowStaff,
  recordCaseTaskReport: servicesOnly,
};
