// The demo cases through the gateway (issue 10 "Demo data"): on a fresh start every case reads
// whole — each department's part side by side — and each department shows the window's parts with
// the same status and due day (one plan, talent/cases/demo-plan.ts); the overdue ones say by how
// many working days (004 第十七条).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_DEPARTMENT, type ServiceCode } from '../subgraphs/kit/case-forms';
import { startHarness, type GraphQLResponse, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ demoTalents: 300 });
});
afterAll(() => harness.stop());

const PART = 'item status dueOn';
const PAGE = /* GraphQL */ `
  query DemoCases($after: String) {
    cases(first: 30, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id status overdue overdueWorkingDays items { service status dueOn overdue overdueWorkingDays }
        household { ${PART} } education { ${PART} } health { ${PART} } legal { ${PART} } housing { ${PART} } customs { ${PART} } } }
    }
  }
`;
type Part = { item: string; status: string; dueOn: string };
type Page = { cases: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Node }[] } };
type Node = { id: string; status: string; overdue: boolean; overdueWorkingDays: number; items: { service: ServiceCode; status: string; dueOn: string; overdue: boolean; overdueWorkingDays: number }[] } & Record<string, Part[] | unknown>;

describe('the demo cases', () => {
  it("read whole, each department's part matching the window's", async () => {
    const nodes: Node[] = [];
    let after: string | null = null;
    do {
      const result: GraphQLResponse<Page> = await harness.query<Page>(PAGE, { after });
      expect(result.errors).toBeUndefined();
      nodes.push(...result.data!.cases.edges.map((edge) => edge.node));
      after = result.data!.cases.pageInfo.hasNextPage ? result.data!.cases.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(nodes.map((node) => node.status)).size).toBe(6);
    for (const node of nodes) {
      for (const item of node.items) {
        const task = (node[SERVICE_DEPARTMENT[item.service]] as Part[]).find((part) => part.item === item.service);
        // A part whose hand-over failed has not reached its department yet.
        if (item.status === 'PENDING') expect(task, `${node.id} ${item.service}`).toBeUndefined();
        else expect({ status: task?.status, dueOn: task?.dueOn }, `${node.id} ${item.service}`).toEqual({ status: item.status, dueOn: item.dueOn });
        expect(item.overdueWorkingDays > 0).toBe(item.overdue);
      }
      expect(node.overdueWorkingDays).toBe(Math.max(0, ...node.items.map((item) => item.overdueWorkingDays)));
    }
    expect(nodes.filter((node) => node.overdue).length).toBeGreaterThan(2);
  });
});
