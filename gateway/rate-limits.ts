// Rate limits per identity at the gateway (issue 11): one misbehaving dashboard cannot starve the
// rest. Each signed-in subject has its requests per minute, each role a budget for all its subjects
// together (analysts' ad-hoc queries must not crowd out the window), and a caller without a token
// one per network address. Over a limit: HTTP 429 with Retry-After and a GraphQL error saying which
// limit and when to try again. Counted in this process's memory (rate-limiter-flexible): with N
// gateway replicas behind a load balancer a caller gets up to N times the budget, which stays
// proportionate; a shared store (its Redis limiter) is the step when exact global limits are needed.
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Role, Viewer } from '../subgraphs/kit/context';
import { readPositiveInt, type Env } from '../subgraphs/kit/config';
import { ROLES } from '../subgraphs/kit/identity';

export interface RateLimits {
  /** Requests per minute for one signed-in subject; 0: no limit. */
  perSubject: number;
  /** Requests per minute for all subjects of a role together; a role not named has no such limit. */
  perRole: Partial<Record<Role, number>>;
  /** Requests per minute for one network address without a token; 0: no limit. */
  anonymous: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perSubject: 600, perRole: { analyst: 1200 }, anonymous: 120 };

function readCount(env: Env, name: string, fallback: number): number {
  if (env[name] === '0') return 0;
  return readPositiveInt(env, name, fallback);
}

/** RATE_LIMIT_PER_SUBJECT, RATE_LIMIT_PER_ROLE (`analyst=1200,specialist=6000`; empty: none), RATE_LIMIT_ANONYMOUS. */
export function readRateLimits(env: Env = process.env): RateLimits {
  const perRole: Partial<Record<Role, number>> = {};
  const roleSetting = env.RATE_LIMIT_PER_ROLE;
  if (roleSetting === undefined) Object.assign(perRole, DEFAULT_RATE_LIMITS.perRole);
  else {
    for (const entry of roleSetting.split(',').map((part) => part.trim()).filter(Boolean)) {
      const [role, count] = entry.split('=').map((part) => part.trim());
      if (!(ROLES as readonly string[]).includes(role) || !/^\d+$/.test(count ?? '') || Number(count) < 1) {
        throw new Error(`RATE_LIMIT_PER_ROLE: "${entry}" must be role=requests-per-minute, a role one of ${ROLES.join(', ')}`);
      }
      perRole[role as Role] = Number(count);
    }
  }
  return {
    perSubject: readCount(env, 'RATE_LIMIT_PER_SUBJECT', DEFAULT_RATE_LIMITS.perSubject),
    perRole,
    anonymous: readCount(env, 'RATE_LIMIT_ANONYMOUS', DEFAULT_RATE_LIMITS.anonymous),
  };
}

function limiter(points: number, keyPrefix: string): RateLimiterMemory | null {
  return points > 0 ? new RateLimiterMemory({ points, duration: 60, keyPrefix }) : null;
}

function refused(zh: string, en: string, refusal: RateLimiterRes): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  return new GraphQLError(`${zh}，请 ${retryAfterSeconds} 秒后再试（${en}; retry after ${retryAfterSeconds} s）`, {
    // Apollo Server takes an error's HTTP status and headers from extensions.http (headers as a Map);
    // Hive's packages in the benchmark declare that field as a plain record, hence the cast.
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) as unknown as Record<string, string> } },
  });
}

/** Admits one request or throws RATE_LIMITED (HTTP 429 with Retry-After). */
export type Admit = (viewer: Viewer | null, clientAddress: string | null) => Promise<void>;

export function createRateLimiter(limits: RateLimits): Admit {
  const subjects = limiter(limits.perSubject, 'subject');
  const anonymous = limiter(limits.anonymous, 'anonymous');
  const roles = new Map(Object.entries(limits.perRole).map(([role, points]) => [role, limiter(points!, `role-${role}`)!]));
  return async (viewer, clientAddress) => {
    try {
      if (!viewer) {
        if (anonymous && clientAddress) await anonymous.consume(clientAddress);
        return;
      }
      if (subjects) await subjects.consume(`${viewer.role}:${viewer.subject}`);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw viewer
        ? refused(`请求过于频繁：每人每分钟至多 ${limits.perSubject} 次`, `too many requests: at most ${limits.perSubject} a minute for one user`, error)
        : refused(`请求过于频繁：未登录时每个地址每分钟至多 ${limits.anonymous} 次`, `too many requests: at most ${limits.anonymous} a minute from one address without a token`, error);
    }
    const role = roles.get(viewer.role);
    if (!role) return;
    try {
      await role.consume(viewer.role);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const points = limits.perRole[viewer.role]!;
      throw refused(`请求过于频繁：${viewer.role} 角色合计每分钟至多 ${points} 次`, `too many requests: at most ${points} a minute for all ${viewer.role} users together`, error);
    }
  };
}
