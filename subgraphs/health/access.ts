// Who may do and see what at the health office (issue 4), declared beside schema.graphql.
//
// Changes: the office records checkups; a talent books for themself, or the window or the office
// books for them; a booked checkup is cancelled (the year's use given back, 001 第四条（四）; 002 八（三）)
// by the talent whose booking it is, the window or the office.
//
// Reads (kit/read-access.ts levels): a talent's part and a case's part are the office's records,
// and every read of them is audited (`record`, audit: issue 4 names health records). Inside, the
// level sits on the values; objects and lists that only hold them are `status`.
// - `status`: what follows from the card program — the designated hospitals (the program's published
//   list, the same for every holder: 000 六（三）1; 002 八（一）), priority care, the year's checkup
//   counts — and a booking's or contract's kind, year, dates, status and renewals.
// - `confidential` (the talent and the office only, not the window): where the talent is seen and
//   by whom — a booking's hospital, the family-doctor team, community health centre and package.
// - `detail`: the task's progress notes and refusal reasons. They travel to the window (the case's
//   items and timeline), so they name the kind and the day but never the hospital, centre, team or
//   package (bookings.ts checkupTaskChange, contractTaskChange).
import { anyOf, servicesOnly, staffOf, talentOwningRecord, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';
import type { ReadPolicy } from '../kit/read-access';
import type { HealthContext } from './context';
import { departmentFiguresReaders, type FiguresRule } from '../kit/stats';

const office = staffOf('health');
const applicant = anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff, office);
/** The talent whose booking `args.id` is (null when there is none: the mutation answers NOT_FOUND or BAD_USER_INPUT itself). */
const bookingHolder = talentOwningRecord<HealthContext>((context) => context.services.models.CheckupBooking);

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveHealthCaseTask: servicesOnly,
  withdrawHealthCaseTasks: servicesOnly,
  recordCheckupDone: office,
  cancelCheckupBooking: anyOf(bookingHolder, windowStaff, office),
  bookCheckup: applicant,
  signFamilyDoctorContract: applicant,
};

export const READ_ACCESS: ReadPolicy = {
  Talent: { health: { level: 'record', audit: true } },
  Case: { health: { level: 'record', audit: true } },
  TalentHealth: { '*': 'status' },
  DesignatedHospital: { '*': 'status' },
  CheckupEntitlement: { '*': 'status' },
  CheckupBooking: { '*': 'status', hospital: 'confidential' },
  FamilyDoctorContract: { '*': 'status', team: 'confidential', communityHealthCentre: 'confidential', package: 'confidential' },
  HealthCaseTask: { '*': 'status', note: 'detail', reason: 'detail', reportError: 'detail' },
  // Figures (stats.ts): counts only; small groups are suppressed for analysts (kit/stats.ts).
  DepartmentCount: { '*': 'status' },
};

// Figures (统计, issue 10): coordinators, analysts (small groups suppressed) and this department's staff.
export const FIGURES_ACCESS: Record<string, FiguresRule> = {
  healthStats: departmentFiguresReaders('health'),
};
