// The gateway's settings, read once. Defaults run it beside `npm start`'s subgraphs.
import { fileURLToPath } from 'node:url';
import { readPort, readPositiveInt, readString, type Env } from '../subgraphs/kit/config';
import { stacktracesWanted } from '../subgraphs/kit/errors';
import { envSuffix, GATEWAY_DEFAULT_PORT, SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/departments';
import { readQueryLimits, type QueryLimits } from './limits';
import { readRateLimits, type RateLimits } from './rate-limits';

/**
 * Node's flags for the gateway process, wherever it runs as in production (Dockerfile, docker-compose.yml,
 * deploy/base/gateway.yaml, the benchmark). V8 lets the old generation grow to about four times what
 * survives a collection before the next full one; under load that put the gateway's memory past 300 MB
 * while 60–80 MB was live. Growing by at most 2× keeps it near 230 MB at the same throughput (bench,
 * cases and dashboard pages at 20 connections, issue 12).
 */
export const GATEWAY_NODE_FLAGS = ['--heap-growing-percent=100'] as const;

export interface GatewayConfig {
  limits: QueryLimits;
  /** Production: no stack traces, no internal messages in errors. */
  maskErrors: boolean;
  /** Stack traces in error responses, for a developer who asks (GRAPHQL_STACKTRACES=1); never in production. */
  stacktraces: boolean;
  /** A JSON file of the only operations to run (dashboards' safelist mode); null: any operation. */
  safelistPath: string | null;
  port: number;
  supergraphPath: string;
  /** Where each subgraph is, when not at the URL the supergraph names (docker compose, tests). */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** A department slower than this costs its own field, not the whole answer. */
  subgraphTimeoutMs: number;
  /** Identical subgraph reads in flight for the same identity are sent once and their answer shared (GATEWAY_DEDUPLICATE=0 turns it off). */
  deduplicate: boolean;
  /** Requests per minute per subject, per role and per address without a token (gateway/rate-limits.ts). */
  rateLimits: RateLimits;
  /** Behind a trusted proxy (GATEWAY_TRUST_PROXY=1): a caller's address is the last in X-Forwarded-For. */
  trustProxy: boolean;
  /** The built workbench the gateway serves (npm run workbench:build). */
  workbenchDir: string;
  /** The workbench's token page may mint development tokens: never in production (WORKBENCH_DEV_TOKENS=0 turns it off elsewhere). */
  devTokens: boolean;
}

export function readGatewayConfig(env: Env = process.env): GatewayConfig {
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`SUBGRAPH_URL_${envSuffix(name)}`];
    if (url) subgraphUrls[name] = url;
  }
  return {
    limits: readQueryLimits(env),
    maskErrors: env.NODE_ENV === 'production',
    stacktraces: stacktracesWanted(env),
    safelistPath: env.PERSISTED_QUERY_SAFELIST || null,
    port: readPort(env, 'PORT', GATEWAY_DEFAULT_PORT),
    supergraphPath: readString(env, 'SUPERGRAPH_PATH', fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url))),
    subgraphUrls,
    subgraphTimeoutMs: readPositiveInt(env, 'SUBGRAPH_TIMEOUT_MS', 10_000),
    deduplicate: env.GATEWAY_DEDUPLICATE !== '0',
    rateLimits: readRateLimits(env),
    trustProxy: env.GATEWAY_TRUST_PROXY === '1',
    workbenchDir: readString(env, 'WORKBENCH_DIR', fileURLToPath(new URL('../workbench/dist', import.meta.url))),
    devTokens: env.NODE_ENV !== 'production' && env.WORKBENCH_DEV_TOKENS !== '0',
  };
}
