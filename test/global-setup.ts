// Starts one embedded MongoDB for the whole test run (or uses MONGODB_URI) and hands its
// URI to every test file through vitest's provide/inject; builds the workbench once (when it is
// missing or older than its sources) and finds the Chromium for the browser tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startEmbeddedMongo } from '../subgraphs/kit/embedded-mongo';
import { findChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    /** The browser the GraphiQL and workbench tests drive (test/chromium.ts). */
    chromiumPath: string;
  }
}

/** npm run workbench:build, only if stale — in its own process, away from vitest's module graph. */
function buildWorkbench(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'workbench/build.ts', '--if-stale'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`workbench build failed (exit ${code}): run npm run workbench:build`))));
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const built = buildWorkbench();
  project.provide('chromiumPath', await findChromium());
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    await built;
    return async () => {};
  }
  const mongo = await startEmbeddedMongo();
  console.log(`test MongoDB: ${mongo.engine} at ${mongo.uri}`);
  project.provide('mongoUri', mongo.uri);
  try {
    await built;
  } catch (error) {
    await mongo.stop();
    throw error;
  }
  return () => mongo.stop();
}
