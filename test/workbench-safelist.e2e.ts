// Persisted operations (issue 10; gateway safelist mode, issue 4): the workbench's build extracts
// every operation into a manifest of sha256 hashes; a gateway started with PERSISTED_QUERY_SAFELIST
// pointing at that manifest runs the workbench (which sends hashes only) and refuses anything else.
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../gateway/config';
import { startGateway, type RunningGateway } from '../gateway/server';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { startHarness, type Harness } from './harness';
import { bearer, COORDINATOR } from './tokens';
import { launchBrowser, openWorkbench, screenshot } from './workbench-browser';

const MANIFEST = fileURLToPath(new URL('../workbench/dist/persisted-documents.json', import.meta.url));

let harness: Harness;
let browser: Browser;
let safelisted: RunningGateway;

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 5 });
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, harness.subgraphs[name].url]));
  safelisted = await startGateway({ ...readGatewayConfig({ PERSISTED_QUERY_SAFELIST: MANIFEST }), port: 0, subgraphUrls }, { log: () => {}, env: {} });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await safelisted?.stop();
  await harness?.stop();
});

describe('the workbench against a gateway in safelist mode', () => {
  it('runs the workbench’s persisted operations and refuses any other', async () => {
    const { page, foreignRequests, failures } = await openWorkbench(browser, safelisted.url, '/figures', COORDINATOR);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/graphql')) sent.push(request.postData() ?? '');
    });
    await page.locator('.ant-card-head-title', { hasText: 'Talents — 共 5' }).waitFor();
    await screenshot(page, 'workbench-safelist-figures');
    await page.reload();
    await page.locator('.ant-card-head-title', { hasText: 'Talents — 共 5' }).waitFor();
    // The page sent hashes, never query text.
    expect(sent.length).toBeGreaterThan(0);
    for (const body of sent) {
      const request = JSON.parse(body) as { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } };
      expect(request.query).toBeUndefined();
      expect(request.extensions?.persistedQuery?.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    }

    const other = await fetch(safelisted.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer(COORDINATOR)) },
      body: JSON.stringify({ query: '{ talents(first: 1) { totalCount } }' }),
    });
    expect(((await other.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('QUERY_NOT_ALLOWED');
    expect(failures).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
