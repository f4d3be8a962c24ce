import type { SubgraphName } from './departments';
import { traceHeaders } from './observability/tracing';
// Service-to-service GraphQL calls (the window's dispatcher to a department, a department's
// reports back to the window). Any failure throws: the caller's outbox retries it later.

export class GraphQLCallError extends Error {
  constructor(
    message: string,
    readonly errors: readonly { message: string; extensions?: Record<string, unknown> }[] = [],
  ) {
    super(message);
  }
}

/** What a call needs of an HTTP client: global fetch, or a caller's own pool (the gateway's, gateway/subgraph-client.ts). */
export type PostJson = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export async function callGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  options: { timeoutMs?: number; headers?: Record<string, string>; post?: PostJson } = {},
): Promise<T> {
  const init = {
    method: 'POST' as const,
    // The active trace goes with the call (W3C traceparent): the receiver's spans join it.
    headers: { 'content-type': 'application/json', ...traceHeaders(), ...options.headers },
    body: JSON.stringify({ query, variables }),
  };
  // A caller's own client keeps its deadlines in its pool; global fetch gets one per call.
  const response = options.post ? await options.post(url, init) : await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: GraphQLCallError['errors'] } | null;
  if (!body) throw new GraphQLCallError(`${url} answered ${response.status} without a GraphQL body`);
  if (body.errors?.length) throw new GraphQLCallError(`${url}: ${body.errors.map((error) => error.message).join('; ')}`, body.errors);
  if (!response.ok || body.data === undefined || body.data === null) throw new GraphQLCallError(`${url} answered ${response.status} without data`);
  return body.data;
}

/** A call from one service to another, under the caller's own service identity (role `service`). */
export async function serviceCall<T>(
  environment: { subgraphUrl(name: SubgraphName): string; serviceToken(): Promise<string> },
  target: SubgraphName,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  return callGraphQL<T>(environment.subgraphUrl(target), query, variables, { headers: { authorization: `Bearer ${await environment.serviceToken()}` } });
}
