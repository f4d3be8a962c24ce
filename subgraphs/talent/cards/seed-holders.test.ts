// The demo holders (seed.ts with cards/seed.ts withCardLife): cards in every status, each part of a
// card's life represented, read through the graph like any other holder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../../test/environment';
import { todayInChina } from '../../kit/dates';
import { SeededRandom } from '../../kit/seed-random';
import { buildTalentSubgraph } from '../server';
import { generateTalents, seedTalents } from '../seed';
import { firstDayOfNextMonth } from '../rules';

let fixture: SubgraphFixture;
const clock = new TestClock();

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
});
afterAll(() => fixture.close());

describe('demo holders', () => {
  it('hold cards in every status with a card life behind them: reissued, renewed, changed (one late), assessed, on the contact list from next month, retired, terminated', async () => {
    const today = todayInChina(clock.now());
    const random = new SeededRandom(11);
    await seedTalents(fixture.connection, generateTalents(200, random.fork('talents'), today), random.fork('talent'), today);
    type Holder = { mainCard: { status: string; contactListFrom: string | null; terminationGround: string | null; retiredOn: string | null }; cardHistory: { event: string }[]; cardChanges: { late: boolean }[]; assessments: { result: string }[] };
    const holders: Holder[] = [];
    let after: string | null = null;
    do {
      const page: { data?: { talents: { edges: { node: Holder }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null; errors?: readonly unknown[] } = await fixture.run(
        `query Page($after: String) { talents(first: 100, after: $after) { edges { node { mainCard { status contactListFrom terminationGround retiredOn } cardHistory { event } cardChanges { late } assessments { result } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        { subject: 'coordinator', role: 'coordinator' },
      );
      expect(page.errors).toBeUndefined();
      holders.push(...page.data!.talents.edges.map((edge) => edge.node));
      after = page.data!.talents.pageInfo.hasNextPage ? page.data!.talents.pageInfo.endCursor : null;
    } while (after);
    expect(holders).toHaveLength(200);
    const events = holders.flatMap((holder) => holder.cardHistory.map((entry) => entry.event));
    expect(new Set(events)).toEqual(new Set(['REISSUED', 'RENEWED']));
    expect(new Set(holders.flatMap((holder) => holder.cardChanges.map((change) => change.late)))).toEqual(new Set([true, false]));
    expect(holders.some((holder) => holder.assessments.length > 0)).toBe(true);
    const movingNextMonth = holders.filter((holder) => holder.mainCard.status === 'ACTIVE' && holder.mainCard.contactListFrom === firstDayOfNextMonth(today));
    expect(movingNextMonth.length).toBeGreaterThan(0);
    expect(holders.some((holder) => holder.mainCard.retiredOn)).toBe(true);
    expect(new Set(holders.filter((holder) => holder.mainCard.status === 'REVOKED').map((holder) => holder.mainCard.terminationGround))).toEqual(new Set(['FRAUD', 'CRIME']));
  });
});
afterAll(() => fixture.close());
