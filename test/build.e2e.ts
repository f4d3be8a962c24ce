// The production build (issue 11): `npm run build` compiles the gateway and every subgraph to
// JavaScript, and the compiled processes run with plain `node` — no tsx — reading their schema files,
// the supergraph and the workbench from beside the compiled code, as the Docker image runs them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { envSuffix, SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { buildServer, ENTRY_POINTS } from '../scripts/build';
import { freePort } from '../scripts/ports';
import { eventually } from './harness';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Inside the project, so the compiled code finds node_modules as it does in the image's /app.
const OUT = `${ROOT}test-results/build-${process.pid}`;
const children: ChildProcess[] = [];
const output: string[] = [];

function run(entry: string, env: Record<string, string>): void {
  // Plain node: no --import tsx.
  const child = spawn(process.execPath, [`${OUT}/${entry}`], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  children.push(child);
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

let gatewayPort = 0;

beforeAll(async () => {
  await buildServer(OUT);
  const talentPort = await freePort();
  gatewayPort = await freePort();
  const database = `build_${process.pid}`;
  run('subgraphs/talent/index.js', { MONGODB_URI: inject('mongoUri'), PORT_TALENT: String(talentPort), DB_TALENT: `${database}_talent` });
  await eventually(() => ready(`http://127.0.0.1:${talentPort}/health/ready`), Boolean, 60_000).catch((error) => {
    throw new Error(`${(error as Error).message}\n${output.join('')}`);
  });
  // The other departments are not needed for the catalog: the gateway only has to reach the window.
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_URL_${envSuffix(name)}`, `http://127.0.0.1:${name === 'talent' ? talentPort : 9}/graphql`]));
  run('gateway/index.js', { ...urls, PORT: String(gatewayPort) });
  await eventually(() => ready(`http://127.0.0.1:${gatewayPort}/health/live`), Boolean, 60_000).catch((error) => {
    throw new Error(`${(error as Error).message}\n${output.join('')}`);
  });
});

afterAll(async () => {
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
  rmSync(OUT, { recursive: true, force: true });
});

describe('the compiled build', () => {
  it('has one JavaScript entry point per process, with the files each reads beside it', () => {
    for (const entry of ENTRY_POINTS) expect(existsSync(`${OUT}/${entry.replace(/\.ts$/, '.js')}`), entry).toBe(true);
    for (const name of SUBGRAPH_NAMES) expect(existsSync(`${OUT}/subgraphs/${name}/schema.graphql`), name).toBe(true);
    expect(existsSync(`${OUT}/schema/supergraph.graphql`)).toBe(true);
    expect(existsSync(`${OUT}/workbench/dist/index.html`)).toBe(true);
  });

  it('runs the gateway and a subgraph with plain node: the catalog answers through the gateway, the workbench is served', async () => {
    const answer = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: '{ serviceCatalog { code } }' }),
    });
    const body = (await answer.json()) as { data?: { serviceCatalog: { code: string }[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.serviceCatalog.length).toBeGreaterThan(0);
    const page = await fetch(`http://127.0.0.1:${gatewayPort}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});
