// GraphiQL for analysts on a government intranet (issue 2; DESIGN.md "Gateway"): a real browser
// opens the gateway's page, runs the example query, and the answer arrives — while every
// request the page makes goes to the gateway itself, none to a CDN or any other host.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';

const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';

let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (as .ci/run does) or set CHROMIUM_PATH`);
  }
  harness = await startHarness({ demoTalents: 5 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe('GraphiQL', () => {
  it('loads from the gateway alone and runs the example query', async () => {
    const page = await browser.newPage();
    const origin = new URL(harness.gatewayUrl).origin;
    const requested: string[] = [];
    const failures: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => failures.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });

    // The analyst's token, as pasted into GraphiQL's Headers tab (persisted by the page).
    const headers = JSON.stringify(await bearer({ subject: 'analyst-test', role: 'coordinator' }));
    await page.addInitScript((value) => window.localStorage.setItem('graphiql:headers', value), headers);
    await page.goto(harness.gatewayUrl);
    const answered = page.waitForResponse((response) => response.request().method() === 'POST' && (response.request().postData() ?? '').includes('TalentView'));
    await page.locator('.graphiql-execute-button').click();
    const answer = (await (await answered).json()) as { data: { talents: { totalCount: number; edges: { node: Record<string, unknown> }[] } }; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(answer.data.talents.totalCount).toBe(5);
    expect(answer.data.talents.edges).toHaveLength(3);
    // …and the page shows it.
    await expect.poll(async () => (await page.locator('.graphiql-response').textContent()) ?? '', { timeout: 15_000 }).toContain('totalCount');
    expect(failures).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
  });
});
