// Nothing lost, nothing doubled (issue 8; DESIGN.md "The flow of a case"): 100 cases from 6
// clients while two departments and the window itself are stopped and started again, in turn.
// Once the system settles, every answered case is stored once, every item has its department
// task, the window and the departments agree on every status, nothing is stuck, and no part was
// dead-lettered (every request here is valid). The counts are asserted, so a lost or doubled
// case or task fails it. `npm run chaos` runs the same scenario at a larger size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChaos } from './chaos';
import { withTestTalents } from './cases';
import { startHarness, type Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

describe('chaos: subgraphs stopped and restarted while cases come in', () => {
  it('loses and doubles nothing', { timeout: 150_000 }, async () => {
    const report = await runChaos(harness, { cases: 100, clients: 6, faults: ['legal', 'talent', 'health'], settleMs: 60_000 });
    expect(report.faultsInjected).toBeGreaterThanOrEqual(3);
    expect(report).toEqual({
      submitted: 100,
      accepted: 100,
      refused: 0,
      stored: 100,
      lost: 0,
      duplicated: 0,
      missingTasks: 0,
      stuck: 0,
      deadLettered: 0,
      faultsInjected: report.faultsInjected,
    });
  });
});
