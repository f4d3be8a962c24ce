// Shared by the workbench's browser tests: Chromium (test/chromium.ts) driven by playwright-core (as the
// GraphiQL test does), a page signed in with a test token, and a screenshot kept under
// test-results/ as a CI artefact. Every page must load from the gateway alone, without errors.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { Viewer } from '../subgraphs/kit/context';
import { startHarness, type Harness, type HarnessOptions } from './harness';
import { tokenFor } from './tokens';

const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    // Found once for the run by test/global-setup.ts.
    executablePath: inject('chromiumPath'),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * The graph and a browser for one test file: started before its tests (then `prepare`, e.g. test
 * talents or a clock), stopped after them. Read `harness` and `browser` inside the tests.
 */
export function workbenchStack(options: HarnessOptions = {}, prepare?: (harness: Harness) => Promise<void> | void): { readonly harness: Harness; readonly browser: Browser } {
  const stack = {} as { harness: Harness; browser: Browser };
  beforeAll(async () => {
    stack.harness = await startHarness(options);
    await prepare?.(stack.harness);
    stack.browser = await launchBrowser();
  });
  afterAll(async () => {
    await stack.browser?.close();
    await stack.harness?.stop();
  });
  return stack;
}

/**
 * How long a page may take to show what the graph answered after an action: generous, because CI
 * machines are shared and busy, and a wait that is met returns at once.
 */
export const WAIT_MS = 45_000;

export interface WorkbenchPage {
  page: Page;
  /** Requests to any host but the gateway (none may happen: intranets have no internet). */
  foreignRequests: string[];
  /** Script errors and failed responses, other than the graph's own answers. */
  failures: string[];
}

/** Opens `path` on the gateway's workbench, signed in as `viewer` (the token the token page would store). */
export async function openWorkbench(browser: Browser, gatewayUrl: string, path: string, viewer: Viewer | null): Promise<WorkbenchPage> {
  const origin = new URL(gatewayUrl).origin;
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  const foreignRequests: string[] = [];
  const failures: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) foreignRequests.push(request.url());
  });
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
  });
  if (viewer) {
    const token = await tokenFor(viewer);
    await page.addInitScript((value) => window.sessionStorage.setItem('workbench:token', value), token);
  }
  await page.goto(`${origin}${path}`);
  return { page, foreignRequests, failures };
}

/** A popup that is not opening or closing: antd's motion classes (`ant-zoom-big-appear`, `ant-slide-up-enter`, …) are gone. */
const SETTLED = ':not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])';

/**
 * Clicks OK on the open confirmation (antd Popconfirm) once it has finished opening. While it zooms in
 * (classes `…-appear`/`…-enter`, paused at first, then running) its OK button is smaller and moves, so
 * a click aimed at it on a slow machine can land beside the button, inside the box: nothing happens,
 * and the box stays open.
 */
export async function confirmPopconfirm(page: Page): Promise<void> {
  await page.locator(`.ant-popconfirm${SETTLED}`).getByRole('button', { name: /^确\s?定$/ }).click();
}

/**
 * Chooses `option` in the form field labelled `field` (an antd Select): opens it and clicks the option
 * once the dropdown has finished sliding open (a closed one stays in the page, hidden), for the same
 * reason as confirmPopconfirm; then waits until the field shows the choice.
 */
export async function chooseOption(page: Page, field: string, option: string): Promise<void> {
  const select = page.locator('.ant-form-item').filter({ hasText: field }).locator('.ant-select');
  await select.click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden)${SETTLED} .ant-select-item-option`).filter({ hasText: option }).click();
  await expect.poll(() => select.textContent(), { timeout: WAIT_MS }).toContain(option);
}

/** Keeps what the page showed as a CI artefact: test-results/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: `${RESULTS}${name}.png`, fullPage: true });
}
