// 统计 for analysts (issue 10; DESIGN "Ad-hoc analysts"): the figures page shows the graph's counts
// as tables and charts — the totals the graph reports — with no name, employer or card number of any
// person anywhere on the page or in its CSV export.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bearer } from './tokens';
import { workbenchStack, openWorkbench, screenshot } from './workbench-browser';

const stack = workbenchStack({ demoTalents: 40 });
const ANALYST = { subject: 'analyst-zhou', role: 'analyst' as const };

const PEOPLE = `{ talents(first: 100) { edges { node { name employer mainCard { number } family { name } } } } }`;

describe('the figures page', () => {
  it('shows an analyst the graph’s counts and no names anywhere', async () => {
    const figures = await stack.harness.query<{ talentStats: { total: number }; caseStats: { total: number } }>(
      `{ talentStats(groupBy: [PROGRAM, DISTRICT, CARD_STATUS]) { total } caseStats(groupBy: [DEPARTMENT, STATUS]) { total } }`,
      undefined,
      await bearer(ANALYST),
    );
    expect(figures.errors).toBeUndefined();
    expect(figures.data!.talentStats.total).toBe(40);
    const people = await stack.harness.query<{ talents: { edges: { node: { name: string; employer: string; mainCard: { number: string }; family: { name: string }[] } }[] } }>(PEOPLE);
    const identifying = people.data!.talents.edges.flatMap(({ node }) => [node.name, node.employer, node.mainCard.number, ...node.family.map((member) => member.name)]);
    expect(identifying.length).toBeGreaterThan(40);

    const { page, foreignRequests, failures } = await openWorkbench(stack.browser, stack.harness.gatewayUrl, '/figures', ANALYST);
    const talentsCard = page.locator('.ant-card').filter({ hasText: `Talents — 共 ${figures.data!.talentStats.total}` }).first();
    await talentsCard.waitFor();
    await page.locator('.ant-card-head-title', { hasText: `Cases — 共 ${figures.data!.caseStats.total}` }).waitFor();
    await page.locator('.ant-card-head-title', { hasText: '公安户政·人社（落户）' }).waitFor();
    await page.locator('canvas').first().waitFor();
    expect(await talentsCard.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await screenshot(page, 'workbench-figures-analyst');

    const text = (await page.locator('body').textContent()) ?? '';
    expect(identifying.filter((value) => text.includes(value))).toEqual([]);

    const download = page.waitForEvent('download');
    await talentsCard.getByRole('button', { name: /导出 CSV/ }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFF项目 Program,区 District,卡状态 Card status,人数 Count');
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
    expect(identifying.filter((value) => csv.includes(value))).toEqual([]);
    expect(failures).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
