// 督办 in the workbench (issue 10; 004 第十七条): a coordinator opens the supervision board and
// sees the overdue counts the graph reports — per department and in total — with the working days
// each case is past its limit, oldest first. The page loads from the gateway alone.
import { describe, expect, it } from 'vitest';
import { BAIYUN, itemsReach, legalItem, SUBMIT, withTestTalents } from './cases';
import { COORDINATOR } from './tokens';
import { openWorkbench, screenshot, WAIT_MS, workbenchStack } from './workbench-browser';

const stack = workbenchStack({}, async (harness) => {
  harness.clock.set(new Date('2026-09-29T10:00:00+08:00'));
  await withTestTalents(harness);
});

const GRAPH_OVERDUE = /* GraphQL */ `
  {
    all: cases(filter: { overdue: true }) { totalCount edges { node { id overdueWorkingDays } } }
    stats: caseStats(groupBy: [DEPARTMENT, STATUS, OVERDUE]) { rows { department status overdue count } }
  }
`;

describe('the supervision board', () => {
  it('shows the overdue counts the graph reports', async () => {
    const ids: string[] = [];
    for (const key of ['wb-board-1', 'wb-board-2']) {
      const submitted = await stack.harness.query<{ submitCase: { id: string } }>(SUBMIT, {
        input: { requestKey: key, talentId: BAIYUN, items: [legalItem], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] },
      });
      expect(submitted.errors).toBeUndefined();
      ids.push(submitted.data!.submitCase.id);
    }
    for (const id of ids) await itemsReach(stack.harness, id, { LEGAL_CONSULTATION: ['IN_PROGRESS', 'RECEIVED'] });
    // Past the 5 working days (Oct 1–7 are holidays): due 2026-10-12, so overdue on the 14th.
    stack.harness.clock.set(new Date('2026-10-14T09:00:00+08:00'));

    const graph = await stack.harness.query<{
      all: { totalCount: number; edges: { node: { id: string; overdueWorkingDays: number } }[] };
      stats: { rows: { department: string; status: string; overdue: boolean; count: number }[] };
    }>(GRAPH_OVERDUE);
    expect(graph.errors).toBeUndefined();
    const overdueCases = graph.data!.all.totalCount;
    const legalOverdue = graph.data!.stats.rows.filter((row) => row.department === 'LEGAL' && row.overdue && ['RECEIVED', 'IN_PROGRESS', 'READY_FOR_DELIVERY'].includes(row.status)).reduce((sum, row) => sum + row.count, 0);
    expect(overdueCases).toBe(2);
    expect(legalOverdue).toBe(2);

    const { page, foreignRequests, failures } = await openWorkbench(stack.browser, stack.harness.gatewayUrl, '/dashboard', COORDINATOR);
    await page.getByText('督办 Supervision board').waitFor();
    const total = page.locator('.ant-statistic').filter({ hasText: '逾期办件 Overdue cases' }).locator('.ant-statistic-content-value');
    await expect.poll(() => total.textContent(), { timeout: WAIT_MS }).toBe(String(overdueCases));
    const legalRow = page.getByTestId('department-table').locator('tr').filter({ hasText: '司法局（法律顾问）' });
    await expect.poll(() => legalRow.locator('td').nth(2).textContent(), { timeout: WAIT_MS }).toBe(String(legalOverdue));
    // Each overdue case with the working days the graph counts, linked to its page.
    const rows = page.getByTestId('overdue-cases').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: WAIT_MS }).toBe(overdueCases);
    const days = graph.data!.all.edges[0].node.overdueWorkingDays;
    expect(days).toBeGreaterThan(0);
    await expect.poll(() => rows.first().locator('td').nth(4).textContent(), { timeout: WAIT_MS }).toBe(String(days));
    await screenshot(page, 'workbench-supervision');

    await rows.first().locator('a').first().click();
    await page.waitForURL(/\/cases\/[0-9a-f]{24}$/);
    await page.getByText('各部门办理情况（并行）').waitFor();
    expect(failures).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
