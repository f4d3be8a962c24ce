// Time limits are counted in working days from acceptance (DESIGN.md "The flow of a case";
// 004 第六条 "划定办结时限", 第十七条 "拖延时限…逾期没有办结"): weekends and public holidays do
// not count, make-up working days (调休上班) do. The calendar is configuration, not code:
// WORKING_CALENDAR_PATH points at a JSON file like working-calendar.json beside this file, which is
// the default (imported, so the compiled build carries it inside).
import { readFileSync } from 'node:fs';
import { addDays } from './dates';
import shippedCalendar from './working-calendar.json';

export interface WorkingCalendarData {
  /** Public holidays (法定节假日及调休放假), YYYY-MM-DD. */
  holidays: string[];
  /** Weekend days that are working days (调休上班), YYYY-MM-DD. */
  workingWeekends: string[];
}

export class WorkingCalendar {
  private readonly holidays: Set<string>;
  private readonly workingWeekends: Set<string>;

  constructor(data: WorkingCalendarData) {
    this.holidays = new Set(data.holidays);
    this.workingWeekends = new Set(data.workingWeekends);
  }

  isWorkingDay(day: string): boolean {
    if (this.workingWeekends.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The last day to finish a limit of `days` working days counted from the day after `from`
   * (the day of acceptance itself does not count).
   */
  addWorkingDays(from: string, days: number): string {
    let day = from;
    for (let counted = 0; counted < days; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not later). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (this.isWorkingDay(day)) count += 1;
    return count;
  }
}

export function loadWorkingCalendar(path = process.env.WORKING_CALENDAR_PATH || null): WorkingCalendar {
  let data: WorkingCalendarData = shippedCalendar;
  if (path) {
    try {
      data = JSON.parse(readFileSync(path, 'utf8')) as WorkingCalendarData;
    } catch (error) {
      throw new Error(`WORKING_CALENDAR_PATH: cannot read a working calendar from ${path}: ${(error as Error).message}`);
    }
  }
  const bad = [...(data.holidays ?? []), ...(data.workingWeekends ?? [])].filter((day) => !/^\d{4}-\d{2}-\d{2}$/.test(day));
  if (!Array.isArray(data.holidays) || !Array.isArray(data.workingWeekends) || bad.length > 0) {
    throw new Error(`WORKING_CALENDAR_PATH: ${path ?? 'the shipped calendar'} must hold { "holidays": [...], "workingWeekends": [...] } of YYYY-MM-DD days${bad.length ? `; bad: ${bad.join(', ')}` : ''}`);
  }
  return new WorkingCalendar(data);
}
