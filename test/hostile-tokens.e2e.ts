// Tokens that never stop working (a fuzz run's finding: `exp: 1e20` was accepted): a token must
// carry iat and exp, and live no longer than JWT_MAX_TTL (24 h by default) — at the gateway and at
// every subgraph, which verifies the token again when called directly.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { DEVELOPMENT_SECRET } from '../subgraphs/kit/identity';
import { startHarness, type GraphQLResponse, type Harness } from './harness';
import { tokenFor } from './tokens';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

const now = () => Math.floor(Date.now() / 1000);
const key = new TextEncoder().encode(DEVELOPMENT_SECRET);
const coordinator = () => new SignJWT({ role: 'coordinator' }).setProtectedHeader({ alg: 'HS256' }).setSubject('someone').setIssuer('talent-green-channel').setAudience('talent-green-channel');

const TOKENS = {
  'exp: 1e20': () => coordinator().setIssuedAt().setExpirationTime(1e20).sign(key),
  'a lifetime of 24 h and a second': () => coordinator().setIssuedAt(now() - 1).setExpirationTime(now() + 86_400).sign(key),
  'no iat': () => coordinator().setExpirationTime(now() + 60).sign(key),
  'iat in the future': () => coordinator().setIssuedAt(now() + 3600).setExpirationTime(now() + 3660).sign(key),
};

describe('a token’s lifetime', () => {
  it.each(Object.keys(TOKENS))('%s: refused at the gateway as UNAUTHENTICATED', async (name) => {
    const token = await TOKENS[name as keyof typeof TOKENS]();
    const result = await harness.query('{ talents(first: 1) { totalCount } }', {}, { authorization: `Bearer ${token}` });
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it.each(SUBGRAPH_NAMES)('%s refuses a token with exp: 1e20 when called directly (401)', async (name) => {
    const response = await fetch(harness.subgraphs[name].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await TOKENS['exp: 1e20']()}` },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors?.[0].message).toContain('longer than the 86400 s allowed');
  });

  it('a token of 24 h exactly, as the token script mints, is accepted', async () => {
    const token = await tokenFor({ subject: 'coordinator-24h', role: 'coordinator' }, 86_400);
    const result = await harness.query<{ talents: { totalCount: number } }>('{ talents(first: 1) { totalCount } }', {}, { authorization: `Bearer ${token}` });
    expect(result).toEqual({ data: { talents: { totalCount: 0 } } });
  });
});
