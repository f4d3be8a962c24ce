// The identity a service presents when it calls another one (the window's dispatcher, a
// department's reports, the gateway on behalf of an anonymous caller): role `service`.
// With the development secret it is minted here; in production it comes from the identity
// provider through SERVICE_TOKEN, since services hold no signing key there.
import type { Env } from './config';
import { issueToken, type IdentityConfig } from './identity';

const LIFETIME_SECONDS = 600;
const RENEW_BEFORE_MS = 60_000;

export type ServiceTokens = () => Promise<string>;

export function createServiceTokens(config: IdentityConfig, subject: string, env: Env = process.env): ServiceTokens {
  if (config.kind !== 'secret') {
    const token = env.SERVICE_TOKEN;
    if (!token) throw new Error('SERVICE_TOKEN must be set (a token with role "service" from the identity provider) when JWT_JWKS_URL or JWT_PUBLIC_KEY is used');
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
