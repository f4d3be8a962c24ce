// `npm start` as a user runs it (issue 2): embedded MongoDB, demo data, seven subgraph processes
// and the gateway come up, one query returns every department's part, and Ctrl-C (SIGINT)
// stops every process it started — no orphan left behind.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, envSuffix } from '../subgraphs/kit/departments';
import { freePorts } from '../scripts/ports';
import { bearer, COORDINATOR } from './tokens';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Ports free right now, so neither a developer's running `npm start` nor another copy of this suite collides with the test. */
const [GATEWAY_PORT, ...SUBGRAPH_PORTS] = await freePorts(SUBGRAPH_NAMES.length + 1);
const portEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name, index) => [`PORT_${envSuffix(name)}`, String(SUBGRAPH_PORTS[index])]));

let start: ChildProcess | null = null;

function descendants(pid: number): number[] {
  let output = '';
  try {
    output = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  const children = output.split('\n').map((line) => Number(line.trim())).filter(Boolean);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(() => {
  if (start && start.exitCode === null) start.kill('SIGKILL');
});

describe('npm start', () => {
  it('brings the whole graph up and Ctrl-C takes it all down', async () => {
    const { MONGODB_URI: _ignored, ...env } = process.env;
    start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: { ...env, ...portEnv, PORT: String(GATEWAY_PORT), SEED_TALENTS: '12', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      start!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Press Ctrl-C to stop everything.')) resolve();
      });
      start!.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });

    expect(output).toContain('demo data loaded');
    expect(output).toContain(`http://localhost:${GATEWAY_PORT}/graphql`);
    for (const name of SUBGRAPH_NAMES) expect(output).toContain(`http://localhost:${portEnv[`PORT_${envSuffix(name)}`]}/graphql`);

    const response = await fetch(`http://localhost:${GATEWAY_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer(COORDINATOR)) },
      body: JSON.stringify({ query: '{ talents(first: 12) { totalCount edges { node { id household { __typename } education { __typename } health { __typename } legal { __typename } housing { __typename } customs { __typename } } } } }' }),
    });
    const body = (await response.json()) as { data: { talents: { totalCount: number; edges: { node: Record<string, unknown> }[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.talents.totalCount).toBe(12);
    for (const { node } of body.data.talents.edges) {
      expect(node).toEqual({
        id: node.id,
        household: { __typename: 'TalentHousehold' },
        education: { __typename: 'TalentEducation' },
        health: { __typename: 'TalentHealth' },
        legal: { __typename: 'TalentLegal' },
        housing: { __typename: 'TalentHousing' },
        customs: { __typename: 'TalentCustoms' },
      });
    }

    const started = descendants(start.pid!);
    // MongoDB, seven subgraphs and the gateway, at least.
    expect(started.length).toBeGreaterThanOrEqual(9);
    const exited = new Promise<number | null>((resolve) => start!.once('exit', (code) => resolve(code)));
    start.kill('SIGINT');
    expect(await exited).toBe(0);
    // Every process it started is gone (checked until it is, up to a deadline; a leak fails).
    const deadline = Date.now() + 15_000;
    let left = started.filter(alive);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = started.filter(alive);
    }
    if (left.length > 0) console.error(execFileSync('ps', ['-o', 'pid,ppid,stat,cmd', '-p', left.join(',')], { encoding: 'utf8' }));
    expect(left).toEqual([]);
  }, 120_000);
});
