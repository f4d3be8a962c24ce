// Verified identity (issue 4): only tokens signed by our key, not expired, issued no longer ago
// than they may live (JWT_MAX_TTL), with a known role and the claims that role needs, become a
// viewer; a production start on the development secret fails.
import { jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createVerifier, DEVELOPMENT_SECRET, issueToken, readIdentityConfig } from './identity';

const config = readIdentityConfig({});
const now = () => Math.floor(Date.now() / 1000);
const unsigned = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer('talent-green-channel').setAudience('talent-green-channel');
const sign = (claims: Record<string, unknown>, secret = DEVELOPMENT_SECRET, exp = now() + 60) =>
  unsigned(claims).setIssuedAt(now() - 5).setExpirationTime(exp).sign(new TextEncoder().encode(secret));
const refusal = async (verify: (token: string) => Promise<unknown>, token: string) => {
  const error = await verify(token).then(() => null, (caught: unknown) => caught as { extensions: { code: string }; message: string });
  expect(error?.extensions.code).toBe('UNAUTHENTICATED');
  return error!.message;
};

describe('identity', () => {
  it('turns a valid token into a viewer', async () => {
    const verify = await createVerifier(config);
    const token = await issueToken(config, { subject: 'staff-7', role: 'department_staff', department: 'health' }, 60);
    expect(await verify(token)).toEqual({ subject: 'staff-7', role: 'department_staff', department: 'health' });
    expect(await verify(await issueToken(config, { subject: 't', role: 'talent', talentId: '64c000000000000000000001' }, 60))).toEqual({ subject: 't', role: 'talent', talentId: '64c000000000000000000001' });
  });

  it('refuses forged, expired, unsigned and incomplete tokens as UNAUTHENTICATED', async () => {
    const verify = await createVerifier(config);
    const refused = (token: string) => refusal(verify, token);
    expect(await refused(await sign({ role: 'coordinator' }, 'another-secret-of-a-forger-1234567'))).toContain('the token is not valid');
    expect(await refused(await sign({ role: 'coordinator' }, DEVELOPMENT_SECRET, Math.floor(Date.now() / 1000) - 10))).toContain('the token has expired');
    expect(await refused(new UnsecuredJWT({ role: 'coordinator' }).setSubject('u1').setIssuer('talent-green-channel').setAudience('talent-green-channel').setExpirationTime('1h').encode())).toContain('not valid');
    expect(await refused(await sign({ role: 'superuser' }))).toContain('no valid role');
    expect(await refused(await sign({ role: 'department_staff' }))).toContain('name their department');
    expect(await refused(await sign({ role: 'talent', talentId: 'x' }))).toContain('talent id');
    expect(await refused('not-a-jwt')).toContain('not valid');
    const withSubject = (subject: string | null) => {
      const token = new SignJWT({ role: 'coordinator' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('talent-green-channel').setAudience('talent-green-channel').setIssuedAt().setExpirationTime('1m');
      return (subject === null ? token : token.setSubject(subject)).sign(new TextEncoder().encode(DEVELOPMENT_SECRET));
    };
    expect(await refused(await withSubject(null))).toContain('not valid'); // sub is a required claim
    expect(await refused(await withSubject(''))).toContain('names no subject');
    expect(await refused(await withSubject('x'.repeat(201)))).toContain('names no subject');
  });

  it('refuses a token without iat or exp, issued in the future, or living longer than 24 h', async () => {
    const verify = await createVerifier(config);
    const key = new TextEncoder().encode(DEVELOPMENT_SECRET);
    const coordinator = { role: 'coordinator' };
    expect(await refusal(verify, await unsigned(coordinator).setExpirationTime(now() + 60).sign(key))).toContain('no issued-at time (iat)');
    expect(await refusal(verify, await unsigned(coordinator).setIssuedAt().sign(key))).toContain('not valid'); // exp is a required claim
    expect(await refusal(verify, await unsigned(coordinator).setIssuedAt().setExpirationTime(1e20).sign(key))).toContain('longer than the 86400 s allowed');
    expect(await refusal(verify, await unsigned(coordinator).setIssuedAt(now() - 10).setExpirationTime(now() - 10 + 86_401).sign(key))).toContain('JWT_MAX_TTL');
    expect(await refusal(verify, await unsigned(coordinator).setIssuedAt(now() + 3600).setExpirationTime(now() + 7200).sign(key))).toContain('issued in the future');
    // Exactly the limit passes, and an issuer's clock a few seconds ahead is no forgery.
    expect(await verify(await unsigned(coordinator).setIssuedAt(now() - 10).setExpirationTime(now() - 10 + 86_400).sign(key))).toEqual({ subject: 'u1', role: 'coordinator' });
    expect(await verify(await unsigned(coordinator).setIssuedAt(now() + 5).setExpirationTime(now() + 65).sign(key))).toEqual({ subject: 'u1', role: 'coordinator' });
  });

  it('takes the longest lifetime from JWT_MAX_TTL, and mints no token longer than it', async () => {
    const short = readIdentityConfig({ JWT_MAX_TTL: '30m' });
    expect(short.maxTtlSeconds).toBe(1800);
    expect(readIdentityConfig({ JWT_MAX_TTL: '7200' }).maxTtlSeconds).toBe(7200);
    expect(readIdentityConfig({}).maxTtlSeconds).toBe(86_400);
    for (const bad of ['0', '-5', '1e9', '24 hours', 'h']) expect(() => readIdentityConfig({ JWT_MAX_TTL: bad })).toThrow(/JWT_MAX_TTL/);
    const verify = await createVerifier(short);
    expect(await refusal(verify, await issueToken(config, { subject: 'u1', role: 'coordinator' }, 3600))).toContain('longer than the 1800 s allowed');
    expect(await verify(await issueToken(short, { subject: 'u1', role: 'coordinator' }, 1800))).toEqual({ subject: 'u1', role: 'coordinator' });
    await expect(issueToken(short, { subject: 'u1', role: 'coordinator' }, 1801)).rejects.toThrow(/JWT_MAX_TTL/);
    await expect(issueToken(config, { subject: 'u1', role: 'coordinator' }, 8 * 3600)).resolves.toMatch(/^ey/); // the token script's default --ttl
  });

  it('refuses to start in production on the development secret, naming the setting', () => {
    expect(() => readIdentityConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => readIdentityConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_SECRET })).toThrow(/JWT_SECRET/);
    expect(readIdentityConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).kind).toBe('secret');
    expect(readIdentityConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example.gov.cn/jwks.json' }).kind).toBe('jwks');
  });

  describe('each token verified once per process until it expires', () => {
    /** A clock the test moves, and a count of the signature checks jose actually ran. */
    function counted() {
      let clockMs = Date.now();
      const calls = { count: 0 };
      const verifyJwt: typeof jwtVerify = (async (...args: Parameters<typeof jwtVerify>) => {
        calls.count += 1;
        return jwtVerify(...args);
      }) as typeof jwtVerify;
      return { calls, now: () => clockMs, advance: (ms: number) => void (clockMs += ms), verifyJwt };
    }

    it('checks the signature once for a token seen twice, and returns the same viewer', async () => {
      const seam = counted();
      const verify = await createVerifier(config, seam);
      const token = await issueToken(config, { subject: 'staff-7', role: 'department_staff', department: 'health' }, 600);
      expect(await verify(token)).toEqual({ subject: 'staff-7', role: 'department_staff', department: 'health' });
      expect(await verify(token)).toEqual({ subject: 'staff-7', role: 'department_staff', department: 'health' });
      expect(seam.calls.count).toBe(1);
      // Another token is another entry.
      await verify(await issueToken(config, { subject: 'staff-8', role: 'coordinator' }, 600));
      expect(seam.calls.count).toBe(2);
    });

    it('refuses a cached token once it has expired, checking it again', async () => {
      const seam = counted();
      const verify = await createVerifier(config, seam);
      const token = await sign({ role: 'coordinator' }, DEVELOPMENT_SECRET, now() + 30);
      expect(await verify(token)).toEqual({ subject: 'u1', role: 'coordinator' });
      seam.advance(29_000);
      expect(await verify(token)).toEqual({ subject: 'u1', role: 'coordinator' });
      expect(seam.calls.count).toBe(1);
      seam.advance(2_000);
      expect(await refusal(verify, token)).toContain('the token has expired');
      expect(seam.calls.count).toBe(2);
    });

    it('checks a long-lived token again after 5 minutes, so a rotated key takes effect', async () => {
      const seam = counted();
      const verify = await createVerifier(config, seam);
      const token = await issueToken(config, { subject: 'u1', role: 'coordinator' }, 3600);
      await verify(token);
      seam.advance(5 * 60_000 - 1_000);
      await verify(token);
      expect(seam.calls.count).toBe(1);
      seam.advance(2_000);
      await verify(token);
      expect(seam.calls.count).toBe(2);
    });

    it('never keeps a refusal: a bad token is checked every time', async () => {
      const seam = counted();
      const verify = await createVerifier(config, seam);
      const forged = await sign({ role: 'coordinator' }, 'another-secret-of-a-forger-1234567');
      await refusal(verify, forged);
      await refusal(verify, forged);
      expect(seam.calls.count).toBe(2);
      // Signed right but without a valid role: refused after jose, and not remembered either.
      const roleless = await sign({ role: 'superuser' });
      await refusal(verify, roleless);
      await refusal(verify, roleless);
      expect(seam.calls.count).toBe(4);
    });
  });
});
