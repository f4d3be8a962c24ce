// The gateway's readiness (GET /health/ready): ready once a supergraph is loaded, and with it each
// subgraph's reachability, probed at the subgraph's own /health/ready with a short deadline. A
// department that is down does not make the gateway unready — it still answers every other part
// (a department down costs its own fields) — but the operator sees which one it is.
import { readPositiveInt, type Env } from '../subgraphs/kit/config';
import type { Health } from '../subgraphs/kit/http';

export interface SubgraphProbe {
  url: string;
  /** It answered at all. */
  reachable: boolean;
  /** It answered that it is ready (its database reachable). */
  ready: boolean;
  latencyMs?: number;
  error?: string;
}

/** How long a readiness probe waits for each subgraph (HEALTH_PROBE_TIMEOUT_MS, 2000). */
export function probeTimeoutMs(env: Env): number {
  return readPositiveInt(env, 'HEALTH_PROBE_TIMEOUT_MS', 2000);
}

/** Where a subgraph says whether it is ready: `/health/ready` beside its GraphQL path. */
export function readinessUrl(graphqlUrl: string): string {
  return new URL('/health/ready', graphqlUrl).toString();
}

/** Asks every subgraph at once, each with its own deadline. */
export async function probeSubgraphs(urls: ReadonlyMap<string, string>, timeoutMs: number): Promise<Record<string, SubgraphProbe>> {
  const probes = await Promise.all(
    [...urls].map(async ([name, graphqlUrl]): Promise<[string, SubgraphProbe]> => {
      const url = readinessUrl(graphqlUrl);
      const started = performance.now();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        await response.arrayBuffer();
        return [name, { url, reachable: true, ready: response.ok, latencyMs: Math.round(performance.now() - started) }];
      } catch (error) {
        const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
        return [name, { url, reachable: false, ready: false, error: reason }];
      }
    }),
  );
  return Object.fromEntries(probes.sort(([a], [b]) => a.localeCompare(b)));
}

/** The gateway's /health/ready answer. */
export async function gatewayReadiness(loaded: boolean, urls: ReadonlyMap<string, string>, timeoutMs: number): Promise<Health> {
  return { ready: loaded, service: 'gateway', supergraph: loaded ? 'loaded' : 'not loaded', subgraphs: await probeSubgraphs(urls, timeoutMs) };
}
