// The dashboard cost (issue 2; DESIGN.md "Data"): a page of N talents with all six departments
// costs each subgraph one request from the gateway and one DB query per collection it reads,
// for N = 1, 10 and 100 alike — never one per talent. Counted, not timed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { startHarness, type Harness } from './harness';
import { TALENT_VIEW_DB_COMMANDS, TALENTS_VIEW } from './queries';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 120 });
});
afterAll(() => harness.stop());

/** What each subgraph must read for the talent view: one command per collection, whatever N. */
const EXPECTED_DB_COMMANDS = TALENT_VIEW_DB_COMMANDS;

describe('a page of talents with every department', () => {
  it.each([1, 10, 100])('costs the same for %i talents: one request per subgraph, one DB query per collection', async (first) => {
    harness.resetCounters();
    const result = await harness.query<{ talents: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(TALENTS_VIEW, { first });
    expect(result.errors).toBeUndefined();
    expect(result.data!.talents.totalCount).toBe(120);
    expect(result.data!.talents.edges).toHaveLength(first);
    for (const { node } of result.data!.talents.edges) {
      for (const department of ['household', 'education', 'health', 'legal', 'housing', 'customs']) {
        expect(node[department], `${department} of ${String(node.id)}`).toBeTypeOf('object');
        expect(node[department]).not.toBeNull();
      }
    }
    expect(harness.requestCounts()).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 1])));
    const commands = harness.dbCommands();
    if (first === 1) {
      // One Baiyun talent: health need not read Liwan's family-doctor contracts at all.
      expect(commands).toEqual({ ...EXPECTED_DB_COMMANDS, health: { 'find checkup_bookings': 1 } });
    } else {
      expect(commands).toEqual(EXPECTED_DB_COMMANDS);
    }
    // Reading health and legal data (and customs' contact phones) is audited: at most one write per request, not one per talent.
    expect(harness.auditWrites()).toMatchObject({ household: 0, education: 0, health: 1, legal: 1, housing: 0 });
    expect(harness.auditWrites().customs).toBeLessThanOrEqual(1);
  });
});
