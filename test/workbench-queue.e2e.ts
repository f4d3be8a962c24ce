// A department's queue (issue 10; DESIGN "Department staff ... see and change their department's
// records only"): household staff see their department's open tasks — not another department's —
// and complete a hukou transfer's current step from the page (000 一（二）).
import { describe, expect, it } from 'vitest';
import { BAIYUN, itemsReach, legalItem, SUBMIT, withTestTalents } from './cases';
import { confirmPopconfirm, openWorkbench, screenshot, WAIT_MS, workbenchStack } from './workbench-browser';

const stack = workbenchStack({}, withTestTalents);

// What household staff read for each step (000 一（二）), as the household schema names them — never the codes.
const HUKOU_STEP: Record<string, string> = {
  ONLINE_DECLARATION: '1 网上注册与申报',
  MATERIALS_UPLOADED: '2 填报资料并上传原件材料',
  INFO_CARD: '3 领取入户信息卡',
  POLICE_REVIEW: '4 公安分局复核',
  SETTLED: '5 派出所落户',
};

const HUKOU_VIEW = `query($id: ID!) { case(id: $id) { id status items { service department status step reason } timeline { kind department service } household { id item status step transfers { id status currentStep } } } }`;

describe('the department queue', () => {
  it("shows only the department's own tasks and moves a step on", async () => {
    const holderItem = { service: 'HUKOU_TRANSFER_HOLDER', hukouTransfer: { familyMemberIds: [], route: 'PLANNED_GUIDANCE', targetAddress: '白云区云城西路 1 号', policeStation: '白云区云城派出所' } };
    const required = await stack.harness.query<{ requirements: { materials: { code: string }[] } }>(`{ requirements(items: [HUKOU_TRANSFER_HOLDER, LEGAL_CONSULTATION]) { materials { code } } }`);
    const submitted = await stack.harness.query<{ submitCase: { id: string } }>(SUBMIT, {
      input: { requestKey: 'wb-queue-1', talentId: BAIYUN, items: [holderItem, legalItem], materials: required.data!.requirements.materials.map((material) => material.code) },
    });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitCase.id;
    const working = await itemsReach(stack.harness, id, { HUKOU_TRANSFER_HOLDER: ['IN_PROGRESS', 'RECEIVED'], LEGAL_CONSULTATION: ['IN_PROGRESS', 'RECEIVED'] }, HUKOU_VIEW);
    const stepBefore = working.household![0].transfers[0].currentStep;
    expect(stepBefore).not.toBeNull();

    const { page, foreignRequests, failures } = await openWorkbench(stack.browser, stack.harness.gatewayUrl, '/queue', { subject: 'hukou-wang', role: 'department_staff', department: 'household' });
    await page.getByText('部门待办 Queue — 公安户政·人社（落户）').waitFor();
    const rows = page.getByTestId('queue').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: WAIT_MS }).toBe(1);
    expect(await rows.first().textContent()).toContain('持卡人落户');
    expect(await rows.first().textContent()).toContain('陈思远');
    expect(await rows.first().textContent()).toContain(`办结「${HUKOU_STEP[stepBefore!]}」`);
    expect(await rows.first().textContent()).not.toContain(stepBefore!);
    // The legal item of the same case is another department's: not on this page.
    expect(await page.locator('body').textContent()).not.toContain('免费法律咨询');
    await screenshot(page, 'workbench-queue-household');

    await rows.first().getByRole('button', { name: /办结「/ }).click();
    await confirmPopconfirm(page);
    const moved = await itemsReach(stack.harness, id, { HUKOU_TRANSFER_HOLDER: ['IN_PROGRESS'] }, HUKOU_VIEW).then(async () => {
      const read = await stack.harness.query<{ case: { household: { transfers: { currentStep: string | null }[] }[] } }>(HUKOU_VIEW, { id });
      return read.data!.case.household[0].transfers[0].currentStep;
    });
    expect(moved).not.toBe(stepBefore);
    await expect.poll(async () => (await rows.first().textContent()) ?? '', { timeout: WAIT_MS }).toContain(HUKOU_STEP[moved!]);
    expect(await rows.first().textContent()).not.toContain(moved!);
    expect(failures).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
