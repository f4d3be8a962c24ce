// The workbench's token page (issue 10): in development it mints a token through the gateway's
// development-only route and shows the role and department it carries; a production gateway has no
// such route (sign-in there is the identity provider's).
import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../gateway/config';
import { startGateway } from '../gateway/server';
import { chooseOption, openWorkbench, screenshot, workbenchStack } from './workbench-browser';

const stack = workbenchStack();

describe('the token page', () => {
  it('mints a development token and shows its role and department', async () => {
    const { page, foreignRequests, failures } = await openWorkbench(stack.browser, stack.harness.gatewayUrl, '/', null);
    await page.waitForURL(/\/token$/);
    await page.getByText('未登录 Not signed in').waitFor();
    await chooseOption(page, '角色 Role', '部门工作人员');
    await chooseOption(page, '部门 Department', '便捷通关·出入境');
    await page.getByRole('button', { name: /生成并使用/ }).click();
    // Signed in, the role and department are shown, and the staff member lands on their queue.
    await page.waitForURL(/\/queue$/);
    await page.getByText('部门待办 Queue — 便捷通关·出入境').waitFor();
    expect(await page.getByTestId('viewer').textContent()).toContain('部门工作人员 Department staff');
    expect(await page.getByTestId('viewer').textContent()).toContain('便捷通关·出入境');
    await screenshot(page, 'workbench-token-minted');
    expect(failures).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('has no token route in production', async () => {
    const production = await startGateway({ ...readGatewayConfig({ NODE_ENV: 'production' }), port: 0 }, { log: () => {}, env: {} });
    try {
      const origin = new URL(production.url).origin;
      const minted = await fetch(`${origin}/workbench/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'coordinator' }) });
      expect(minted.status).toBe(404);
      const development = await fetch(`${new URL(stack.harness.gatewayUrl).origin}/workbench/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'coordinator' }) });
      expect(development.status).toBe(200);
    } finally {
      await production.stop();
    }
  });
});
