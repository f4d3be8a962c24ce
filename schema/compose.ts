// npm run compose            — writes schema/supergraph.graphql
// npm run compose -- --check — fails if the committed file is not what composition gives now
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_PATH } from './compose-lib';

const check = process.argv.includes('--check');
const result = composeSupergraph();
if (!result.ok) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const error of result.errors) console.error(`  ${error}`);
  process.exit(1);
}
for (const hint of result.hints) console.log(`hint ${hint}`);
const current = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
if (check) {
  if (current !== result.supergraphSdl) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit the result.');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is up to date.');
} else if (current === result.supergraphSdl) {
  console.log('schema/supergraph.graphql unchanged.');
} else {
  writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  console.log('wrote schema/supergraph.graphql');
}
