// GraphiQL for analysts on a government intranet (issue 2, fixed in issue 10; DESIGN.md "Gateway"):
// a real browser opens the gateway's page with no token, pastes one into the Headers tab — and the
// schema is fetched again with it — runs the example tab, which is the README's query, and the
// answer arrives in Chinese, with a CJK font to draw it. Every request the page makes goes to the
// gateway itself, none to a CDN or any other host.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { tokenFor } from './tokens';
import { launchBrowser } from './workbench-browser';

let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  // The README's example asks for the 149th demo talent.
  harness = await startHarness({ demoTalents: 150 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

/** The README's "One query, the whole talent" block. */
function readmeQuery(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## One query, the whole talent'));
  return /```graphql\n([\s\S]*?)```/.exec(section)![1].trim();
}

const isIntrospection = (body: string | null) => (body ?? '').includes('IntrospectionQuery');

describe('GraphiQL', () => {
  it('fetches the schema again when a token is pasted, and runs the README’s query from the gateway alone', async () => {
    const page = await browser.newPage();
    const origin = new URL(harness.gatewayUrl).origin;
    const requested: string[] = [];
    const failures: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => failures.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
    });

    // No token yet: the first schema fetch is refused.
    const refused = page.waitForResponse((response) => response.request().method() === 'POST' && isIntrospection(response.request().postData()));
    await page.goto(harness.gatewayUrl);
    expect(((await (await refused).json()) as { data?: { __schema?: unknown } }).data?.__schema).toBeUndefined();

    // The analyst pastes a token into the Headers tab: the schema is fetched again, with it.
    const headers = JSON.stringify({ authorization: `Bearer ${await tokenFor({ subject: 'analyst-test', role: 'coordinator' })}` });
    const refetched = page.waitForResponse((response) => response.request().method() === 'POST' && isIntrospection(response.request().postData()) && (response.request().headers().authorization ?? '').startsWith('Bearer '));
    await page.locator('.graphiql-editor-tool .CodeMirror').last().click();
    await page.keyboard.insertText(headers);
    const schema = (await (await refetched).json()) as { data?: { __schema?: { queryType: { name: string } } } };
    expect(schema.data?.__schema?.queryType.name).toBe('Query');

    // The example tab is the README's query.
    const editor = (await page.locator('.graphiql-query-editor .CodeMirror').evaluate((node) => (node as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue())).replace(/\s+/g, ' ');
    expect(editor).toContain(readmeQuery().replace(/\s+/g, ' '));

    const answered = page.waitForResponse((response) => response.request().method() === 'POST' && (response.request().postData() ?? '').includes('TalentView'));
    await page.locator('.graphiql-execute-button').click();
    const answer = (await (await answered).json()) as { data: { talent: { name: string; program: string; customs: unknown; household: unknown } }; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(answer.data.talent.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    expect(answer.data.talent.customs).not.toBeNull();
    // …the page shows it, and has a CJK font to draw it with.
    await expect.poll(async () => (await page.locator('.graphiql-response').textContent()) ?? '', { timeout: 15_000 }).toContain(answer.data.talent.name);
    expect(await page.evaluate(() => document.fonts.check('14px "Noto Sans CJK SC"', '人才绿色通道'))).toBe(true);
    expect(failures).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
  });
});
