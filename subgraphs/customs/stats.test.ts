// customsStats (统计, issue 10): airport VIP services used and booked this year by scope (000
// 十三（三）) and exit-entry items by status: both collections in ONE aggregation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { todayInChina } from '../kit/dates';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import { seedCustoms } from './seed';
import { buildCustomsSubgraph } from './server';

let fixture: SubgraphFixture;
const today = todayInChina();
type Count = { metric: string; key: string | null; count: number | null };

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildCustomsSubgraph);
  await seedCustoms(fixture.connection, generateTalents(200, new SeededRandom(41), today), new SeededRandom(42), today);
});
afterAll(() => fixture.close());

describe('customsStats', () => {
  it('counts this year’s airport services and the exit-entry items in one aggregation over both collections', async () => {
    const bookings = await fixture.connection.models.AirportServiceBooking.find({}).lean<{ scope: string; status: string; flightTime: Date }[]>();
    const items = await fixture.connection.models.ExitEntryItem.find({}).lean<{ status: string }[]>();
    fixture.dbCommands.reset();
    const result = await fixture.run<{ customsStats: Count[] }>(`{ customsStats { metric key count } }`, {}, { subject: 'c', role: 'coordinator' });
    expect(result.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual({ 'aggregate airport_service_bookings': 1 });
    const rows = result.data!.customsStats;
    const year = today.slice(0, 4);
    const thisYear = (at: Date) => todayInChina(at).startsWith(year);
    for (const [metric, status] of [['AIRPORT_SERVICES_USED_THIS_YEAR', 'SERVED'], ['AIRPORT_SERVICES_BOOKED_THIS_YEAR', 'BOOKED']]) {
      for (const row of rows.filter((candidate) => candidate.metric === metric)) {
        expect(row.count, `${metric} ${row.key}`).toBe(bookings.filter((booking) => booking.scope === row.key && booking.status === status && thisYear(booking.flightTime)).length);
      }
    }
    const exitEntry = rows.filter((row) => row.metric === 'EXIT_ENTRY_ITEMS_BY_STATUS');
    for (const row of exitEntry) expect(row.count).toBe(items.filter((item) => item.status === row.key).length);
    expect(exitEntry.reduce((sum, row) => sum + row.count!, 0)).toBe(items.length);
    expect(items.length).toBeGreaterThan(0);
  });
});
