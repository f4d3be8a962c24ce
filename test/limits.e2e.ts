// Limits at the gateway (issue 4): each one lets a query just under it through, unchanged, and
// refuses one just over it before any department is asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQueryLimits } from '../gateway/limits';
import { startHarness, type Harness } from './harness';

let harness: Harness;
const limits = readQueryLimits({});

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

/** case → talent → cases → talent → …: a legal query of any depth. */
/** Depth counts field levels, the leaf included: `{ case { id } }` has depth 2. */
function deepQuery(depth: number): string {
  let selection = 'id';
  for (let level = 2; level < depth; level += 1) selection = level % 2 === 1 ? `talent { ${selection} }` : `cases { ${selection} }`;
  return `{ case(id: "ffffffffffffffffffffffff") { ${selection} } }`;
}

const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, n) => `a${n}: serviceCatalog { code }`).join(' ')} }`;
const directives = (count: number) => `{ serviceCatalog { ${Array.from({ length: count }, () => 'code @include(if: true)').join(' ')} } }`;

async function refusedBy(query: string): Promise<string | null> {
  harness.resetCounters();
  const result = await harness.query(query);
  const counts = harness.requestCounts();
  if (!result.errors) return null;
  // Refused at the gateway: no department was asked.
  expect(Object.values(counts).every((count) => count === 0)).toBe(true);
  return result.errors.map((error) => error.message).join(' | ');
}

describe('query limits', () => {
  it(`depth: ${limits.maxDepth} passes, ${limits.maxDepth + 1} is refused`, async () => {
    expect(await refusedBy(deepQuery(limits.maxDepth))).toBeNull();
    expect(await refusedBy(deepQuery(limits.maxDepth + 1))).toMatch(/depth/i);
  });

  it(`aliases: ${limits.maxAliases} pass, ${limits.maxAliases + 1} are refused`, async () => {
    expect(await refusedBy(aliases(limits.maxAliases))).toBeNull();
    expect(await refusedBy(aliases(limits.maxAliases + 1))).toMatch(/alias/i);
  });

  it(`directives: ${limits.maxDirectives} pass, ${limits.maxDirectives + 1} are refused`, async () => {
    expect(await refusedBy(directives(limits.maxDirectives))).toBeNull();
    expect(await refusedBy(directives(limits.maxDirectives + 1))).toMatch(/directive/i);
  });

  it(`tokens: a query of ${limits.maxTokens} tokens passes, one more is refused as a parse error (400, not 500)`, async () => {
    // `{ requirements(items: [ … ]) { problems { code } } }` has 15 tokens besides the list's values.
    const items = (count: number) => `{ requirements(items: [${Array.from({ length: count }, () => 'LEGAL_CONSULTATION').join(' ')}]) { problems { code } } }`;
    expect(await refusedBy(items(limits.maxTokens - 15))).toBeNull();
    expect(await refusedBy(items(limits.maxTokens - 14))).toMatch(/token/i);
    const response = await fetch(harness.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: items(limits.maxTokens) }) });
    expect(response.status).toBe(400);
  });

  it('cost: the heaviest dashboard query passes; one that multiplies it is refused', async () => {
    const view = (await import('./queries')).TALENTS_VIEW;
    expect(await refusedBy(view.replace('$first: Int!', '$first: Int! = 100'))).toBeNull();
    const heavy = `{ ${Array.from({ length: 25 }, (_, n) => `t${n}: talents(first: 100) { edges { node { household { transfers { steps { step status completedAt } applicant { name relation } } } } } }`).join(' ')} }`;
    expect(await refusedBy(heavy)).toMatch(/cost/i);
  });
});
