// Figures through the gateway (统计, issue 10): counts computed where the data lives, one
// aggregation per subgraph per request whatever the grouping; a coordinator reads exact counts, an
// analyst the same tables with every group below STATS_MIN_GROUP_SIZE suppressed and no name
// anywhere in the answer; a department's staff read their own department's figures only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';

let harness: Harness;

const FIGURES = /* GraphQL */ `
  query Figures {
    caseStats(groupBy: [STATUS, DEPARTMENT, OVERDUE]) { total minGroupSize rows { status department overdue count suppressed avgWorkingDaysTaken limitWorkingDays } }
    talentStats(groupBy: [PROGRAM, DISTRICT, CARD_STATUS]) { total rows { program district cardStatus count suppressed } }
    cardApplicationStats(groupBy: [PROGRAM, STAGE, OVERDUE]) { total rows { program stage overdue count suppressed } }
    householdStats { metric label key keyLabel count suppressed }
    educationStats { metric label key keyLabel count suppressed }
    healthStats { metric label key keyLabel count suppressed }
    legalStats { metric label key keyLabel count suppressed }
    housingStats { metric label key keyLabel count suppressed }
    customsStats { metric label key keyLabel count suppressed }
  }
`;

type Counted = { count: number | null; suppressed: boolean };
type Figures = {
  caseStats: { total: number; minGroupSize: number; rows: (Counted & Record<string, unknown>)[] };
  talentStats: { total: number; rows: (Counted & Record<string, unknown>)[] };
  cardApplicationStats: { total: number; rows: (Counted & Record<string, unknown>)[] };
} & Record<'householdStats' | 'educationStats' | 'healthStats' | 'legalStats' | 'housingStats' | 'customsStats', (Counted & { metric: string; key: string | null })[]>;

let names: string[];

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 60 });
  const people = await harness.query<{ talents: { edges: { node: { name: string } }[] } }>(`{ talents(first: 100) { edges { node { name } } } }`);
  expect(people.errors).toBeUndefined();
  names = people.data!.talents.edges.map((edge) => edge.node.name);
});
afterAll(() => harness.stop());

const allRows = (figures: Figures) => [
  ...figures.caseStats.rows,
  ...figures.talentStats.rows,
  ...figures.cardApplicationStats.rows,
  ...figures.householdStats,
  ...figures.educationStats,
  ...figures.healthStats,
  ...figures.legalStats,
  ...figures.housingStats,
  ...figures.customsStats,
];

describe('figures', () => {
  it('give a coordinator exact counts, each subgraph asked once and reading once', async () => {
    const cases = await harness.query<{ cases: { totalCount: number } }>(`{ cases(first: 1) { totalCount } }`);
    harness.resetCounters();
    const result = await harness.query<Figures>(FIGURES);
    expect(result.errors).toBeUndefined();
    const figures = result.data!;
    expect(allRows(figures).every((row) => row.suppressed === false && typeof row.count === 'number')).toBe(true);
    expect(figures.talentStats.total).toBe(60);
    // Items are counted when DEPARTMENT is grouped: at least one per case.
    expect(figures.caseStats.total).toBeGreaterThanOrEqual(cases.data!.cases.totalCount);
    expect(cases.data!.cases.totalCount).toBeGreaterThan(0);
    expect(new Set(figures.caseStats.rows.map((row) => row.status)).size).toBe(6);
    expect(figures.caseStats.rows.some((row) => row.overdue === true)).toBe(true);
    expect(figures.householdStats.find((row) => row.metric === 'HUKOU_IN_PROGRESS_BY_STEP')).toBeDefined();
    // The departments' figures include their parts of the demo cases and their own records.
    expect(figures.legalStats.reduce((sum, row) => sum + (row.metric === 'CONSULTATIONS_BY_STATUS' ? row.count! : 0), 0)).toBeGreaterThan(0);

    expect(harness.requestCounts()).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 1])));
    const commands = harness.dbCommands();
    expect(commands).toEqual({
      // One aggregation each: the talent subgraph answers three figures queries in one request.
      talent: { 'aggregate cases': 1, 'aggregate talents': 1, 'aggregate card_applications': 1 },
      household: { 'aggregate hukou_transfers': 1 },
      education: { 'aggregate school_enrolments': 1 },
      health: { 'aggregate checkup_bookings': 1 },
      legal: { 'aggregate legal_consultations': 1 },
      housing: { 'aggregate talent_apartment_applications': 1 },
      customs: { 'aggregate airport_service_bookings': 1 },
    });
  });

  it('give an analyst the same tables with small groups suppressed and no names', async () => {
    const exact = (await harness.query<Figures>(FIGURES)).data!;
    const result = await harness.query<Figures>(FIGURES, {}, await bearer({ subject: 'analyst-test', role: 'analyst' }));
    expect(result.errors).toBeUndefined();
    const figures = result.data!;
    expect(figures.caseStats.minGroupSize).toBe(5);
    const seen = allRows(figures);
    const truth = allRows(exact);
    expect(seen.length).toBe(truth.length);
    seen.forEach((row, index) => {
      const count = truth[index].count!;
      if (count > 0 && count < 5) expect(row, JSON.stringify(truth[index])).toMatchObject({ count: null, suppressed: true });
      if (!row.suppressed) expect(row.count).toBe(count);
    });
    expect(seen.some((row) => row.suppressed)).toBe(true);
    expect(seen.some((row) => !row.suppressed && row.count! >= 5)).toBe(true);
    const text = JSON.stringify(result);
    for (const name of names) expect(text).not.toContain(name);
  });

  it("give a department's staff their own figures and refuse the others'", async () => {
    const staff = await bearer({ subject: 'household-staff', role: 'department_staff', department: 'household' });
    const own = await harness.query<Pick<Figures, 'householdStats'>>(`{ householdStats { metric count } }`, {}, staff);
    expect(own.errors).toBeUndefined();
    expect(own.data!.householdStats.length).toBeGreaterThan(0);
    const other = await harness.query(`{ legalStats { metric count } talentStats(groupBy: [PROGRAM]) { total } }`, {}, staff);
    expect((other.errors ?? []).map((error) => `${error.path?.join('.')}: ${error.extensions?.code}`).sort()).toEqual(['legalStats: FORBIDDEN', 'talentStats: FORBIDDEN']);
  });

  it('give a window specialist the case figures only, and a talent none', async () => {
    const refused = async (headers: Record<string, string>) =>
      ((await harness.query(`{ caseStats(groupBy: [STATUS]) { total } talentStats(groupBy: [PROGRAM]) { total } householdStats { count } }`, {}, headers)).errors ?? [])
        .map((error) => `${error.path?.join('.')}: ${error.extensions?.code}`)
        .sort();
    expect(await refused(await bearer({ subject: 'specialist-test', role: 'specialist' }))).toEqual(['householdStats: FORBIDDEN', 'talentStats: FORBIDDEN']);
    // A talent is refused each one; the first refused non-null field of the window's answer stops the rest of it.
    const talent = await harness.query(`{ caseStats(groupBy: [STATUS]) { total } householdStats { count } }`, {}, await bearer({ subject: 'talent-test', role: 'talent', talentId: '7a1e4700000000000000000a' }));
    expect(talent.data ?? null).toBeNull();
    expect((talent.errors ?? []).map((error) => `${error.path?.join('.')}: ${error.extensions?.code}`).sort()).toEqual(['caseStats: FORBIDDEN', 'householdStats: FORBIDDEN']);
  });
});
