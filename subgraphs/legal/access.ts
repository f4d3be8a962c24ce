// Who may do and see what at the legal office (issue 4), declared beside schema.graphql.
//
// Changes: the office assigns, answers and closes; a talent asks for themself, or the window or the
// office asks for them. There is no cancel of a consultation of its own: a talent withdraws through
// the window's case (withdraw.ts).
//
// Reads (kit/read-access.ts levels): a talent's part and a case's part are the office's records,
// and every read of them is audited (`record`, audit: issue 4 names legal matters). Inside, the
// level sits on the values; objects and lists that only hold them are `status`.
// - `status`: the kind of service asked for and how (category, channel), whether it is a personal
//   matter and free or fee-bearing with the clause that says so (these follow from the program and
//   the category: 000 十二（三）; 002 十（一）), statuses, times, counts, and the counsel's role.
// - `confidential` (the talent and the office only, not the window): what the consultation is
//   about — its topic.
// - `detail`: who handles it (the counsel's name and office), the task's progress notes and refusal
//   reasons. The notes travel to the window (the case's items and timeline), so they never quote
//   the topic (consultations.ts consultationTaskChange).
import { anyOf, servicesOnly, staffOf, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';
import type { ReadPolicy } from '../kit/read-access';
import { departmentFiguresReaders, type FiguresRule } from '../kit/stats';

const office = staffOf('legal');

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveLegalCaseTask: servicesOnly,
  withdrawLegalCaseTasks: servicesOnly,
  assignLegalCounsel: office,
  answerLegalConsultation: office,
  closeLegalConsultation: office,
  requestLegalConsultation: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff, office),
};

export const READ_ACCESS: ReadPolicy = {
  Talent: { legal: { level: 'record', audit: true } },
  Case: { legal: { level: 'record', audit: true } },
  TalentLegal: { '*': 'status' },
  LegalConsultation: { '*': 'status', topic: 'confidential' },
  LegalCounsel: { '*': 'detail', role: 'status' },
  LegalCaseTask: { '*': 'status', note: 'detail', reason: 'detail', reportError: 'detail' },
  // Figures (stats.ts): counts only; small groups are suppressed for analysts (kit/stats.ts).
  DepartmentCount: { '*': 'status' },
};

// Figures (统计, issue 10): coordinators, analysts (small groups suppressed) and this department's staff.
export const FIGURES_ACCESS: Record<string, FiguresRule> = {
  legalStats: departmentFiguresReaders('legal'),
};
