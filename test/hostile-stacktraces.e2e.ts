// Stack traces name the files and lines of the code that failed: a subgraph shows them only when
// asked for (GRAPHQL_STACKTRACES=1), never by default — not even with NODE_ENV=development, where
// Apollo Server's own default would show them to anyone who sends a bad query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type GraphQLResponse, type Harness } from './harness';
import { tokenFor } from './tokens';

let harness: Harness;
const saved = { NODE_ENV: process.env.NODE_ENV, GRAPHQL_STACKTRACES: process.env.GRAPHQL_STACKTRACES };

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  Object.assign(process.env, saved);
  if (saved.GRAPHQL_STACKTRACES === undefined) delete process.env.GRAPHQL_STACKTRACES;
  await harness.stop();
});

/** Restarts the legal subgraph under these settings (read when it starts), then sends it a bad query directly. */
async function legalErrorsUnder(env: { NODE_ENV: string; GRAPHQL_STACKTRACES?: string }): Promise<GraphQLResponse['errors']> {
  process.env.NODE_ENV = env.NODE_ENV;
  if (env.GRAPHQL_STACKTRACES === undefined) delete process.env.GRAPHQL_STACKTRACES;
  else process.env.GRAPHQL_STACKTRACES = env.GRAPHQL_STACKTRACES;
  await harness.startSubgraph('legal');
  const response = await fetch(harness.subgraphs.legal.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor({ subject: 'svc', role: 'service' })}` },
    body: JSON.stringify({ query: '{ nope }' }),
  });
  return ((await response.json()) as GraphQLResponse).errors;
}

const withStacktrace = (errors: GraphQLResponse['errors']) => (errors ?? []).filter((error) => 'stacktrace' in (error.extensions ?? {})).length;

describe('stack traces in a subgraph’s errors', () => {
  it('are not shown by default, even in development', async () => {
    const errors = await legalErrorsUnder({ NODE_ENV: 'development' });
    expect(errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(withStacktrace(errors)).toBe(0);
  });

  it('are shown when asked for with GRAPHQL_STACKTRACES=1', async () => {
    expect(withStacktrace(await legalErrorsUnder({ NODE_ENV: 'development', GRAPHQL_STACKTRACES: '1' }))).toBe(1);
  });
});
