// Working-day time limits (004 第六条 划定办结时限; 第十七条 逾期): weekends and public holidays do not
// count, make-up working days (调休上班) do, and the day of acceptance itself does not count.
import { describe, expect, it } from 'vitest';
import { loadWorkingCalendar, WorkingCalendar } from './working-days';

const calendar = new WorkingCalendar({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workingWeekends: ['2026-10-10'] });

describe('working days', () => {
  it('skips weekends: accepted on a Friday, 1 working day is the Monday', () => {
    expect(calendar.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(calendar.addWorkingDays('2026-11-20', 5)).toBe('2026-11-27');
  });

  it('skips public holidays and counts make-up working Saturdays', () => {
    // 2026-09-30 (Wed) + 3: Oct 1–2 holidays, 3–4 weekend, 5–7 holidays, 8 Thu, 9 Fri, 10 Sat (make-up day).
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
  });

  it('counts working days between two days', () => {
    expect(calendar.workingDaysBetween('2026-11-20', '2026-11-27')).toBe(5);
    expect(calendar.workingDaysBetween('2026-11-27', '2026-11-20')).toBe(0);
  });

  it('loads the shipped calendar, and refuses a malformed one naming the setting', () => {
    const shipped = loadWorkingCalendar();
    expect(shipped.isWorkingDay('2026-02-16')).toBe(false); // 春节
    expect(shipped.isWorkingDay('2026-02-14')).toBe(true); // 调休上班 (Saturday)
    expect(() => loadWorkingCalendar('/nonexistent/calendar.json')).toThrow(/WORKING_CALENDAR_PATH/);
  });
});
