// Typed operations from the gateway's API schema (graphql-codegen client-preset). Every
// `graphql(\`…\`)` beside a page becomes a typed document; a schema change that breaks a page
// fails the type check. The persisted-documents manifest (sha256 of each operation) is the
// gateway's safelist in production (PERSISTED_QUERY_SAFELIST).
import type { CodegenConfig } from '@graphql-codegen/cli';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const API_SCHEMA_FILE = here('./api-schema.graphql');
export const GENERATED_DIR = here('./src/gql/');

export const codegenConfig: CodegenConfig = {
  schema: API_SCHEMA_FILE,
  documents: [here('./src/**/*.{ts,tsx}'), `!${here('./src/gql/**')}`],
  silent: true,
  generates: {
    [GENERATED_DIR]: {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        scalars: { Date: 'string', DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
      },
    },
  },
};
