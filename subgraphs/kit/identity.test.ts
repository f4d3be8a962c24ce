// Verified identity (issue 4): only tokens signed by our key, not expired, with a known role and
// the claims that role needs, become a viewer; a production start on the development secret fails.
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createVerifier, DEVELOPMENT_SECRET, issueToken, readIdentityConfig } from './identity';

const config = readIdentityConfig({});
const sign = (claims: Record<string, unknown>, secret = DEVELOPMENT_SECRET, exp = Math.floor(Date.now() / 1000) + 60) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer('talent-green-channel').setAudience('talent-green-channel').setExpirationTime(exp).sign(new TextEncoder().encode(secret));

describe('identity', () => {
  it('turns a valid token into a viewer', async () => {
    const verify = await createVerifier(config);
    const token = await issueToken(config, { subject: 'staff-7', role: 'department_staff', department: 'health' }, 60);
    expect(await verify(token)).toEqual({ subject: 'staff-7', role: 'department_staff', department: 'health' });
    expect(await verify(await issueToken(config, { subject: 't', role: 'talent', talentId: '64c000000000000000000001' }, 60))).toEqual({ subject: 't', role: 'talent', talentId: '64c000000000000000000001' });
  });

  it('refuses forged, expired, unsigned and incomplete tokens as UNAUTHENTICATED', async () => {
    const verify = await createVerifier(config);
    const refused = async (token: string) => {
      const error = await verify(token).then(() => null, (caught: unknown) => caught as { extensions: { code: string }; message: string });
      expect(error?.extensions.code).toBe('UNAUTHENTICATED');
      return error!.message;
    };
    expect(await refused(await sign({ role: 'coordinator' }, 'another-secret-of-a-forger-1234567'))).toContain('the token is not valid');
    expect(await refused(await sign({ role: 'coordinator' }, DEVELOPMENT_SECRET, Math.floor(Date.now() / 1000) - 10))).toContain('the token has expired');
    expect(await refused(new UnsecuredJWT({ role: 'coordinator' }).setSubject('u1').setIssuer('talent-green-channel').setAudience('talent-green-channel').setExpirationTime('1h').encode())).toContain('not valid');
    expect(await refused(await sign({ role: 'superuser' }))).toContain('no valid role');
    expect(await refused(await sign({ role: 'department_staff' }))).toContain('name their department');
    expect(await refused(await sign({ role: 'talent', talentId: 'x' }))).toContain('talent id');
    expect(await refused('not-a-jwt')).toContain('not valid');
    const withSubject = (subject: string | null) => {
      const token = new SignJWT({ role: 'coordinator' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('talent-green-channel').setAudience('talent-green-channel').setExpirationTime('1m');
      return (subject === null ? token : token.setSubject(subject)).sign(new TextEncoder().encode(DEVELOPMENT_SECRET));
    };
    expect(await refused(await withSubject(null))).toContain('not valid'); // sub is a required claim
    expect(await refused(await withSubject(''))).toContain('names no subject');
    expect(await refused(await withSubject('x'.repeat(201)))).toContain('names no subject');
  });

  it('refuses to start in production on the development secret, naming the setting', () => {
    expect(() => readIdentityConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => readIdentityConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_SECRET })).toThrow(/JWT_SECRET/);
    expect(readIdentityConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).kind).toBe('secret');
    expect(readIdentityConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example.gov.cn/jwks.json' }).kind).toBe('jwks');
  });
});
