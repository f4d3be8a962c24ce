// For the card tests: the window's subgraph on a database of the file's own and a clock the test
// sets — opened once; before each test emptied, the clock put back at `moment` and the test talents
// (cases/fixtures.ts) written again.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { TestClock, testEnvironment } from '../../../test/environment';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { todayInChina } from '../../kit/dates';
import { insertTestTalents } from '../cases/fixtures';
import { buildTalentSubgraph } from '../server';

export function useRegistryFixture(moment: Date): { fixture: SubgraphFixture; clock: TestClock } {
  const clock = new TestClock();
  // Filled in when it opens, so a test file can name it at the top.
  const fixture = {} as SubgraphFixture;
  beforeAll(async () => {
    Object.assign(fixture, await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock)));
  });
  beforeEach(async () => {
    clock.set(moment);
    await fixture.clear();
    await insertTestTalents(fixture.connection, todayInChina(clock.now()));
  });
  afterAll(() => fixture.close());
  return { fixture, clock };
}
