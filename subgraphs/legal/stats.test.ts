// legalStats (统计, issue 10): consultations by status and by category (the free 咨询 apart from
// fee-bearing work, 000 十二（三）; 002 十) — one aggregation, the same as counting the stored records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { todayInChina } from '../kit/dates';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import { seedLegal } from './seed';
import { buildLegalSubgraph } from './server';

let fixture: SubgraphFixture;
const today = todayInChina();
type Count = { metric: string; key: string | null; count: number | null };

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildLegalSubgraph);
  await seedLegal(fixture.connection, generateTalents(200, new SeededRandom(61), today), new SeededRandom(62), today);
});
afterAll(() => fixture.close());

describe('legalStats', () => {
  it('counts consultations by status and category in one aggregation', async () => {
    const stored = await fixture.connection.models.LegalConsultation.find({}).lean<{ status: string; category: string }[]>();
    fixture.dbCommands.reset();
    const result = await fixture.run<{ legalStats: Count[] }>(`{ legalStats { metric key count } }`, {}, { subject: 'a', role: 'coordinator' });
    expect(result.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual({ 'aggregate legal_consultations': 1 });
    for (const [metric, field] of [['CONSULTATIONS_BY_STATUS', 'status'], ['CONSULTATIONS_BY_CATEGORY', 'category']] as const) {
      const rows = result.data!.legalStats.filter((row) => row.metric === metric);
      for (const row of rows) expect(row.count, `${metric} ${row.key}`).toBe(stored.filter((consultation) => consultation[field] === row.key).length);
      expect(rows.reduce((sum, row) => sum + row.count!, 0)).toBe(stored.length);
    }
    expect(stored.length).toBeGreaterThan(0);
  });
});
