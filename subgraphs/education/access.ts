// Who may do and see what at the education bureau (子女入学, issue 4), declared beside schema.graphql.
//
// Changes: the office decides; a talent applies for their own child, or the window or the office
// applies for them. There is no cancel of the talent's own: a request is withdrawn through the
// window's case (withdraw.ts).
//
// Reads (kit/read-access.ts levels): a talent's part and a case's part are the office's records
// (`record`). Inside, the level sits on the values; objects and lists that only hold them are
// `status`. Statuses, levels, school years, districts, dates, and the child's gender and age at
// entry are `status` (analysts count requests by them; without a name or birth date they identify
// no one). The child's name and birth date are `identity`; the schools asked for and assigned, the
// lottery and priority outcomes (001 第四条（二）; 000 八), refusal reasons (004 第十一条) and the
// task's progress notes (which name the child and the school) are the office's working details (`detail`).
import { anyOf, servicesOnly, staffOf, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';
import type { ReadPolicy } from '../kit/read-access';
import { departmentFiguresReaders, type FiguresRule } from '../kit/stats';

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

export const READ_ACCESS: ReadPolicy = {
  Talent: { education: 'record' },
  Case: { education: 'record' },
  TalentEducation: { '*': 'status' },
  SchoolEnrolment: { '*': 'status', preferredSchool: 'detail', assignedSchool: 'detail', lotteryOutcome: 'detail', priorityOutcome: 'detail' },
  SchoolEnrolmentChild: { '*': 'status', name: 'identity', birthDate: 'identity' },
  EducationCaseTask: { '*': 'status', note: 'detail', reason: 'detail', reportError: 'detail' },
  // Figures (stats.ts): counts only; small groups are suppressed for analysts (kit/stats.ts).
  DepartmentCount: { '*': 'status' },
};

// Figures (统计, issue 10): coordinators, analysts (small groups suppressed) and this department's staff.
export const FIGURES_ACCESS: Record<string, FiguresRule> = {
  educationStats: departmentFiguresReaders('education'),
};
