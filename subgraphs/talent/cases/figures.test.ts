// What a case carries for the figures (figures.ts): weeks from Monday, and working days past due
// on the project's calendar (004 第六条、第十七条).
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../kit/working-days';
import { overdueWorkingDays, weekOf } from './figures';

// 2026-10-01..07: National Day holidays; 2026-10-10 (Saturday): a make-up working day.
const calendar = new WorkingCalendar({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workingWeekends: ['2026-10-10'] });

describe('figures', () => {
  it('puts a day in the week of its Monday', () => {
    expect(weekOf('2026-12-02')).toBe('2026-11-30');
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
    expect(weekOf('2026-12-06')).toBe('2026-11-30');
  });

  it('counts working days past due: holidays not, make-up days yes, at least 1 once overdue, 0 before or when finished', () => {
    expect(overdueWorkingDays({ open: true, dueOn: '2026-09-30' }, '2026-10-08', calendar)).toBe(1);
    expect(overdueWorkingDays({ open: true, dueOn: '2026-09-30' }, '2026-10-10', calendar)).toBe(3);
    // Due on Friday, today Saturday: overdue, though no working day has passed yet.
    expect(overdueWorkingDays({ open: true, dueOn: '2026-11-27' }, '2026-11-28', calendar)).toBe(1);
    expect(overdueWorkingDays({ open: true, dueOn: '2026-11-27' }, '2026-11-27', calendar)).toBe(0);
    expect(overdueWorkingDays({ open: false, dueOn: '2026-09-30' }, '2026-10-10', calendar)).toBe(0);
  });
});
