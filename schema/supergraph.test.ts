// Composition is a build step: the committed supergraph must be what the subgraphs' SDL composes to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, SUPERGRAPH_PATH } from './compose-lib';

describe('supergraph', () => {
  it('composes without errors', () => {
    const result = composeSupergraph();
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('is committed up to date (run `npm run compose` after changing a schema.graphql)', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(result.supergraphSdl);
  });
});
