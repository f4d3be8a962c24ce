// 并行办理 visible in the plan (DESIGN.md "Services"; 004 第十条): for the talent view the gateway
// fetches the talent first, then all six departments side by side inside one Parallel node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanNode } from '@apollo/query-planner';
import { DEPARTMENT_NAMES } from '../subgraphs/kit/departments';
import { seededObjectId } from '../subgraphs/kit/seed-random';
import { TALENT_ID_NAMESPACE } from '../subgraphs/talent/seed';
import { startHarness, type Harness } from './harness';
import { TALENTS_VIEW, TALENT_VIEW } from './queries';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 8 });
});
afterAll(() => harness.stop());

/** The subgraph each fetch under a node goes to (Flatten unwrapped). */
function fetchedServices(node: PlanNode): string[] {
  if (node.kind === 'Fetch') return [node.serviceName];
  if (node.kind === 'Flatten') return fetchedServices(node.node);
  return [];
}

describe('the query plan of the talent view', () => {
  it.each([
    ['one talent', TALENT_VIEW, { id: seededObjectId(TALENT_ID_NAMESPACE, 1) }],
    ['a page of talents', TALENTS_VIEW, { first: 8 }],
  ])('for %s: the talent, then the six departments in one Parallel node', async (_label, query, variables) => {
    harness.resetCounters();
    const result = await harness.query(query, variables);
    expect(result.errors).toBeUndefined();
    expect(harness.queryPlans).toHaveLength(1);
    const root = harness.queryPlans[0].node!;
    expect(root.kind).toBe('Sequence');
    if (root.kind !== 'Sequence') return;
    expect(root.nodes).toHaveLength(2);
    const [first, second] = root.nodes;
    expect(fetchedServices(first)).toEqual(['talent']);
    expect(second.kind).toBe('Parallel');
    if (second.kind !== 'Parallel') return;
    expect(second.nodes.flatMap(fetchedServices).sort()).toEqual([...DEPARTMENT_NAMES].sort());
  });
});
