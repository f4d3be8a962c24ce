// The case page (issue 10; 004 第十一、十二条 统一交付、统一建档): every department's part side by
// side, the timeline, and the window's deliver action — confirmed first — once every part is done.
import { describe, expect, it } from 'vitest';
import { BAIYUN, itemsReach, legalItem, staff, SUBMIT, withTestTalents } from './cases';
import { chooseOption, confirmPopconfirm, openWorkbench, screenshot, WAIT_MS, workbenchStack } from './workbench-browser';

const stack = workbenchStack({}, withTestTalents);

describe('the case page', () => {
  it('delivers a case whose parts are all done, after confirmation', async () => {
    const submitted = await stack.harness.query<{ submitCase: { id: string } }>(SUBMIT, {
      input: { requestKey: 'wb-case-deliver', talentId: BAIYUN, items: [legalItem], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] },
    });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitCase.id;
    const working = await itemsReach(stack.harness, id, { LEGAL_CONSULTATION: ['IN_PROGRESS'] });
    const consultation = working.legal![0].consultation.id;
    const legalStaff = await staff('legal');
    await stack.harness.query(`mutation($id: ID!) { assignLegalCounsel(id: $id, counsel: { name: "李明", role: GOVERNMENT_LEGAL_ADVISER, office: "白云区司法局" }) { status } }`, { id: consultation }, legalStaff);
    await stack.harness.query(`mutation($id: ID!) { answerLegalConsultation(id: $id) { status } }`, { id: consultation }, legalStaff);
    await itemsReach(stack.harness, id, { LEGAL_CONSULTATION: ['DONE'] });

    // From the case list (filtered to cases ready for delivery) to the case.
    const { page, foreignRequests, failures } = await openWorkbench(stack.browser, stack.harness.gatewayUrl, '/cases', { subject: 'window-li', role: 'specialist' });
    await chooseOption(page, '状态 Status', '待统一交付');
    await page.getByRole('button', { name: /查询 Search/ }).click();
    await page.getByText('共 1 件 (1 cases)').waitFor();
    await page.getByTestId('case-list').getByRole('link', { name: id.slice(-8) }).click();
    await page.waitForURL(new RegExp(`/cases/${id}$`));
    await expect.poll(() => page.getByTestId('case-status').textContent(), { timeout: WAIT_MS }).toBe('待统一交付');
    // Every department's part side by side; the legal office's part as it reports it.
    await page.getByText('各部门办理情况（并行）').waitFor();
    for (const department of ['公安户政·人社（落户）', '教育局（子女入学）', '卫健局（医疗保健）', '司法局（法律顾问）', '住建局（人才公寓）', '便捷通关·出入境']) {
      await page.locator('.ant-card-head-title', { hasText: department }).first().waitFor();
    }
    await page.getByText('办件档案 Timeline').waitFor();

    await page.getByRole('button', { name: /统一交付 Deliver/ }).click();
    await page.getByText('确认统一交付？').waitFor();
    await confirmPopconfirm(page);
    // The status the graph now reports — or, if the graph refused, its refusal as the page shows it,
    // that the mutation has not come back, or that the confirmation never took the click (so a
    // failure says which it was).
    const outcome = async () => {
      const refusals = await page.locator('.ant-alert-error').allTextContents();
      if (refusals.length > 0) return `refused: ${refusals.join(' | ')}`;
      const status = await page.getByTestId('case-status').textContent();
      const inFlight = await page.getByRole('button', { name: /统一交付 Deliver/ }).evaluate((button) => button.classList.contains('ant-btn-loading'));
      if (inFlight) return `${status} (the delivery has not answered yet)`;
      return (await page.getByText('确认统一交付？').isVisible()) ? `${status} (the confirmation is still open)` : status;
    };
    try {
      await expect.poll(outcome, { timeout: WAIT_MS }).toBe('已交付');
    } catch (error) {
      await screenshot(page, 'workbench-case-not-delivered');
      throw error;
    }
    await page.locator('.ant-timeline').getByText(/· 统一交付 —/).waitFor();
    await screenshot(page, 'workbench-case-delivered');

    // One click to the talent's 360 page: ID number masked until "show full" (a role allowed it; audited).
    await page.locator('.ant-descriptions').getByRole('link', { name: '陈思远' }).click();
    await page.waitForURL(/\/talents\/[0-9a-f]{24}$/);
    await expect.poll(() => page.getByTestId('id-number').textContent(), { timeout: WAIT_MS }).toMatch(/^4401\*+\d{3}[\dX]$/);
    await page.getByRole('button', { name: /显示完整号码/ }).click();
    await expect.poll(() => page.getByTestId('id-number').textContent(), { timeout: WAIT_MS }).toBe('440111198406181239');
    await screenshot(page, 'workbench-talent-360');

    const after = await stack.harness.query<{ case: { status: string; deliveredAt: string | null } }>(`query($id: ID!) { case(id: $id) { status deliveredAt } }`, { id });
    expect(after.data!.case.status).toBe('DELIVERED');
    expect(after.data!.case.deliveredAt).not.toBeNull();
    expect(failures).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
