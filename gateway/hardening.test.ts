// Gateway hardening (issue 4): production errors carry no internals; the safelist admits only
// the dashboards' operations; CSRF prevention refuses a form-style POST a browser could forge.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, COORDINATOR } from '../test/tokens';
import { readGatewayConfig } from './config';
import { loadSafelist, maskError, sha256 } from './hardening';
import { startGateway, type RunningGateway } from './server';

describe('production error masking', () => {
  it('keeps what the caller may read and hides internal errors', () => {
    const input = { message: 'bad', path: ['talent'], extensions: { code: 'BAD_USER_INPUT', field: 'id', stacktrace: ['at x'] } };
    expect(maskError(input)).toEqual({ message: 'bad', path: ['talent'], extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
    const internal = { message: 'MongoServerError: connection 3 to 10.0.0.5:27017 closed', path: ['cases'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at y'] } };
    expect(maskError(internal)).toEqual({ message: '服务器内部错误，请稍后再试（internal server error）', path: ['cases'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(maskError({ message: 'TypeError: x is undefined' })).toEqual({ message: '服务器内部错误，请稍后再试（internal server error）', path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('safelist and CSRF at the gateway', () => {
  const allowed = '{ serviceCatalog { code } }';
  let folder: string;
  let running: RunningGateway;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'safelist-'));
    const safelistPath = join(folder, 'safelist.json');
    writeFileSync(safelistPath, JSON.stringify([allowed, sha256('{ __typename }')]));
    running = await startGateway({ ...readGatewayConfig({}), port: 0, safelistPath }, { log: () => {}, env: {} });
  });
  afterAll(async () => {
    await running.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const post = async (query: string, contentType = 'application/json') =>
    fetch(running.url, { method: 'POST', headers: { 'content-type': contentType, ...(await bearer(COORDINATOR)) }, body: JSON.stringify({ query }) });

  it('runs an operation listed by its text or its hash, and refuses any other', async () => {
    expect((await (await post('{ __typename }')).json())).toEqual({ data: { __typename: 'Query' } });
    const refused = await post('{ talents(first: 1) { totalCount } }');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'QUERY_NOT_ALLOWED' } }] });
  });

  it('refuses a simple cross-site request (text/plain POST) before running it', async () => {
    const forged = await post('{ __typename }', 'text/plain');
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/CSRF/i);
  });

  it('refuses a malformed safelist file naming the setting', () => {
    const bad = join(folder, 'bad.json');
    writeFileSync(bad, '{"not": "a list"}');
    expect(() => loadSafelist(bad)).toThrow(/PERSISTED_QUERY_SAFELIST/);
  });

  it("reads the workbench's persisted-documents manifest, and refuses one whose hash is not its text's", () => {
    const query = 'query Board { cases { totalCount } }';
    const manifest = join(folder, 'persisted-documents.json');
    writeFileSync(manifest, JSON.stringify({ [`sha256:${sha256(query)}`]: query }));
    expect(loadSafelist(manifest)).toEqual(new Set([sha256(query)]));
    const forged = join(folder, 'forged.json');
    writeFileSync(forged, JSON.stringify({ [`sha256:${sha256(query)}`]: '{ auditEvents { edges { node { subject } } } }' }));
    expect(() => loadSafelist(forged)).toThrow(/not the sha256 of its operation's text/);
  });
});
