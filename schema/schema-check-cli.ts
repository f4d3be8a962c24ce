// npm run schema:check   — each subgraph's schema against its released one (schema-check.ts);
//                          fails on a breaking change that schema/acknowledged-changes.json does not name.
// npm run schema:release — records the subgraphs' schemas as released (when a version goes out).
import { copyFileSync, mkdirSync } from 'node:fs';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { subgraphSdlPath } from './compose-lib';
import { checkSchemas, describeChange, RELEASED_DIR, releasedSdlPath } from './schema-check';

if (process.argv.includes('--release')) {
  mkdirSync(RELEASED_DIR, { recursive: true });
  for (const name of SUBGRAPH_NAMES) copyFileSync(subgraphSdlPath(name), releasedSdlPath(name));
  console.log(`recorded ${SUBGRAPH_NAMES.length} subgraph schemas as released in schema/released/`);
} else {
  const result = await checkSchemas().catch((error: Error) => {
    console.error(`schema check: ${error.message}`);
    process.exit(1);
  });
  for (const change of result.changes) console.log(describeChange(change));
  for (const entry of result.unused) console.log(`note: acknowledgement of ${entry.subgraph} ${entry.path} (${entry.date}) matches no change any more`);
  if (result.blocking.length > 0) {
    console.error(`\n${result.blocking.length} breaking change(s) not acknowledged. Keep the old field (mark it @deprecated) until callers have moved,`);
    console.error('or, once the owning department agrees, add { subgraph, path, date, reason } to schema/acknowledged-changes.json.');
    process.exit(1);
  }
  console.log(result.changes.length === 0 ? 'schema check: no changes since the released schemas.' : `schema check: ${result.changes.length} change(s), none breaking unacknowledged.`);
}
