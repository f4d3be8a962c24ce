// Who may change the housing office's records (issue 4), declared beside schema.graphql: the office
// waitlists and allocates; a talent applies for themself, or the window or the office applies for them.
import { anyOf, servicesOnly, staffOf, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';

const office = staffOf('housing');

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveHousingCaseTask: servicesOnly,
  withdrawHousingCaseTasks: servicesOnly,
  applyForTalentApartment: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff, office),
  waitlistApartmentApplication: office,
  allocateApartment: office,
  rejectApartmentApplication: office,
};
