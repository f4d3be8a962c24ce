// The gateway's response cache holds only what is the same for everyone (issue 12): the public service
// catalog (事项目录, 004 第六条, hinted PUBLIC in the talent subgraph's schema). Asked twice, by anyone,
// the talent subgraph answers once; a talent view, or the catalog asked together with anything else, is
// never cached.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { firstTalentId, startHarness, type Harness } from './harness';
import { TALENT_VIEW } from './queries';

const NO_TOKEN = { authorization: '' };
const CATALOG = '{ serviceCatalog { code name department materials { code key } timeLimitWorkingDays } }';
let harness: Harness;
let talentId: string;

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 2 });
  talentId = await firstTalentId(harness);
});
afterAll(() => harness?.stop());
beforeEach(() => harness.resetCounters());

describe('the response cache', () => {
  it('answers the public catalog from the cache: two anonymous requests, one call to the talent subgraph', async () => {
    const first = await harness.query<{ serviceCatalog: unknown[] }>(CATALOG, {}, NO_TOKEN);
    expect(first.errors).toBeUndefined();
    expect(first.data!.serviceCatalog).toHaveLength(13);
    const second = await harness.query(CATALOG, {}, NO_TOKEN);
    expect(second).toEqual(first);
    expect(harness.requestCounts().talent).toBe(1);
    // The same answer for a signed-in caller: it does not depend on who asks.
    expect(await harness.query(CATALOG)).toEqual(first);
    expect(harness.requestCounts().talent).toBe(1);
  });

  it('says so to the caller: public, with the subgraph’s max-age', async () => {
    const response = await fetch(harness.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ serviceCatalog { code } }' }) });
    expect(response.headers.get('cache-control')).toBe('max-age=300, public');
  });

  it('never caches a talent view', async () => {
    const first = await harness.query(TALENT_VIEW, { id: talentId });
    expect(first.errors).toBeUndefined();
    const counts = harness.requestCounts();
    expect(await harness.query(TALENT_VIEW, { id: talentId })).toEqual(first);
    const twice = harness.requestCounts();
    for (const [subgraph, count] of Object.entries(counts)) expect(twice[subgraph as keyof typeof twice], subgraph).toBe(count * 2);
    expect(twice.talent).toBe(2);
  });

  it('never caches the catalog asked together with anything else', async () => {
    const mixed = '{ serviceCatalog { code } talents(first: 1) { totalCount } }';
    const first = await harness.query(mixed);
    expect(first.errors).toBeUndefined();
    expect(await harness.query(mixed)).toEqual(first);
    expect(harness.requestCounts().talent).toBe(2);
  });
});
