// Who may do and see what at the customs office (issue 4), declared beside schema.graphql.
//
// Changes: the office records the service and works exit-entry items; a talent books for themself,
// or the window or the office books for them; a booking is changed or cancelled (000 十三（三）3) by
// the talent whose booking it is, the window or the office — every booking rule applies to each alike.
//
// Reads (kit/read-access.ts levels): a talent's part and a case's part are the office's records
// (`record`). Inside, the level sits on the values; objects and lists that only hold them are
// `status`. Statuses, dates and times, the yearly allowance's counts, scope, direction, the service
// point (it follows from the scope) and the luggage and sign flags are `status`. The names of
// passengers, greeters and applicants and the contact phone are `identity`; the phone is masked
// unless the holder or the office asks for it in full, and every read is audited (kit/pii.ts). Flight numbers, vehicle plates, rejection reasons and the task's progress notes
// (which quote the flight) are the office's working details (`detail`).
import { anyOf, servicesOnly, staffOf, talentOwningRecord, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';
import type { ReadPolicy } from '../kit/read-access';
import type { CustomsContext } from './context';
import { departmentFiguresReaders, type FiguresRule } from '../kit/stats';

const office = staffOf('customs');

/** The talent whose booking `args.id` is (none when there is no such booking: the mutation answers NOT_FOUND itself). */
const bookingHolder = talentOwningRecord<CustomsContext>((context) => context.services.models.AirportServiceBooking);

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  receiveCustomsCaseTask: servicesOnly,
  withdrawCustomsCaseTasks: servicesOnly,
  bookAirportService: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff, office),
  changeAirportServiceBooking: anyOf(bookingHolder, windowStaff, office),
  cancelAirportServiceBooking: anyOf(bookingHolder, windowStaff, office),
  recordAirportServiceServed: office,
  advanceExitEntryItem: office,
  rejectExitEntryItem: office,
};

export const READ_ACCESS: ReadPolicy = {
  Talent: { customs: 'record' },
  Case: { customs: 'record' },
  TalentCustoms: { '*': 'status' },
  AirportServiceAllowance: { '*': 'status' },
  AirportServiceBooking: { '*': 'status', flightNumber: 'detail', contactPhone: 'identity' },
  AirportPassenger: { name: 'identity' },
  AirportGreeter: { name: 'identity' },
  AirportVehicle: { plate: 'detail' },
  ExitEntryItem: { '*': 'status', applicantName: 'identity', rejectionReason: 'detail' },
  CustomsCaseTask: { '*': 'status', note: 'detail', reason: 'detail', reportError: 'detail' },
  // Figures (stats.ts): counts only; small groups are suppressed for analysts (kit/stats.ts).
  DepartmentCount: { '*': 'status' },
};

// Figures (统计, issue 10): coordinators, analysts (small groups suppressed) and this department's staff.
export const FIGURES_ACCESS: Record<string, FiguresRule> = {
  customsStats: departmentFiguresReaders('customs'),
};
