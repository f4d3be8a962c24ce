// The processes of a benchmark run: the seven subgraphs and each target in a process of its own,
// as in production (npm start), so no two share an event loop. Ports are free ones picked here,
// never the defaults, so a run beside `npm start` or another run does not collide.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Child {
  name: string;
  process: ChildProcess;
  port: number;
  url: string;
  /** Where its stdout and stderr go. */
  logFile: string;
}

export interface LaunchOptions {
  name: string;
  entry: string;
  port: number;
  /** The path part of its GraphQL URL. */
  path?: string;
  env: Record<string, string>;
  nodeFlags?: string[];
  root: string;
  logDir: string;
  /** Where `entry` was compiled to (scripts/build.ts buildServer): run the JavaScript, as production does. Without it, the TypeScript under tsx. */
  compiledDir?: string;
}

/** The file node runs for an entry point: its compiled JavaScript, or the TypeScript through tsx. */
export function entryCommand(entry: string, compiledDir?: string): string[] {
  return compiledDir ? [join(compiledDir, entry.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', entry];
}

/** Starts `node <entry>`: the process id is the server's own, so /proc shows its memory. */
export function launch(options: LaunchOptions): Child {
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...entryCommand(options.entry, options.compiledDir)], {
    cwd: options.root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env, TGC_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return { name: options.name, process: child, port: options.port, url: `http://127.0.0.1:${options.port}${options.path ?? '/graphql'}`, logFile };
}

/** Asks `ready` every 200 ms until it says yes; fails early if the child has exited. */
export async function waitUntil(child: Child, ready: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${child.name} exited before it was ready (${child.process.signalCode ?? `code ${child.process.exitCode}`}); see ${child.logFile}`);
    }
    try {
      if (await ready()) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${child.name} was not ready within ${timeoutMs / 1000} s; see ${child.logFile}`);
}

export async function httpOk(url: string): Promise<boolean> {
  return (await fetch(url)).ok;
}

/** Resident memory of a process in MB, from /proc (null where there is no /proc). */
export function residentMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on every Linux build we run on). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) the processes have used so far, from /proc/<pid>/stat; null where
 * there is no /proc or a process is gone.
 */
export function cpuSeconds(pids: readonly (number | undefined)[]): number | null {
  let ticks = 0;
  for (const pid of pids) {
    if (!pid) return null;
    try {
      // The fields after the command name, which is in parentheses and may itself hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
export function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    const force = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
    child.process.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.process.kill('SIGTERM');
  });
}
