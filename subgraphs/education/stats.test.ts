// educationStats (统计, issue 10): children's enrolment requests by level and status (000 八) — one
// aggregation, one branch per level, the same as counting the stored requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { todayInChina } from '../kit/dates';
import { SCHOOL_LEVELS } from '../kit/school-age';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import { seedEducation } from './seed';
import { buildEducationSubgraph } from './server';

let fixture: SubgraphFixture;
const today = todayInChina();
type Count = { metric: string; key: string | null; count: number | null };

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildEducationSubgraph);
  await seedEducation(fixture.connection, generateTalents(300, new SeededRandom(71), today), new SeededRandom(72), today);
});
afterAll(() => fixture.close());

describe('educationStats', () => {
  it('counts requests by level and status in one aggregation', async () => {
    const stored = await fixture.connection.models.SchoolEnrolment.find({}).lean<{ level: string; status: string }[]>();
    fixture.dbCommands.reset();
    const result = await fixture.run<{ educationStats: Count[] }>(`{ educationStats { metric key count } }`, {}, { subject: 'e', role: 'department_staff', department: 'education' });
    expect(result.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual({ 'aggregate school_enrolments': 1 });
    for (const level of SCHOOL_LEVELS) {
      for (const row of result.data!.educationStats.filter((candidate) => candidate.metric === `ENROLMENTS_${level}_BY_STATUS`)) {
        expect(row.count, `${level} ${row.key}`).toBe(stored.filter((enrolment) => enrolment.level === level && enrolment.status === row.key).length);
      }
    }
    expect(result.data!.educationStats.reduce((sum, row) => sum + row.count!, 0)).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(0);
  });
});
