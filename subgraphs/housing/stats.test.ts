// housingStats (统计, issue 10): the talent-apartment waitlist's length and allocations per project,
// and applications by status — one aggregation, the same as counting the stored applications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { todayInChina } from '../kit/dates';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import { seedHousing } from './seed';
import { buildHousingSubgraph } from './server';

let fixture: SubgraphFixture;
const today = todayInChina();
type Count = { metric: string; key: string | null; keyLabel: string | null; count: number | null };

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildHousingSubgraph);
  await seedHousing(fixture.connection, generateTalents(200, new SeededRandom(51), today), new SeededRandom(52), today);
});
afterAll(() => fixture.close());

describe('housingStats', () => {
  it('counts the waitlist and allocations per project and applications by status in one aggregation', async () => {
    const stored = await fixture.connection.models.TalentApartmentApplication.find({}).lean<{ project: string; status: string }[]>();
    fixture.dbCommands.reset();
    const result = await fixture.run<{ housingStats: Count[] }>(`{ housingStats { metric key keyLabel count } }`, {}, { subject: 'h', role: 'department_staff', department: 'housing' });
    expect(result.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual({ 'aggregate talent_apartment_applications': 1 });
    const rows = result.data!.housingStats;
    for (const [metric, status] of [['APARTMENT_WAITLIST_BY_PROJECT', 'WAITLISTED'], ['APARTMENT_ALLOCATED_BY_PROJECT', 'ALLOCATED']]) {
      const projects = [...new Set(stored.filter((application) => application.status === status).map((application) => application.project))].sort();
      expect(rows.filter((row) => row.metric === metric).map((row) => [row.key, row.count])).toEqual(
        projects.map((project) => [project, stored.filter((application) => application.status === status && application.project === project).length]),
      );
    }
    const byStatus = rows.filter((row) => row.metric === 'APARTMENT_APPLICATIONS_BY_STATUS');
    expect(byStatus.find((row) => row.key === 'WAITLISTED')!.keyLabel).toBe('轮候中');
    for (const row of byStatus) expect(row.count).toBe(stored.filter((application) => application.status === row.key).length);
    expect(byStatus.reduce((sum, row) => sum + row.count!, 0)).toBe(stored.length);
  });
});
