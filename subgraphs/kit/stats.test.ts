// The figures' shared rules (kit/stats.ts): small groups suppressed for analysts only — and the
// next-smallest with a lone one, so the total cannot give it away; the threshold read and checked
// at start; groupBy checked, naming the argument.
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Viewer } from './context';
import { checkDistrict, checkGroupBy, departmentFiguresReaders, readStatsConfig, suppressSmallGroups } from './stats';

const analyst: Viewer = { subject: 'a', role: 'analyst' };
const coordinator: Viewer = { subject: 'c', role: 'coordinator' };
const rows = (...counts: number[]) => counts.map((count, index) => ({ key: `k${index}`, count }));
const counts = (result: { count: number | null }[]) => result.map((row) => row.count);

describe('suppressSmallGroups', () => {
  it('hides every group of 1 to threshold − 1 from analysts, keeps empty and large ones', () => {
    expect(counts(suppressSmallGroups(rows(0, 3, 4, 9, 12), analyst, 5))).toEqual([0, null, null, 9, 12]);
    expect(suppressSmallGroups(rows(3), analyst, 5)).toEqual([{ key: 'k0', count: null, suppressed: true }]);
  });

  it('hides the next-smallest group too when only one is small', () => {
    expect(counts(suppressSmallGroups(rows(12, 2, 7, 9), analyst, 5))).toEqual([12, null, null, 9]);
  });

  it('shows coordinators (and everyone but analysts) the exact counts', () => {
    expect(suppressSmallGroups(rows(1, 2, 30), coordinator, 5)).toEqual([
      { key: 'k0', count: 1, suppressed: false },
      { key: 'k1', count: 2, suppressed: false },
      { key: 'k2', count: 30, suppressed: false },
    ]);
  });
});

describe('settings and arguments', () => {
  it('reads STATS_MIN_GROUP_SIZE, 5 by default, and refuses a bad one at start naming it', () => {
    expect(readStatsConfig({})).toEqual({ minGroupSize: 5 });
    expect(readStatsConfig({ STATS_MIN_GROUP_SIZE: '10' })).toEqual({ minGroupSize: 10 });
    expect(() => readStatsConfig({ STATS_MIN_GROUP_SIZE: '0' })).toThrow(/STATS_MIN_GROUP_SIZE/);
    expect(() => readStatsConfig({ STATS_MIN_GROUP_SIZE: 'five' })).toThrow(/STATS_MIN_GROUP_SIZE/);
  });

  it('refuses an empty, repeated or unknown groupBy and a malformed district with BAD_USER_INPUT on the argument', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return `${(error as GraphQLError).extensions.code} ${(error as GraphQLError).extensions.field}`;
      }
      return 'accepted';
    };
    const allowed = ['A', 'B'] as const;
    expect(checkGroupBy(['B', 'A'], allowed)).toEqual(['B', 'A']);
    expect(refusal(() => checkGroupBy([], allowed))).toBe('BAD_USER_INPUT groupBy');
    expect(refusal(() => checkGroupBy(['A', 'A'], allowed))).toBe('BAD_USER_INPUT groupBy');
    expect(refusal(() => checkGroupBy(['C'], allowed))).toBe('BAD_USER_INPUT groupBy');
    expect(checkDistrict('白云区', 'filter.district')).toBe('白云区');
    expect(refusal(() => checkDistrict('Baiyun', 'filter.district'))).toBe('BAD_USER_INPUT filter.district');
  });

  it("lets a department's staff read their own figures only", () => {
    const household = departmentFiguresReaders('household');
    expect(household({ subject: 'h', role: 'department_staff', department: 'household' })).toBe(true);
    expect(household({ subject: 'l', role: 'department_staff', department: 'legal' })).toBe(false);
    expect(household(analyst)).toBe(true);
    expect(household({ subject: 's', role: 'specialist' })).toBe(false);
  });
});
