// Verified identity (issue 4): the gateway and every subgraph verify the caller's JWT with jose.
// Development signs with a shared HS256 secret; production verifies against a JWKS URL or a
// public key, and refuses to start on the development secret.
import { createHash } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, importSPKI, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { isProduction, readDurationSeconds, readString, type Env } from './config';
import type { Role, Viewer } from './context';
import { DEPARTMENT_NAMES, type DepartmentName } from './departments';

export const ROLES: readonly Role[] = ['coordinator', 'specialist', 'department_staff', 'talent', 'analyst', 'service'];
export const DEVELOPMENT_SECRET = 'tgc-development-secret-not-for-production';

/** What every kind of identity setting shares: who issues tokens, for whom, and how long one may live. */
interface TokenRules {
  issuer: string;
  audience: string;
  /** The longest lifetime (exp − iat) a token may have: a leaked token stops working within it. */
  maxTtlSeconds: number;
}

export type IdentityConfig =
  | ({ kind: 'secret'; secret: Uint8Array } & TokenRules)
  | ({ kind: 'jwks'; jwksUrl: string } & TokenRules)
  | ({ kind: 'public-key'; publicKeyPem: string; algorithm: string } & TokenRules);

const DEFAULT_MAX_TTL_SECONDS = 24 * 3600;

export function readIdentityConfig(env: Env = process.env): IdentityConfig {
  const rules: TokenRules = {
    issuer: readString(env, 'JWT_ISSUER', 'talent-green-channel'),
    audience: readString(env, 'JWT_AUDIENCE', 'talent-green-channel'),
    maxTtlSeconds: readDurationSeconds(env, 'JWT_MAX_TTL', DEFAULT_MAX_TTL_SECONDS),
  };
  if (env.JWT_JWKS_URL) return { kind: 'jwks', jwksUrl: env.JWT_JWKS_URL, ...rules };
  if (env.JWT_PUBLIC_KEY) return { kind: 'public-key', publicKeyPem: env.JWT_PUBLIC_KEY, algorithm: readString(env, 'JWT_ALGORITHM', 'RS256'), ...rules };
  const secret = readString(env, 'JWT_SECRET', DEVELOPMENT_SECRET);
  if (isProduction(env) && (secret === DEVELOPMENT_SECRET || secret.length < 32)) {
    throw new Error('JWT_SECRET must be set to a secret of at least 32 characters (not the development secret) when NODE_ENV=production, or set JWT_JWKS_URL / JWT_PUBLIC_KEY');
  }
  return { kind: 'secret', secret: new TextEncoder().encode(secret), ...rules };
}

export function unauthenticated(zh: string, en: string): GraphQLError {
  return new GraphQLError(`${zh}（${en}）`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export type Verifier = (token: string) => Promise<Viewer>;

/** How many verified tokens a process remembers: bounded, so a flood of distinct tokens costs memory once. */
const VERIFIED_TOKENS_MAX = 10_000;
/**
 * The longest a verification is trusted without checking the signature again: a rotated key or a
 * changed JWKS takes effect within it, even for a token that lives longer.
 */
const VERIFIED_TOKEN_MAX_AGE_MS = 5 * 60_000;

export interface VerifierOptions {
  /** The signature and claims check (jose's jwtVerify); tests count its calls. */
  verifyJwt?: typeof jwtVerify;
  /** Milliseconds since the epoch; tests move it instead of waiting. */
  now?: () => number;
}

export async function createVerifier(config: IdentityConfig, options: VerifierOptions = {}): Promise<Verifier> {
  const verifyJwt = options.verifyJwt ?? jwtVerify;
  const now = options.now ?? Date.now;
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
  // Each token is verified once per process until it expires (issue 12: the gateway and each subgraph
  // verified every request's token again). Keyed by the token's hash, so the cache holds no bearer token;
  // only successes are kept, so a refused token is checked afresh every time.
  const verified = new LRUCache<string, { viewer: Viewer; expiresAtMs: number }>({ max: VERIFIED_TOKENS_MAX, perf: { now }, ttlResolution: 0 });
  return async (token) => {
    const hash = createHash('sha256').update(token).digest('base64url');
    const cached = verified.get(hash);
    if (cached && cached.expiresAtMs > now()) return { ...cached.viewer };
    let payload: JWTPayload;
    try {
      ({ payload } = await verifyJwt(token, key as Uint8Array, { algorithms, issuer: config.issuer, audience: config.audience, requiredClaims: ['sub', 'exp'], currentDate: new Date(now()) }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw expired ? unauthenticated('身份凭证已过期，请重新登录', 'the token has expired') : unauthenticated('身份凭证无效', 'the token is not valid');
    }
    checkLifetime(payload, config.maxTtlSeconds, Math.floor(now() / 1000));
    const viewer = viewerOf(payload);
    const expiresAtMs = (payload.exp as number) * 1000;
    const ttl = Math.min(expiresAtMs - now(), VERIFIED_TOKEN_MAX_AGE_MS);
    if (ttl > 0) verified.set(hash, { viewer, expiresAtMs }, { ttl });
    return { ...viewer };
  };
}

/** An issuer's clock may run a little ahead of ours; a token issued further in the future is refused. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * A token must say when it was issued, not be issued in the future, and live no longer than the
 * limit: `exp: 1e20` would otherwise be a key that never stops working once leaked. Checked after
 * jose's own checks, so an expired token is still refused as expired.
 */
function checkLifetime(payload: JWTPayload, maxTtlSeconds: number, now = Math.floor(Date.now() / 1000)): void {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw unauthenticated('身份凭证须注明签发时间（iat）', 'the token has no issued-at time (iat)');
  if (iat > now + CLOCK_SKEW_SECONDS) throw unauthenticated('身份凭证的签发时间在未来', 'the token is issued in the future (iat)');
  if (typeof exp !== 'number' || exp - iat > maxTtlSeconds) {
    throw unauthenticated(`身份凭证有效期过长：签发后至多 ${maxTtlSeconds} 秒`, `the token lives longer than the ${maxTtlSeconds} s allowed (exp − iat, JWT_MAX_TTL)`);
  }
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
  if (!(ttlSeconds > 0 && ttlSeconds <= config.maxTtlSeconds)) {
    throw new Error(`a token may live 1 to ${config.maxTtlSeconds} seconds (JWT_MAX_TTL), not ${ttlSeconds}`);
  }
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = { role: viewer.role };
  if (viewer.department) claims.department = viewer.department;
  if (viewer.talentId) claims.talentId = viewer.talentId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    // One clock reading for both: exp − iat is exactly the lifetime asked for, never a second over the limit.
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(config.secret);
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
