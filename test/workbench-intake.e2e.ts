// 统一受理 at the workbench's window (issue 10; 004 第七、八条; 002 二（一）2): a specialist finds the
// talent, chooses two items, sees every material at once (一次性告知), ticks them, fills each form;
// the graph's refusal (a checkup date in the past) is shown on the field it belongs to; corrected and
// submitted with a double click, it makes exactly one case.
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../subgraphs/kit/dates';
import { BAIYUN, withTestTalents } from './cases';
import { workbenchStack, openWorkbench, screenshot } from './workbench-browser';

const stack = workbenchStack({}, withTestTalents);

const CASES_OF_TALENT = `query($talentId: ID!) { cases(filter: { talentId: $talentId }) { totalCount edges { node { id status items { service } } } } }`;

describe('the intake window', () => {
  it('goes from search to a submitted case, shows a refusal on its field, and a double click makes one case', async () => {
    const { page, foreignRequests, failures } = await openWorkbench(stack.browser, stack.harness.gatewayUrl, '/intake', { subject: 'window-zhang', role: 'specialist' });
    const submissions: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && (request.postData() ?? '').includes('IntakeSubmitCase')) submissions.push(request.postData() ?? '');
    });

    await page.getByLabel('查找人才').fill('陈思远');
    await page.getByLabel('查找人才').press('Enter');
    const result = page.getByTestId('talent-results').locator('.ant-list-item').filter({ hasText: '陈思远' });
    await result.getByRole('button', { name: /选择/ }).click();

    await page.getByRole('checkbox', { name: /免费法律咨询/ }).check();
    await page.getByRole('checkbox', { name: /年度免费体检/ }).check();
    // 一次性告知: every material of both items, key and non-key, at once.
    await page.getByText('一次性告知 Everything needed, at once').waitFor();
    for (const material of ['人才卡（主卡）', '体检回执', '咨询事项说明及相关材料']) await page.getByRole('checkbox', { name: new RegExp(material.replace(/[（）]/g, '.')) }).waitFor();
    await page.getByRole('button', { name: /全部已提交/ }).click();

    await page.getByTestId('form-LEGAL_CONSULTATION').getByRole('textbox', { name: '咨询事项' }).fill('劳动合同纠纷咨询');
    const checkupForm = page.getByTestId('form-FREE_ANNUAL_CHECKUP');
    await checkupForm.getByLabel('体检日期').fill('2020-01-01');
    await page.getByRole('button', { name: /提交受理/ }).click();

    // The refusal is on the checkup date's field, with its rule.
    const fieldError = checkupForm.locator('.ant-form-item-explain-error');
    await fieldError.first().waitFor();
    expect(await fieldError.first().textContent()).toContain('体检日期不能早于今天');
    await screenshot(page, 'workbench-intake-refused');
    expect((await stack.harness.query<{ cases: { totalCount: number } }>(CASES_OF_TALENT, { talentId: BAIYUN })).data!.cases.totalCount).toBe(0);

    await checkupForm.getByLabel('体检日期').fill(addDays(todayInChina(stack.harness.clock.now()), 3));
    await page.getByRole('button', { name: /提交受理/ }).dblclick();
    await page.getByText('已受理 Case accepted').waitFor();
    const created = await page.getByTestId('created-case').locator('a').textContent();
    await screenshot(page, 'workbench-intake-accepted');

    const cases = await stack.harness.query<{ cases: { totalCount: number; edges: { node: { id: string; items: { service: string }[] } }[] } }>(CASES_OF_TALENT, { talentId: BAIYUN });
    expect(cases.errors).toBeUndefined();
    expect(cases.data!.cases.totalCount).toBe(1);
    expect(cases.data!.cases.edges[0].node.id).toBe(created);
    expect(cases.data!.cases.edges[0].node.items.map((item) => item.service).sort()).toEqual(['FREE_ANNUAL_CHECKUP', 'LEGAL_CONSULTATION']);
    // Both submissions of the accepted case (the refused one, then the double click) carried the same request key.
    const keys = submissions.map((body) => (JSON.parse(body) as { variables: { input: { requestKey: string } } }).variables.input.requestKey);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(failures).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
