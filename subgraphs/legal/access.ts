// Who may change the legal office's records (issue 4), declared beside schema.graphql: the office
// assigns and answers; a talent asks for themself, or the window or the office asks for them.
import { anyOf, servicesOnly, staffOf, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';

const office = staffOf('legal');

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveLegalCaseTask: servicesOnly,
  withdrawLegalCaseTasks: servicesOnly,
  assignLegalCounsel: office,
  answerLegalConsultation: office,
  closeLegalConsultation: office,
  requestLegalConsultation: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff, office),
};
