// 副卡 (003 四（二）、六（二）): only for the Guangzhou talent green card, only once the main card has
// been held a year, only for the spouse, minor children, parents and the spouse's parents.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../test/environment';
import { todayInChina } from '../kit/dates';
import { buildTalentSubgraph } from './server';
import { BAIYUN, CHILD, PARENT, SPOUSE, TIANHE, insertTestTalents } from './cases/fixtures';

let fixture: SubgraphFixture;
const clock = new TestClock();
const DAY = 24 * 3600_000;
const ISSUE = `mutation($t: ID!, $m: ID!) { issueAffiliatedCard(talentId: $t, familyMemberId: $m) { cards { kind holderName relation status } family { name cardNumber } } }`;

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
});
beforeEach(async () => {
  clock.set(new Date());
  await fixture.clear();
  await insertTestTalents(fixture.connection, todayInChina(clock.now()));
});
afterAll(() => fixture.close());

describe('副卡', () => {
  it('003 四（二）: not before the main card has been held a year; issued once it has', async () => {
    const early = await fixture.run(ISSUE, { t: TIANHE, m: SPOUSE });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'familyMemberId', rule: 'MAIN_CARD_HELD_ONE_YEAR', source: '003 四（二）' });
    clock.advance(200 * DAY);
    const issued = await fixture.run<{ issueAffiliatedCard: { cards: { kind: string; relation: string | null }[]; family: { name: string; cardNumber: string | null }[] } }>(ISSUE, { t: TIANHE, m: SPOUSE });
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueAffiliatedCard.cards).toEqual([
      { kind: 'MAIN', holderName: '测试', relation: null, status: 'ACTIVE' },
      { kind: 'AFFILIATED', holderName: '林晓燕', relation: 'SPOUSE', status: 'ACTIVE' },
    ]);
    const again = await fixture.run(ISSUE, { t: TIANHE, m: SPOUSE });
    expect(again.errors?.[0].extensions).toMatchObject({ rule: 'AFFILIATED_CARD_EXISTS' });
  });

  it('003 六（二）: parents and minor children may hold one; an adult child may not', async () => {
    clock.advance(200 * DAY);
    expect((await fixture.run(ISSUE, { t: TIANHE, m: PARENT })).errors).toBeUndefined();
    expect((await fixture.run(ISSUE, { t: TIANHE, m: CHILD })).errors).toBeUndefined();
    clock.advance(15 * 365 * DAY); // the child is now an adult (and the main card long expired)
    const adult = await fixture.run(ISSUE, { t: TIANHE, m: '64c0000000000000000000a4' });
    expect((adult.errors?.[0].extensions?.problems as { rule: string }[]).map((problem) => problem.rule)).toEqual(['MAIN_CARD_NOT_ACTIVE', 'AFFILIATED_CARD_RELATION']);
  });

  it('003 六（二）: only the Guangzhou talent green card has 副卡', async () => {
    clock.advance(200 * DAY);
    const baiyun = await fixture.run(ISSUE, { t: BAIYUN, m: SPOUSE });
    expect(baiyun.errors?.[0].extensions).toMatchObject({ rule: 'AFFILIATED_CARD_PROGRAM', source: '003 六（二）' });
  });
});
