// npm run build — the production build: the workbench (workbench/build.ts), then each process's entry
// point compiled to JavaScript by esbuild into dist/, so a container runs `node dist/…` without tsx.
// Packages stay in node_modules (not bundled); the files the code reads beside itself — each
// subgraph's schema.graphql, the supergraph, the built workbench — are copied to where the compiled
// code looks for them (the same places relative to each entry point as in the source tree).
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { readOptions } from './command-line';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every process a deployment runs: the gateway, each subgraph, and the demo-data loader. */
export const ENTRY_POINTS = ['gateway/index.ts', ...SUBGRAPH_NAMES.map((name) => `subgraphs/${name}/index.ts`), 'scripts/seed.ts'];

/**
 * Compiles the server processes into `outDir`; `withWorkbench` copies a built workbench/dist beside
 * them; `entryPoints` adds to or replaces the list (the benchmark compiles its comparison targets
 * too). `outDir` must be inside the project, where node_modules is found from.
 */
export async function buildServer(outDir = join(ROOT, 'dist'), { withWorkbench = true, entryPoints = ENTRY_POINTS } = {}): Promise<string[]> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: entryPoints.map((entry) => join(ROOT, entry)),
    outbase: ROOT,
    outdir: outDir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  const copied: string[] = [];
  const copy = (from: string) => {
    mkdirSync(join(outDir, from, '..'), { recursive: true });
    cpSync(join(ROOT, from), join(outDir, from), { recursive: true });
    copied.push(from);
  };
  copy('schema/supergraph.graphql');
  for (const name of SUBGRAPH_NAMES) copy(`subgraphs/${name}/schema.graphql`);
  if (withWorkbench) {
    if (!existsSync(join(ROOT, 'workbench/dist/index.html'))) throw new Error('workbench/dist is missing: run npm run workbench:build first');
    copy('workbench/dist');
  }
  return copied;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const values = readOptions(
    `npm run build [-- --out DIR] [--skip-workbench]

Builds the workbench, then compiles the gateway, every subgraph and the seed script into dist/ (node dist/gateway/index.js …).`,
    { out: { type: 'string' }, 'skip-workbench': { type: 'boolean', default: false } },
  );
  if (!values['skip-workbench']) {
    const { buildWorkbench } = await import('../workbench/build');
    await buildWorkbench();
  }
  const outDir = values.out ? resolve(values.out) : join(ROOT, 'dist');
  await buildServer(outDir, { withWorkbench: !values['skip-workbench'] });
  console.log(`built ${ENTRY_POINTS.length} entry points into ${outDir}`);
}
