// Who may do and see what at the housing office (issue 4), declared beside schema.graphql.
//
// Changes: the office waitlists and allocates; a talent applies for themself, or the window or the
// office applies for them. There is no cancel of an application of its own: a talent withdraws
// through the window's case (withdraw.ts).
//
// Reads (kit/read-access.ts levels): a talent's part and a case's part are the office's records
// (`record`). Inside, the level sits on the values; objects and lists that only hold them are
// `status`. Statuses, dates, waitlist positions, household sizes and where an application was made
// (the district and the project applied to — the scheme, which analysts count by) are `status`.
// The allocated unit (the talent's future address), the household's home-ownership declarations
// (who owns how many homes where, 002 四), the eligibility reasons (which quote them), rejection
// reasons and the task's progress notes (which name the unit) are the office's working details
// (`detail`); the names of the people declared are `identity`.
import { anyOf, servicesOnly, staffOf, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';
import type { ReadPolicy } from '../kit/read-access';
import { departmentFiguresReaders, type FiguresRule } from '../kit/stats';

const office = staffOf('housing');

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveHousingCaseTask: servicesOnly,
  withdrawHousingCaseTasks: servicesOnly,
  applyForTalentApartment: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff, office),
  waitlistApartmentApplication: office,
  allocateApartment: office,
  rejectApartmentApplication: office,
};

export const READ_ACCESS: ReadPolicy = {
  Talent: { housing: 'record' },
  Case: { housing: 'record' },
  TalentHousing: { '*': 'status' },
  HousingEligibility: { '*': 'status', reasons: 'detail' },
  HomeOwnershipDeclaration: { '*': 'detail', id: 'status', relation: 'status', declaredOn: 'status', personName: 'identity' },
  TalentApartmentApplication: { '*': 'status', rejectionReason: 'detail' },
  TalentApartmentUnit: { '*': 'detail' },
  HousingCaseTask: { '*': 'status', note: 'detail', reason: 'detail', reportError: 'detail' },
  // Figures (stats.ts): counts only; small groups are suppressed for analysts (kit/stats.ts).
  DepartmentCount: { '*': 'status' },
};

// Figures (统计, issue 10): coordinators, analysts (small groups suppressed) and this department's staff.
export const FIGURES_ACCESS: Record<string, FiguresRule> = {
  housingStats: departmentFiguresReaders('housing'),
};
