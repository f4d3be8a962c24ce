// What a case carries for the figures (统计, issue 10): taken at intake from the talent and the
// catalog, completed when an item finishes or the case is delivered, so caseStats counts with one
// aggregation grouped on one stored key (kit/stats.ts: the embedded engine groups on one field
// path only). The key holds the dimensions that never change after intake — program, district,
// week of acceptance, and for an item its department and service; status and overdue change, and
// are matched per `$facet` branch instead. Working days use the project's calendar (004 第六条).
import { addDays, todayInChina } from '../../kit/dates';
import type { WorkingCalendar } from '../../kit/working-days';

export interface FiguresDoc {
  /** JSON of the fixed dimensions: [program, district, week] for a case, plus [department, service] for an item. */
  key: string;
  /** Working-day limit: the item's catalog limit; for a case, acceptance to its latest due day. */
  limit: number;
  /** 1: counted in the limit's mean (records from before figures have no `figures` at all). */
  counted: number;
  /** Working days from acceptance to finishing (an item DONE, a case DELIVERED); 0 until then. */
  taken: number;
  /** 1 once finished: the divisor of the mean of `taken`. */
  finished: number;
}

/** The Monday of the week a day falls in (weeks run Monday to Sunday, as the offices work). */
export function weekOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export interface CaseSnapshot {
  program: string;
  district: string | null;
  acceptedAt: Date;
}

export type CaseKey = [program: string, district: string | null, week: string];
export type ItemKey = [...CaseKey, department: string, service: string];

function caseKey(snapshot: CaseSnapshot): CaseKey {
  return [snapshot.program, snapshot.district, weekOf(todayInChina(snapshot.acceptedAt))];
}

export function caseFigures(snapshot: CaseSnapshot, dueOn: string, calendar: WorkingCalendar): FiguresDoc {
  return { key: JSON.stringify(caseKey(snapshot)), limit: calendar.workingDaysBetween(todayInChina(snapshot.acceptedAt), dueOn), counted: 1, taken: 0, finished: 0 };
}

export function itemFigures(snapshot: CaseSnapshot, item: { department: string; service: string }, limitWorkingDays: number): FiguresDoc {
  const key: ItemKey = [...caseKey(snapshot), item.department, item.service];
  return { key: JSON.stringify(key), limit: limitWorkingDays, counted: 1, taken: 0, finished: 0 };
}

/** Finished at `at`: the working days since acceptance are recorded once (a record without figures stays without). */
export function finishedFigures(figures: FiguresDoc | null | undefined, acceptedAt: Date, at: Date, calendar: WorkingCalendar): FiguresDoc | null {
  if (!figures) return null;
  return { ...figures, taken: calendar.workingDaysBetween(todayInChina(acceptedAt), todayInChina(at)), finished: 1 };
}

/**
 * Working days an open item is past its last day (004 第十七条 督办): the working days after it up to
 * today, at least 1 once overdue (a weekend right after the last day is still overdue); 0 when not.
 */
export function overdueWorkingDays(item: { open: boolean; dueOn: string }, today: string, calendar: WorkingCalendar): number {
  return item.open && item.dueOn < today ? Math.max(1, calendar.workingDaysBetween(item.dueOn, today)) : 0;
}
