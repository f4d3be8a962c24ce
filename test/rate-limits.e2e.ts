// Rate limits per identity (issue 11): over its budget a caller gets 429 with Retry-After and a
// GraphQL error naming the limit, while everyone else goes on being answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../subgraphs/kit/context';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ gatewayEnv: { RATE_LIMIT_PER_SUBJECT: '3', RATE_LIMIT_PER_ROLE: 'analyst=4', RATE_LIMIT_ANONYMOUS: '2', GATEWAY_TRUST_PROXY: '1' } });
});
afterAll(async () => harness?.stop());

const CATALOG = JSON.stringify({ query: '{ serviceCatalog { code } }' });

async function ask(headers: Record<string, string>): Promise<{ status: number; retryAfter: string | null; body: { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } }> {
  const response = await fetch(harness.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers }, body: CATALOG });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

const as = async (viewer: Viewer) => bearer(viewer);

describe('rate limits', () => {
  it('answers a subject 3 times a minute, then 429 with Retry-After and the limit named; another subject is still answered', async () => {
    const headers = await as({ subject: 'coordinator-busy', role: 'coordinator' });
    for (let i = 0; i < 3; i += 1) expect((await ask(headers)).status).toBe(200);
    const refused = await ask(headers);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(refused.retryAfter) });
    expect(refused.body.errors![0].message).toContain('每人每分钟至多 3 次');
    expect((await ask(await as({ subject: 'coordinator-calm', role: 'coordinator' }))).status).toBe(200);
  });

  it('gives all analysts together one budget, so their ad-hoc queries cannot crowd out the window', async () => {
    const statuses: number[] = [];
    for (const subject of ['analyst-a', 'analyst-b', 'analyst-c']) {
      const headers = await as({ subject, role: 'analyst' });
      for (let i = 0; i < 2; i += 1) statuses.push((await ask(headers)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect((await ask(await as({ subject: 'specialist-window', role: 'specialist' }))).status).toBe(200);
  });

  it('limits callers without a token per address, the one the trusted proxy appended', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': `203.0.113.99, ${address}` });
    expect((await ask(from('198.51.100.1'))).status).toBe(200);
    expect((await ask(from('198.51.100.1'))).status).toBe(200);
    const refused = await ask(from('198.51.100.1'));
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0].message).toContain('每个地址每分钟至多 2 次');
    // What the caller wrote before the proxy's entry is not theirs to choose.
    expect((await ask(from('198.51.100.2'))).status).toBe(200);
  });
});
