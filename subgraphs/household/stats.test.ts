// householdStats (统计, issue 10): hukou transfers in progress by their current step (000 一（二）),
// by status, and settled this year — counted in one aggregation, the same as counting the stored
// transfers one by one; small groups suppressed for analysts; for this office, coordinators and analysts only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { Viewer } from '../kit/context';
import { todayInChina } from '../kit/dates';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import { HUKOU_STEPS } from './rules';
import { seedHousehold } from './seed';
import { buildHouseholdSubgraph } from './server';

let fixture: SubgraphFixture;
const today = todayInChina();
const STATS = `{ householdStats { metric label key keyLabel count suppressed } }`;
type Count = { metric: string; key: string | null; count: number | null; suppressed: boolean };

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildHouseholdSubgraph);
  await seedHousehold(fixture.connection, generateTalents(200, new SeededRandom(21), today), new SeededRandom(22), today);
});
afterAll(() => fixture.close());

describe('householdStats', () => {
  it('counts transfers by current step and status in one aggregation', async () => {
    const stored = await fixture.connection.models.HukouTransfer.find({}).lean<{ status: string; settledOn: string | null; steps: { step: string; completedAt: Date | null }[] }[]>();
    fixture.dbCommands.reset();
    const result = await fixture.run<{ householdStats: Count[] }>(STATS, {}, { subject: 'c', role: 'coordinator' });
    expect(result.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual({ 'aggregate hukou_transfers': 1 });
    const rows = result.data!.householdStats;
    const atStep = (step: string) => stored.filter((transfer) => transfer.status === 'IN_PROGRESS' && transfer.steps.find((candidate) => !candidate.completedAt)?.step === step).length;
    expect(rows.filter((row) => row.metric === 'HUKOU_IN_PROGRESS_BY_STEP').map((row) => [row.key, row.count])).toEqual(HUKOU_STEPS.map((step) => [step, atStep(step)]));
    expect(rows.filter((row) => row.metric === 'HUKOU_IN_PROGRESS_BY_STEP').reduce((sum, row) => sum + row.count!, 0)).toBe(stored.filter((transfer) => transfer.status === 'IN_PROGRESS').length);
    for (const row of rows.filter((candidate) => candidate.metric === 'HUKOU_TRANSFERS_BY_STATUS')) expect(row.count).toBe(stored.filter((transfer) => transfer.status === row.key).length);
    const year = today.slice(0, 4);
    expect(rows.find((row) => row.metric === 'HUKOU_SETTLED_THIS_YEAR')!.count).toBe(stored.filter((transfer) => transfer.status === 'SETTLED' && transfer.settledOn?.startsWith(year)).length);
  });

  it('suppresses small groups for analysts, and is refused to other departments and talents', async () => {
    const exact = (await fixture.run<{ householdStats: Count[] }>(STATS, {}, { subject: 'h', role: 'department_staff', department: 'household' })).data!.householdStats;
    const seen = (await fixture.run<{ householdStats: Count[] }>(STATS, {}, { subject: 'a', role: 'analyst' })).data!.householdStats;
    seen.forEach((row, index) => {
      if (exact[index].count! > 0 && exact[index].count! < 5) expect(row).toMatchObject({ count: null, suppressed: true });
      if (!row.suppressed) expect(row.count).toBe(exact[index].count);
    });
    for (const viewer of [{ subject: 'l', role: 'department_staff', department: 'legal' }, { subject: 't', role: 'talent', talentId: '64c000000000000000000001' }] as Viewer[]) {
      const refused = await fixture.run(STATS, {}, viewer);
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });
});
