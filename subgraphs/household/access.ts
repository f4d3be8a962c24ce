// Who may do and see what at the household office (公安户政、人社, issue 4), declared beside schema.graphql.
//
// Changes: only this office works its transfers; hukou always comes through the window, which hands
// it over. There is no cancel of the talent's own: a transfer is withdrawn through the window's case
// (withdraw.ts).
//
// Reads (kit/read-access.ts levels): a talent's part and a case's part are the office's records
// (`record`). Inside, the level sits on the values; objects and lists that only hold them are
// `status`. Statuses, steps, routes, relations and dates are `status` (analysts count transfers by
// them). The names and birth dates of the people moving are `identity`; where the hukou goes (the
// target address and its police station, 000 一（二）5), rejection reasons (004 第十一条) and the task's
// progress notes (which name the people) are the office's working details (`detail`).
import { servicesOnly, staffOf, type MutationRule } from '../kit/mutation-access';
import type { ReadPolicy } from '../kit/read-access';
import { departmentFiguresReaders, type FiguresRule } from '../kit/stats';

const office = staffOf('household');

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveHouseholdCaseTask: servicesOnly,
  withdrawHouseholdCaseTasks: servicesOnly,
  advanceHukouTransfer: office,
  rejectHukouTransfer: office,
};

export const READ_ACCESS: ReadPolicy = {
  Talent: { household: 'record' },
  Case: { household: 'record' },
  TalentHousehold: { '*': 'status' },
  HukouTransfer: { '*': 'status', targetAddress: 'detail', policeStation: 'detail', rejectionReason: 'detail' },
  HukouApplicant: { '*': 'status', name: 'identity', birthDate: 'identity' },
  HukouTransferStep: { '*': 'status' },
  HouseholdCaseTask: { '*': 'status', note: 'detail', reason: 'detail', reportError: 'detail' },
  // Figures (stats.ts): counts only; small groups are suppressed for analysts (kit/stats.ts).
  DepartmentCount: { '*': 'status' },
};

// Figures (统计, issue 10): coordinators, analysts (small groups suppressed) and this department's staff.
export const FIGURES_ACCESS: Record<string, FiguresRule> = {
  householdStats: departmentFiguresReaders('household'),
};
