// Who may change the health office's records (issue 4), declared beside schema.graphql: the office
// records checkups; a talent books for themself, or the window or the office books for them.
import { anyOf, servicesOnly, staffOf, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';

const office = staffOf('health');
const applicant = anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff, office);

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveHealthCaseTask: servicesOnly,
  withdrawHealthCaseTasks: servicesOnly,
  recordCheckupDone: office,
  cancelCheckupBooking: anyOf(office, windowStaff),
  bookCheckup: applicant,
  signFamilyDoctorContract: applicant,
};
