// talentStats and cardApplicationStats (统计, issue 10): the registry's demo talents and card
// applications counted in ONE aggregation each, card status as cardStatusOn computes it for today
// (001 第六条), overdue as the 督办 list has it; small groups suppressed for analysts only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../test/environment';
import type { Viewer } from '../kit/context';
import { todayInChina } from '../kit/dates';
import { SeededRandom } from '../kit/seed-random';
import { applicationOverdue } from './cards/queries';
import { cardStatusOn } from './rules';
import { buildTalentSubgraph } from './server';
import { generateTalents, seedTalents } from './seed';

let fixture: SubgraphFixture;
const clock = new TestClock();
const today = todayInChina(clock.now());
const coordinator: Viewer = { subject: 'c', role: 'coordinator' };
const analyst: Viewer = { subject: 'a', role: 'analyst' };

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
  await seedTalents(fixture.connection, generateTalents(120, new SeededRandom(3), today), new SeededRandom(4), today);
});
afterAll(() => fixture.close());

type Row = { count: number | null; suppressed: boolean } & Record<string, unknown>;

/** The same counts, worked out one record at a time from what is stored. */
function countBy<T>(records: T[], keyOf: (record: T) => Record<string, unknown>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const key = JSON.stringify(keyOf(record));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
const asMap = (rows: Row[], keys: string[]) => new Map(rows.map((row) => [JSON.stringify(Object.fromEntries(keys.map((key) => [key, row[key]]))), row.count]));

describe('talentStats', () => {
  const TALENTS = `query($groupBy: [TalentStatsDimension!]!) { talentStats(groupBy: $groupBy) { total minGroupSize rows { program district cardStatus count suppressed } } }`;

  it('counts talents by program, district and card status today, in one aggregation', async () => {
    const stored = await fixture.connection.models.Talent.find({}).lean<{ program: string; district: string; mainCard: { status: string; expiresOn: string; contactListFrom?: string | null } }[]>();
    fixture.dbCommands.reset();
    const result = await fixture.run<{ talentStats: { total: number; rows: Row[] } }>(TALENTS, { groupBy: ['PROGRAM', 'DISTRICT', 'CARD_STATUS'] }, coordinator);
    expect(result.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual({ 'aggregate talents': 1 });
    expect(result.data!.talentStats.total).toBe(stored.length);
    const expected = countBy(stored, (talent) => ({ program: talent.program, district: talent.district, cardStatus: cardStatusOn(talent.mainCard, today) }));
    expect(asMap(result.data!.talentStats.rows, ['program', 'district', 'cardStatus'])).toEqual(expected);
    expect(new Set(result.data!.talentStats.rows.map((row) => row.cardStatus)).size).toBeGreaterThan(1);
  });

  it('suppresses small groups for analysts and keeps the large ones', async () => {
    const exact = await fixture.run<{ talentStats: { rows: Row[] } }>(TALENTS, { groupBy: ['DISTRICT', 'CARD_STATUS'] }, coordinator);
    const hidden = await fixture.run<{ talentStats: { rows: Row[]; minGroupSize: number } }>(TALENTS, { groupBy: ['DISTRICT', 'CARD_STATUS'] }, analyst);
    expect(hidden.errors).toBeUndefined();
    const small = exact.data!.talentStats.rows.filter((row) => row.count! < 5);
    expect(small.length).toBeGreaterThan(1);
    hidden.data!.talentStats.rows.forEach((row, index) => {
      const truth = exact.data!.talentStats.rows[index];
      expect({ district: row.district, cardStatus: row.cardStatus }).toEqual({ district: truth.district, cardStatus: truth.cardStatus });
      if (truth.count! < 5) expect(row).toMatchObject({ count: null, suppressed: true });
      else expect(row).toMatchObject({ count: truth.count, suppressed: false });
    });
  });

  it('is refused to department staff and talents', async () => {
    for (const viewer of [{ subject: 'd', role: 'department_staff', department: 'health' }, { subject: 's', role: 'specialist' }] as Viewer[]) {
      const result = await fixture.run(TALENTS, { groupBy: ['PROGRAM'] }, viewer);
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });
});

describe('cardApplicationStats', () => {
  const APPLICATIONS = `query($groupBy: [CardApplicationStatsDimension!]!) { cardApplicationStats(groupBy: $groupBy) { total rows { program stage overdue count suppressed } } }`;

  it('counts applications by program, stage and overdue, in one aggregation', async () => {
    const stored = await fixture.connection.models.CardApplication.find({}).lean<(Parameters<typeof applicationOverdue>[0] & { program: string; stage: string })[]>();
    fixture.dbCommands.reset();
    const result = await fixture.run<{ cardApplicationStats: { total: number; rows: Row[] } }>(APPLICATIONS, { groupBy: ['PROGRAM', 'STAGE', 'OVERDUE'] }, coordinator);
    expect(result.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual({ 'aggregate card_applications': 1 });
    expect(result.data!.cardApplicationStats.total).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(5);
    const expected = countBy(stored, (application) => ({ program: application.program, stage: application.stage, overdue: applicationOverdue(application, today) }));
    expect(asMap(result.data!.cardApplicationStats.rows, ['program', 'stage', 'overdue'])).toEqual(expected);
  });

  it('refuses an empty or repeated groupBy naming the argument', async () => {
    for (const groupBy of [[], ['STAGE', 'STAGE']]) {
      const result = await fixture.run(APPLICATIONS, { groupBy }, coordinator);
      expect(result.errors?.map((error) => `${error.extensions?.code} ${error.extensions?.field}`)).toEqual(['BAD_USER_INPUT groupBy']);
    }
  });
});
