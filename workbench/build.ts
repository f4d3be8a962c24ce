// npm run workbench:build — the API schema, typed operations and their manifest (codegen), then
// the app (vite build) into workbench/dist, served by the gateway. `--codegen` stops after codegen
// (npm run typecheck). isWorkbenchStale() tells npm start and the tests whether to build.
import { copyFileSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiSchemaSdl, SUPERGRAPH_FILE } from './api-schema';
import { API_SCHEMA_FILE, codegenConfig, GENERATED_DIR } from './codegen';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
export const WORKBENCH_DIST = join(ROOT, 'dist');
export const MANIFEST_FILE = 'persisted-documents.json';

/** Regenerates the API schema file and the typed documents. */
export async function runCodegen(): Promise<void> {
  const sdl = await apiSchemaSdl();
  writeFileSync(API_SCHEMA_FILE, sdl);
  const { generate } = await import('@graphql-codegen/cli');
  await generate(codegenConfig, true);
}

export async function buildWorkbench(): Promise<void> {
  await runCodegen();
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  copyFileSync(join(GENERATED_DIR, MANIFEST_FILE), join(WORKBENCH_DIST, MANIFEST_FILE));
}

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (path === join(ROOT, 'src') && entry === 'gql') continue;
    newest = Math.max(newest, newestSource(join(path, entry)));
  }
  return newest;
}

/** True when workbench/dist is missing or older than the app's sources or the supergraph. */
export function isWorkbenchStale(): boolean {
  const built = join(WORKBENCH_DIST, MANIFEST_FILE);
  if (!existsSync(built) || !existsSync(join(WORKBENCH_DIST, 'index.html'))) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'codegen.ts', 'build.ts', 'api-schema.ts'].map((file) => join(ROOT, file));
  const newest = Math.max(newestSource(SUPERGRAPH_FILE), ...sources.filter(existsSync).map(newestSource));
  return statSync(built).mtimeMs < newest;
}

/** Builds only when stale; says so. */
export async function ensureWorkbenchBuilt(log: (message: string) => void = console.log): Promise<void> {
  if (!isWorkbenchStale()) return;
  const started = Date.now();
  log('building the workbench (codegen + vite)…');
  await buildWorkbench();
  log(`workbench built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--codegen')) await runCodegen();
  else if (process.argv.includes('--if-stale')) await ensureWorkbenchBuilt();
  else await buildWorkbench();
}
