// The identity a service presents when it calls another one (the window's dispatcher, a
// department's reports, the gateway on behalf of an anonymous caller): role `service`.
// With the development secret it is minted here; in production it comes from the identity
// provider, since services hold no signing key there — and since no token may live longer than
// JWT_MAX_TTL (24 h by default), a fixed one stops working within a day. So production reads it
// from SERVICE_TOKEN_FILE, which the platform rotates (a Kubernetes projected token, a Vault agent
// sink…): the file is read again whenever it changed. SERVICE_TOKEN (the token itself) is for a
// short-lived process only.
import { readFile, stat } from 'node:fs/promises';
import type { Env } from './config';
import { issueToken, type IdentityConfig } from './identity';

const LIFETIME_SECONDS = 600;
const RENEW_BEFORE_MS = 60_000;

export type ServiceTokens = () => Promise<string>;

/** The token in `path`, read again when the file's modification time changes. */
function tokenFromFile(path: string): ServiceTokens {
  let cached: { token: string; modifiedMs: number } | null = null;
  return async () => {
    const { mtimeMs } = await stat(path);
    if (!cached || cached.modifiedMs !== mtimeMs) {
      const token = (await readFile(path, 'utf8')).trim();
      if (token === '') throw new Error(`SERVICE_TOKEN_FILE ${path} is empty`);
      cached = { token, modifiedMs: mtimeMs };
    }
    return cached.token;
  };
}

export function createServiceTokens(config: IdentityConfig, subject: string, env: Env = process.env): ServiceTokens {
  if (config.kind !== 'secret') {
    if (env.SERVICE_TOKEN_FILE) return tokenFromFile(env.SERVICE_TOKEN_FILE);
    const token = env.SERVICE_TOKEN;
    if (!token) throw new Error('SERVICE_TOKEN_FILE (a file the platform keeps a current token with role "service" in) or SERVICE_TOKEN must be set when JWT_JWKS_URL or JWT_PUBLIC_KEY is used');
    return async () => token;
  }
  let current: { token: string; renewAt: number } | null = null;
  return async () => {
    if (!current || Date.now() >= current.renewAt) {
      const token = await issueToken(config, { subject, role: 'service' }, LIFETIME_SECONDS);
      current = { token, renewAt: Date.now() + LIFETIME_SECONDS * 1000 - RENEW_BEFORE_MS };
    }
    return current.token;
  };
}
