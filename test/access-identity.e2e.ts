// Verified identity (issue 4): the gateway answers a caller without a token with the service
// catalog and nothing else; forged, expired and wrongly signed tokens are refused; every subgraph
// verifies the token again, so a subgraph port reached directly answers nothing without one
// (health excepted); introspection is for authenticated staff only.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { DEVELOPMENT_SECRET } from '../subgraphs/kit/identity';
import { startHarness, type Harness } from './harness';
import { bearer, tokenFor } from './tokens';

let harness: Harness;
const NO_TOKEN = { authorization: '' };

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 2 });
});
afterAll(() => harness.stop());

const signed = (secret: string, expiresAt: number) =>
  new SignJWT({ role: 'coordinator' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('someone')
    .setIssuer('talent-green-channel')
    .setAudience('talent-green-channel')
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));

const code = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;

describe('identity at the gateway', () => {
  it('serves the service catalog to anyone, and nothing else without a token', async () => {
    const catalog = await harness.query<{ serviceCatalog: unknown[] }>('{ serviceCatalog { code } }', {}, NO_TOKEN);
    expect(catalog.errors).toBeUndefined();
    expect(catalog.data!.serviceCatalog).toHaveLength(13);
    const talents = await harness.query('{ talents(first: 1) { totalCount } }', {}, NO_TOKEN);
    expect(talents.data).toBeUndefined();
    expect(code(talents)).toBe('UNAUTHENTICATED');
    const mixed = await harness.query('{ serviceCatalog { code } talents(first: 1) { totalCount } }', {}, NO_TOKEN);
    expect(code(mixed)).toBe('UNAUTHENTICATED');
  });

  it('refuses forged, expired and garbled tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const token of [await signed('a-forgers-secret-that-is-long-enough-1', now + 60), await signed(DEVELOPMENT_SECRET, now - 5), 'garbled.token.value']) {
      const result = await harness.query('{ serviceCatalog { code } }', {}, { authorization: `Bearer ${token}` });
      expect(code(result)).toBe('UNAUTHENTICATED');
    }
  });

  it('lets staff introspect, and no one else', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    expect((await harness.query(introspect)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect(code(await harness.query(introspect, {}, NO_TOKEN))).toBe('UNAUTHENTICATED');
    const talent = await harness.query(introspect, {}, await bearer({ subject: 't', role: 'talent', talentId: '007a1e470000000000000001' }));
    expect(code(talent)).toBe('FORBIDDEN');
  });

  it('suggests field names to staff only: not without a token, not to talents', async () => {
    const typo = '{ serviceCatalog { cod } }';
    const message = (result: { errors?: { message: string }[] }) => result.errors?.map((error) => error.message).join(' ');
    expect(message(await harness.query(typo))).toBe('Cannot query field "cod" on type "ServiceItem". Did you mean "code"?');
    for (const headers of [NO_TOKEN, await bearer({ subject: 't', role: 'talent', talentId: '007a1e470000000000000001' })]) {
      expect(message(await harness.query(typo, {}, headers))).toBe('Cannot query field "cod" on type "ServiceItem".');
    }
  });
});

describe('identity at every subgraph', () => {
  it.each(SUBGRAPH_NAMES)('%s answers nothing without a valid token, but its health', async (name) => {
    const url = harness.subgraphs[name].url;
    const ask = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
    const anonymous = await ask({});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const forged = await ask({ authorization: `Bearer ${await signed('a-forgers-secret-that-is-long-enough-1', Math.floor(Date.now() / 1000) + 60)}` });
    expect(forged.status).toBe(401);
    const verified = await ask({ authorization: `Bearer ${await tokenFor({ subject: 'svc', role: 'service' })}` });
    expect(verified.status).toBe(200);
    expect((await fetch(url.replace('/graphql', '/health'))).status).toBe(200);
  });
});
