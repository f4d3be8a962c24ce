// The subgraphs' view of the world in tests: addresses filled in once every subgraph listens,
// and a clock a test can move forward (working-day limits, overdue) without waiting.
import type { SubgraphName } from '../subgraphs/kit/departments';
import type { SubgraphEnvironment } from '../subgraphs/kit/subgraph';
import { loadWorkingCalendar } from '../subgraphs/kit/working-days';
import { createVerifier, readIdentityConfig } from '../subgraphs/kit/identity';
import { createServiceTokens } from '../subgraphs/kit/service-token';

export class TestClock {
  private offsetMs = 0;

  now = (): Date => new Date(Date.now() + this.offsetMs);

  /** Moves time forward (or back) for every subgraph sharing this clock. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Sets "now" to a moment; time runs on from there. */
  set(moment: Date): void {
    this.offsetMs = moment.getTime() - Date.now();
  }
}

const identity = readIdentityConfig({});
const verify = await createVerifier(identity);

export function testEnvironment(urls: Partial<Record<SubgraphName, string>>, clock = new TestClock()): SubgraphEnvironment {
  return {
    serviceToken: createServiceTokens(identity, 'test', {}),
    verify,
    subgraphUrl: (name) => urls[name] ?? `http://127.0.0.1:9/unstarted-${name}`,
    clock: clock.now,
    calendar: loadWorkingCalendar(),
    log: () => {},
  };
}
