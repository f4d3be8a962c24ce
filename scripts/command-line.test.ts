// The scripts a newcomer types first: `--help` prints the usage; a wrong option is named, with the
// usage, and exits 2 — never a stack trace.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

async function run(script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [`scripts/${script}.ts`, ...args], { cwd: root, env: { ...process.env, MONGODB_URI: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the scripts\' command lines', () => {
  it.each(['token', 'seed', 'chaos'])('%s --help prints the usage and exits 0', async (script) => {
    const { code, stdout } = await run(script, '--help');
    expect(code).toBe(0);
    expect(stdout).toContain(`npm run ${script} --`);
  });

  it.each(['token', 'seed', 'chaos'])('%s names an unknown option, shows the usage and exits 2, without a stack trace', async (script) => {
    const { code, stderr } = await run(script, '--tallents', '5');
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--tallents'");
    expect(stderr).toContain(`npm run ${script} --`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
