// healthStats (统计, issue 10): this year's checkups by kind and status (000 十、十一) and the
// family-doctor contracts in force by package (002 八（四）): both collections in ONE aggregation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { todayInChina } from '../kit/dates';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import { seedHealth } from './seed';
import { buildHealthSubgraph } from './server';

let fixture: SubgraphFixture;
const today = todayInChina();
type Count = { metric: string; key: string | null; count: number | null };

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildHealthSubgraph);
  await seedHealth(fixture.connection, generateTalents(200, new SeededRandom(31), today), new SeededRandom(32), today);
});
afterAll(() => fixture.close());

describe('healthStats', () => {
  it('counts checkups and contracts in force in one aggregation over both collections', async () => {
    const checkups = await fixture.connection.models.CheckupBooking.find({}).lean<{ kind: string; year: number; status: string }[]>();
    const contracts = await fixture.connection.models.FamilyDoctorContract.find({}).lean<{ package: string; startsOn: string; endsOn: string }[]>();
    fixture.dbCommands.reset();
    const result = await fixture.run<{ healthStats: Count[] }>(`{ healthStats { metric key count } }`, {}, { subject: 'c', role: 'coordinator' });
    expect(result.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual({ 'aggregate checkup_bookings': 1 });
    const rows = result.data!.healthStats;
    const year = Number(today.slice(0, 4));
    for (const row of rows.filter((candidate) => candidate.metric.startsWith('CHECKUPS_THIS_YEAR_'))) {
      const kind = row.metric.replace('CHECKUPS_THIS_YEAR_', '');
      expect(row.count, `${kind} ${row.key}`).toBe(checkups.filter((booking) => booking.kind === kind && booking.year === year && booking.status === row.key).length);
    }
    const inForce = rows.filter((row) => row.metric === 'FAMILY_DOCTOR_CONTRACTS_IN_FORCE');
    expect(inForce.map((row) => row.key)).toEqual(['FREE', 'BASIC']);
    for (const row of inForce) expect(row.count).toBe(contracts.filter((contract) => contract.package === row.key && contract.startsOn <= today && contract.endsOn >= today).length);
    expect(inForce.reduce((sum, row) => sum + row.count!, 0)).toBeGreaterThan(0);
  });
});
