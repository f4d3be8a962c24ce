// The schema the workbench is typed against: the gateway's API schema — the supergraph without
// federation's own directives and types and without what is @inaccessible — derived by
// @apollo/gateway itself from the same file the running gateway reads.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ApolloGateway } from '@apollo/gateway';

// The gateway builds its schema with graphql's CommonJS build; print it with the same copy.
const require = createRequire(import.meta.url);
const { lexicographicSortSchema, printSchema } = require('graphql') as typeof import('graphql');

export const SUPERGRAPH_FILE = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));

export async function apiSchemaSdl(supergraphPath = SUPERGRAPH_FILE): Promise<string> {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8'), logger: { debug() {}, info() {}, warn() {}, error: console.error } });
  try {
    const { schema } = await gateway.load();
    return printSchema(lexicographicSortSchema(schema));
  } finally {
    await gateway.stop();
  }
}
