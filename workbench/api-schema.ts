// The schema the workbench is typed against: the gateway's API schema — the supergraph without
// federation's own directives and types and without what is @inaccessible — derived by
// @apollo/gateway itself from the same file the running gateway reads.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ApolloGateway } from '@apollo/gateway';

// The gateway builds its schema with graphql's CommonJS build; print it with the same copy.
const require = createRequire(import.meta.url);
const { buildSchema, isEnumType, lexicographicSortSchema, printSchema } = require('graphql') as typeof import('graphql');

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

/**
 * What staff read for each enum value, from the schema's own descriptions ("1 网上注册与申报 Online
 * registration and declaration" → "1 网上注册与申报"): the departments name their steps and
 * statuses once, in their schema, and the workbench shows those names instead of codes.
 */
export function enumLabels(sdl: string): Record<string, Record<string, string>> {
  const labels: Record<string, Record<string, string>> = {};
  for (const type of Object.values(buildSchema(sdl).getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__')) continue;
    const values: Record<string, string> = {};
    for (const value of type.getValues()) {
      const chinese = value.description?.split(/\s(?=[A-Z][a-z])|[:：;；(（]/)[0].trim();
      if (chinese && /[\u4e00-\u9fff]/.test(chinese)) values[value.name] = chinese;
    }
    if (Object.keys(values).length > 0) labels[type.name] = values;
  }
  return labels;
}
