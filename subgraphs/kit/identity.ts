// Verified identity (issue 4): the gateway and every subgraph verify the caller's JWT with jose.
// Development signs with a shared HS256 secret; production verifies against a JWKS URL or a
// public key, and refuses to start on the development secret.
import { createLocalJWKSet, createRemoteJWKSet, importSPKI, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GraphQLError } from 'graphql';
import { isProduction, readString, type Env } from './config';
import type { Role, Viewer } from './context';
import { DEPARTMENT_NAMES, type DepartmentName } from './departments';

export const ROLES: readonly Role[] = ['coordinator', 'specialist', 'department_staff', 'talent', 'analyst', 'service'];
export const DEVELOPMENT_SECRET = 'tgc-development-secret-not-for-production';

export type IdentityConfig =
  | { kind: 'secret'; secret: Uint8Array; issuer: string; audience: string }
  | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string }
  | { kind: 'public-key'; publicKeyPem: string; algorithm: string; issuer: string; audience: string };

export function readIdentityConfig(env: Env = process.env): IdentityConfig {
  const issuer = readString(env, 'JWT_ISSUER', 'talent-green-channel');
  const audience = readString(env, 'JWT_AUDIENCE', 'talent-green-channel');
  if (env.JWT_JWKS_URL) return { kind: 'jwks', jwksUrl: env.JWT_JWKS_URL, issuer, audience };
  if (env.JWT_PUBLIC_KEY) return { kind: 'public-key', publicKeyPem: env.JWT_PUBLIC_KEY, algorithm: readString(env, 'JWT_ALGORITHM', 'RS256'), issuer, audience };
  const secret = readString(env, 'JWT_SECRET', DEVELOPMENT_SECRET);
  if (isProduction(env) && (secret === DEVELOPMENT_SECRET || secret.length < 32)) {
    throw new Error('JWT_SECRET must be set to a secret of at least 32 characters (not the development secret) when NODE_ENV=production, or set JWT_JWKS_URL / JWT_PUBLIC_KEY');
  }
  return { kind: 'secret', secret: new TextEncoder().encode(secret), issuer, audience };
}

export function unauthenticated(zh: string, en: string): GraphQLError {
  return new GraphQLError(`${zh}（${en}）`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export type Verifier = (token: string) => Promise<Viewer>;

export async function createVerifier(config: IdentityConfig): Promise<Verifier> {
  let key: Uint8Array | JWTVerifyGetKey | CryptoKey;
  let algorithms: string[];
  if (config.kind === 'secret') {
    key = config.secret;
    algorithms = ['HS256'];
  } else if (config.kind === 'jwks') {
    key = config.jwksUrl.startsWith('{') ? createLocalJWKSet(JSON.parse(config.jwksUrl)) : createRemoteJWKSet(new URL(config.jwksUrl));
    algorithms = ['RS256', 'ES256', 'EdDSA'];
  } else {
    key = await importSPKI(config.publicKeyPem, config.algorithm);
    algorithms = [config.algorithm];
  }
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, { algorithms, issuer: config.issuer, audience: config.audience, requiredClaims: ['sub', 'exp'] }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw expired ? unauthenticated('身份凭证已过期，请重新登录', 'the token has expired') : unauthenticated('身份凭证无效', 'the token is not valid');
    }
    return viewerOf(payload);
  };
}

const MAX_SUBJECT_LENGTH = 200;

function viewerOf(payload: JWTPayload): Viewer {
  const role = payload.role as Role;
  if (!ROLES.includes(role)) throw unauthenticated('身份凭证缺少有效角色', 'the token has no valid role');
  // Every access is recorded under its subject (kit/audit.ts): a token must say who it is.
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > MAX_SUBJECT_LENGTH) {
    throw unauthenticated('身份凭证须注明使用人（sub）', `the token names no subject (sub, 1 to ${MAX_SUBJECT_LENGTH} characters)`);
  }
  const viewer: Viewer = { subject: payload.sub, role };
  if (role === 'department_staff') {
    if (!DEPARTMENT_NAMES.includes(payload.department as DepartmentName)) throw unauthenticated('部门工作人员的凭证须注明部门', 'department staff tokens name their department');
    viewer.department = payload.department as DepartmentName;
  }
  if (role === 'talent') {
    if (typeof payload.talentId !== 'string' || !/^[0-9a-f]{24}$/.test(payload.talentId)) throw unauthenticated('持卡人凭证须注明人才编号', 'talent tokens carry the talent id');
    viewer.talentId = payload.talentId;
  }
  return viewer;
}

/** Signs a development token (HS256); production tokens come from the identity provider. */
export async function issueToken(config: IdentityConfig, viewer: Viewer, ttlSeconds: number): Promise<string> {
  if (config.kind !== 'secret') throw new Error('tokens can be issued here only with a shared secret (development)');
  const claims: JWTPayload = { role: viewer.role };
  if (viewer.department) claims.department = viewer.department;
  if (viewer.talentId) claims.talentId = viewer.talentId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(config.secret);
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
