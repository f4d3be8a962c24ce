// The gateway reads the composed supergraph from a file and follows it: when the file changes,
// the new graph is served without a restart and without introspecting any subgraph.
import { readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SupergraphManager } from '@apollo/gateway';

/** `log` says what happened; `warn` that a changed file was refused (an operator must look at it). */
export function supergraphFromFile(path: string, log: (message: string) => void, warn: (message: string) => void = log): SupergraphManager {
  return {
    initialize: async ({ update }) => {
      let current = readFileSync(path, 'utf8');
      // Watch the folder, not the file: editors and `npm run compose` may replace the file.
      const watcher = watch(dirname(path), (_event, file) => {
        if (file !== basename(path)) return;
        let next: string;
        try {
          next = readFileSync(path, 'utf8');
        } catch {
          return; // mid-replace; the next event brings the new file
        }
        if (next === current || next.trim() === '') return;
        current = next;
        try {
          update(next);
          log(`supergraph reloaded from ${path}`);
        } catch (error) {
          // A broken file keeps the graph that was being served.
          warn(`supergraph at ${path} not loaded, still serving the previous one: ${(error as Error).message}`);
        }
      });
      return { supergraphSdl: current, cleanup: async () => watcher.close() };
    },
  };
}
