// The demo card applications: every stage of the three programs is represented, some are overdue (督办),
// one is returned and one refused, and the stored state reads through the graph like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../../test/environment';
import { todayInChina } from '../../kit/dates';
import { SeededRandom } from '../../kit/seed-random';
import { buildTalentSubgraph } from '../server';
import { seedCardApplications } from './seed';
import { stagesOf } from './stages';

let fixture: SubgraphFixture;
const clock = new TestClock();

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
  await seedCardApplications(fixture.connection, new SeededRandom(7), todayInChina(clock.now()), 24);
});

describe('demo card applications', () => {
  it('cover every stage, with overdue, returned and refused ones', async () => {
    const result = await fixture.run<{ cardApplications: { totalCount: number; edges: { node: { stage: string; status: string; overdue: boolean; person: { name: string } } }[] } }>(
      `{ cardApplications(first: 100) { totalCount edges { node { stage status overdue person { name } } } } }`,
      {},
      { subject: 'coordinator', role: 'coordinator' },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.cardApplications.edges.map((edge) => edge.node);
    expect(result.data!.cardApplications.totalCount).toBe(24);
    const stages = new Set(nodes.map((node) => node.stage));
    for (const rule of [...stagesOf('GUANGZHOU_GREEN_CARD'), ...stagesOf('BAIYUN_YUNJU'), ...stagesOf('WUHAN_GREEN_CHANNEL')]) expect(stages).toContain(rule.stage);
    expect(nodes.filter((node) => node.overdue).length).toBeGreaterThan(3);
    expect(nodes.map((node) => node.status)).toEqual(expect.arrayContaining(['RETURNED', 'REFUSED', 'IN_PROGRESS']));
    expect(nodes.every((node) => node.person.name.length > 1)).toBe(true);
  });
});
