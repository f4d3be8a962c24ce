// Where MongoDB comes from when MONGODB_URI is not set (../shared/DESIGN.md, Data):
// 1. mongodb-memory-server, when it can have a real mongod: one already on this machine
//    (MONGOMS_SYSTEM_BINARY or its download cache) or a reachable download host;
// 2. otherwise the MongoDB-compatible jongodb binary shipped in an npm package (linux x64).
// EMBEDDED_MONGO=mongodb-memory-server|jongodb forces one of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export type EmbeddedEngine = 'mongodb-memory-server' | 'jongodb';

export interface EmbeddedMongo {
  uri: string;
  engine: EmbeddedEngine;
  /** The server's process id, where it runs as a child of this one (the benchmark reads its CPU time). */
  pid?: number;
  stop(): Promise<void>;
}

const MONGOD_DOWNLOAD_HOST = 'fastdl.mongodb.org';
const JONGODB_PACKAGE = '@jongodb/memory-server-bin-linux-x64-gnu';

export async function startEmbeddedMongo(options: { port?: number } = {}): Promise<EmbeddedMongo> {
  const forced = process.env.EMBEDDED_MONGO as EmbeddedEngine | undefined;
  if (forced && forced !== 'jongodb' && forced !== 'mongodb-memory-server') {
    throw new Error(`EMBEDDED_MONGO must be "mongodb-memory-server" or "jongodb", got "${forced}"`);
  }
  const engine = forced ?? ((await realMongodObtainable()) ? 'mongodb-memory-server' : 'jongodb');
  return engine === 'jongodb' ? startJongodb(options.port ?? 0) : startMemoryServer(options.port);
}

async function realMongodObtainable(): Promise<boolean> {
  if (process.env.MONGOMS_SYSTEM_BINARY) return true;
  const cache = join(homedir(), '.cache', 'mongodb-binaries');
  if (existsSync(cache) && readdirSync(cache).some((file) => file.startsWith('mongod'))) return true;
  try {
    // A name lookup only: on a closed network it fails at once and nothing is downloaded.
    await withTimeout(lookup(MONGOD_DOWNLOAD_HOST), 2000);
    return true;
  } catch {
    return false;
  }
}

async function startMemoryServer(port?: number): Promise<EmbeddedMongo> {
  const { MongoMemoryReplSet } = await import('mongodb-memory-server-core');
  // A one-node replica set, as in docker compose: transactions work the same.
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1 },
    instanceOpts: port ? [{ port }] : undefined,
  });
  return {
    uri: replSet.getUri(),
    engine: 'mongodb-memory-server',
    stop: async () => {
      await replSet.stop();
    },
  };
}

function jongodbBinary(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve(`${JONGODB_PACKAGE}/package.json`);
  } catch {
    throw new Error(
      `No MongoDB available: MONGODB_URI is not set, no mongod could be obtained, and ${JONGODB_PACKAGE} ` +
        `is not installed (it exists for linux x64 only). Set MONGODB_URI to a running MongoDB.`,
    );
  }
  return join(packageJson, '..', 'bin', 'jongodb');
}

async function startJongodb(port: number): Promise<EmbeddedMongo> {
  const child = spawn(jongodbBinary(), ['--host=127.0.0.1', `--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);
  const uri = await readReadyLine(child);
  return {
    // jongodb speaks to one server directly; a real deployment uses a replica-set URI.
    uri: `${uri.replace(/\/test$/, '/')}?directConnection=true`,
    engine: 'jongodb',
    pid: child.pid,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function readReadyLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    lines.on('line', (line) => {
      if (line.startsWith('JONGODB_URI=')) resolve(line.slice('JONGODB_URI='.length).trim());
      if (line.startsWith('JONGODB_START_FAILURE=')) reject(new Error(`jongodb failed to start: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`jongodb exited with code ${code} before it was ready: ${stderr}`)));
    child.once('error', reject);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
