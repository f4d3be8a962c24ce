// The gateway on its own: health, the offline GraphiQL page, supergraph hot reload, and the
// HTTP edge (bad JSON, oversized bodies, unknown paths) answered as GraphQL errors, never a crash.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { subgraphSdlPath, SUPERGRAPH_PATH } from '../schema/compose-lib';
import { readGatewayConfig } from './config';
import { startGateway, type RunningGateway } from './server';
import { bearer, COORDINATOR } from '../test/tokens';

let folder: string;
let supergraphPath: string;
let running: RunningGateway;
const logWaiters: { pattern: RegExp; resolve(): void }[] = [];
const waitForLog = (pattern: RegExp) => new Promise<void>((resolve) => logWaiters.push({ pattern, resolve }));
const log = (message: string) => {
  for (const waiter of logWaiters.filter((candidate) => candidate.pattern.test(message))) {
    logWaiters.splice(logWaiters.indexOf(waiter), 1);
    waiter.resolve();
  }
};
const base = () => `http://localhost:${running.port}`;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  supergraphPath = join(folder, 'supergraph.graphql');
  copyFileSync(SUPERGRAPH_PATH, supergraphPath);
  running = await startGateway({ ...readGatewayConfig({}), port: 0, supergraphPath }, { log, env: {} });
});

afterAll(async () => {
  await running.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function talentFieldNames(): Promise<string[]> {
  const response = await fetch(`${base()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await bearer(COORDINATOR)) },
    body: JSON.stringify({ query: '{ __type(name: "Talent") { fields { name } } }' }),
  });
  const body = (await response.json()) as { data: { __type: { fields: { name: string }[] } } };
  return body.data.__type.fields.map((field) => field.name);
}

describe('gateway', () => {
  it('is healthy once the supergraph is loaded', async () => {
    const response = await fetch(`${base()}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, service: 'gateway' });
  });

  it('serves GraphiQL and every asset it loads from itself, none from another host', async () => {
    const page = await fetch(`${base()}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('人才绿色通道');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toEqual(['/graphiql/graphiql.css', '/graphiql/react.js', '/graphiql/react-dom.js', '/graphiql/graphiql.js']);
    for (const asset of assets) {
      const response = await fetch(`${base()}${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.text()).length, asset).toBeGreaterThan(1000);
    }
  });

  it('answers bad JSON, oversized bodies and unknown paths with a GraphQL error', async () => {
    const badJson = await fetch(`${base()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ errors: [{ message: '请求体不是合法的 JSON（request body is not valid JSON）', extensions: { code: 'BAD_REQUEST' } }] });

    const huge = await fetch(`${base()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(1_100_000) }) });
    expect(huge.status).toBe(413);

    const unknown = await fetch(`${base()}/nowhere`);
    expect(unknown.status).toBe(404);
  });

  it('serves a new supergraph when the file changes, without a restart', async () => {
    expect(await talentFieldNames()).not.toContain('nickname');
    const services = SUBGRAPH_NAMES.map((name) => {
      let sdl = readFileSync(subgraphSdlPath(name), 'utf8');
      if (name === 'talent') sdl = sdl.replace('  nameEn: String\n', '  nameEn: String\n  nickname: String\n');
      return { name, url: `http://localhost/${name}`, typeDefs: parse(sdl) };
    });
    const composed = composeServices(services);
    expect(composed.errors).toBeUndefined();

    const reloaded = new Promise<void>((resolve) => running.gateway.onSchemaLoadOrUpdate(() => resolve()));
    writeFileSync(supergraphPath, composed.supergraphSdl!);
    await reloaded;
    expect(await talentFieldNames()).toContain('nickname');
  });

  it('keeps serving the previous graph when the new file does not load', async () => {
    const refused = waitForLog(/not loaded, still serving the previous one/);
    writeFileSync(supergraphPath, 'this is not a supergraph');
    await refused;
    expect(await talentFieldNames()).toContain('nickname');
    expect((await fetch(`${base()}/health`)).status).toBe(200);
  });
});
