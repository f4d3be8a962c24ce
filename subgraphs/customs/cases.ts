// 便捷通关/出入境's part of a case (统一受理、并行办理, 004 第十条): the window delivers an airport
// item (AIRPORT_VIP_DOMESTIC / _INTERNATIONAL, the scope from the item) or a Wuhan exit-entry item
// (EXIT_ENTRY_PERMIT / RESIDENCE_PERMIT); the desk keeps one task per (case, item); the rules decide
// it — a booking BOOKED or an item RECEIVED, or REFUSED with every reason and its clause (004 第十一条).
import { checkDelivery, recordIdFor, type CaseTaskChange, type CaseTaskDelivery, type CaseTaskDoc } from '../kit/case-task';
import { todayInChina } from '../kit/dates';
import { problemsError, refusedChange } from '../kit/problems';
import { releaseAirportUse } from './airport-allowance';
import type { Resolvers } from '../kit/subgraph';
import { bookedNote, checkBooking, holdUse, recordBooking, type BookingCheck } from './bookings';
import type { CustomsContext, CustomsServices } from './context';
import { recordExitEntryItem } from './exit-entry';
import { readAirportForm, readExitEntryForm, sourced } from './forms';
import type { AirportServiceBookingDoc, ExitEntryItemDoc } from './model';
import { EXIT_ENTRY_ITEMS, exitEntryProblems, type AirportBookingRequest, type AirportServiceScope, type BookingProblem, type ExitEntryItemKind } from './rules';

/** The items this department does (kit/case-forms.ts SERVICE_DEPARTMENT), and the scope of the airport ones. */
const AIRPORT_ITEMS: Record<string, AirportServiceScope> = { AIRPORT_VIP_DOMESTIC: 'DOMESTIC', AIRPORT_VIP_INTERNATIONAL: 'INTERNATIONAL' };
const EXIT_ENTRY_CASE_ITEMS = ['EXIT_ENTRY_PERMIT', 'RESIDENCE_PERMIT'] as const;
const CUSTOMS_ITEMS = ['AIRPORT_VIP_DOMESTIC', 'AIRPORT_VIP_INTERNATIONAL', ...EXIT_ENTRY_CASE_ITEMS] as const;
const OFFICE = { zh: '便捷通关/出入境部门', en: 'the customs and exit-entry office' };
export const isAirportItem = (item: string): boolean => Object.hasOwn(AIRPORT_ITEMS, item);

const refused = (problems: readonly BookingProblem[], zh: string): CaseTaskChange => refusedChange(sourced(problems), `${zh}不予受理（cannot be accepted）`);
const bookedChange = (request: AirportBookingRequest, bookingId: string): CaseTaskChange => ({ status: 'IN_PROGRESS', step: 'BOOKED', note: bookedNote(request), recordIds: [bookingId] });

/**
 * An airport item's decision. Safe to run again after an interruption (kit/case-task.ts receive):
 * the booking's id is the task's first record id, so a retry that finds it stored decides the same;
 * the use is taken under that id (counted once) before the booking is written, and given back if
 * the retry refuses after all.
 */
export async function decideAirportTask(services: CustomsServices, task: CaseTaskDoc, rawForm: Record<string, unknown>): Promise<CaseTaskChange> {
  const { request, problems: shape } = readAirportForm(rawForm, AIRPORT_ITEMS[task.item], 'input.form');
  if (shape.length > 0) throw problemsError(shape);
  const bookingId = recordIdFor(task, 0);
  const stored = await services.models.AirportServiceBooking.findById(bookingId).lean<AirportServiceBookingDoc>();
  if (stored) return bookedChange(request, bookingId.toString());
  // 000 十三（三）1: for a case, the booking is made when the window accepted it.
  const check: BookingCheck = { talentId: task.talentId, program: task.program, request, bookedAt: task.acceptedAt, now: services.environment.clock(), excludeId: bookingId };
  const problems = await checkBooking(services.models, check);
  const lost = problems.length > 0 ? [] : await holdUse(services.models, check, bookingId);
  if (problems.length > 0 || lost.length > 0) {
    // A use an interrupted earlier run took for this task is given back (nothing if there is none).
    if (!Number.isNaN(request.flightTime.getTime())) await releaseAirportUse(services.models, { _id: bookingId, talentId: task.talentId, flightTime: request.flightTime });
    return refused([...problems, ...lost], '接送机预约');
  }
  await recordBooking(services.models, check, bookingId, task.caseId);
  return bookedChange(request, bookingId.toString());
}

/** An exit-entry item's decision: its item is the task's first record, written once. */
export async function decideExitEntryTask(services: CustomsServices, task: CaseTaskDoc, rawForm: Record<string, unknown>): Promise<CaseTaskChange> {
  const { form, problems: shape } = readExitEntryForm(rawForm, 'input.form');
  if (shape.length > 0) throw problemsError(shape);
  const kind = task.item as ExitEntryItemKind;
  const label = EXIT_ENTRY_ITEMS[kind].zh;
  const problems = exitEntryProblems(task.program, kind);
  if (problems.length > 0) return refused(problems, label);
  const item = await recordExitEntryItem(services.models, recordIdFor(task, 0), {
    talentId: task.talentId,
    kind,
    applicantName: form.applicantName,
    submittedOn: todayInChina(task.acceptedAt),
    caseId: task.caseId,
  });
  return { status: 'IN_PROGRESS', step: 'RECEIVED', note: `${label}已受理：${form.applicantName}（received）`, recordIds: [item._id.toString()] };
}

/** The department's decision about a delivered task (the desk's `decide`). */
export const decideCustomsTask = (services: CustomsServices) => (task: CaseTaskDoc, form: Record<string, unknown>): Promise<CaseTaskChange> =>
  isAirportItem(task.item) ? decideAirportTask(services, task, form) : decideExitEntryTask(services, task, form);

interface CaseReference {
  id: string;
}

export const caseResolvers: Resolvers<CustomsContext> = {
  Mutation: {
    receiveCustomsCaseTask: async (_: unknown, args: { input: CaseTaskDelivery }, context: CustomsContext): Promise<CaseTaskDoc> => {
      const { services } = context;
      return services.desk.receive(checkDelivery(args.input, CUSTOMS_ITEMS, OFFICE), decideCustomsTask(services));
    },
  },

  Case: {
    __resolveReference: (reference: CaseReference): CaseReference => ({ id: reference.id }),
    customs: (reference: CaseReference, _args: unknown, context: CustomsContext): Promise<CaseTaskDoc[]> => context.tasksByCase.load(reference.id),
  },

  CustomsCaseTask: {
    id: (task: CaseTaskDoc) => task._id.toString(),
    booking: (task: CaseTaskDoc, _args: unknown, context: CustomsContext): Promise<AirportServiceBookingDoc | null> | null =>
      isAirportItem(task.item) && task.recordIds.length > 0 ? context.loaders.bookingById.load(task.recordIds[0]) : null,
    exitEntryItem: (task: CaseTaskDoc, _args: unknown, context: CustomsContext): Promise<ExitEntryItemDoc | null> | null =>
      (EXIT_ENTRY_CASE_ITEMS as readonly string[]).includes(task.item) && task.recordIds.length > 0 ? context.loaders.exitEntryItemById.load(task.recordIds[0]) : null,
  },
};
