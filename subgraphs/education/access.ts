// Who may change the education office's records (issue 4), declared beside schema.graphql: the
// office decides; a talent applies for their own child, or the window or the office applies for them.
import { anyOf, servicesOnly, staffOf, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';

const office = staffOf('education');
const applicant = anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff, office);

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveEducationCaseTask: servicesOnly,
  withdrawEducationCaseTasks: servicesOnly,
  applySchoolEnrolment: applicant,
  recordKindergartenLottery: office,
  placeEnrolment: office,
  waitlistEnrolment: office,
};
