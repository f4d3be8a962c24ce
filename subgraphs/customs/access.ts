// Who may change the customs office's records (issue 4), declared beside schema.graphql: the office
// records the service and works exit-entry items; a talent books for themself, or the window or the
// office books, changes and cancels for them.
import { anyOf, servicesOnly, staffOf, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';

const office = staffOf('customs');

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveCustomsCaseTask: servicesOnly,
  withdrawCustomsCaseTasks: servicesOnly,
  bookAirportService: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff, office),
  changeAirportServiceBooking: anyOf(office, windowStaff),
  cancelAirportServiceBooking: anyOf(office, windowStaff),
  recordAirportServiceServed: office,
  advanceExitEntryItem: office,
  rejectExitEntryItem: office,
};
