// Who may change the household office's records (issue 4), declared beside schema.graphql: only
// this office works its transfers; hukou always comes through the window, which hands it over.
import { servicesOnly, staffOf, type MutationRule } from '../kit/mutation-access';

const office = staffOf('household');

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveHouseholdCaseTask: servicesOnly,
  withdrawHouseholdCaseTasks: servicesOnly,
  advanceHukouTransfer: office,
  rejectHukouTransfer: office,
};
