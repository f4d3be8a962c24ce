// In-flight deduplication of subgraph fetches (issue 12): when a caller's fetch is identical to one
// already on its way to the same subgraph — same query text, same variables, same verified identity
// — it waits for that answer instead of sending another. Only reads: a fetch is shared only when it
// is a query inside an incoming query (after a mutation even a read must see that mutation's effect).
// Nothing is kept once the answer is in: an error goes to every waiter, and the next fetch is new.
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { GatewayCacheHint, GatewayCachePolicy, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import rfdc from 'rfdc';
import type { Viewer } from '../subgraphs/kit/context';

/**
 * Who the answer is for: a verified viewer's subject, role, department and talent id, or an
 * anonymous caller's address. Null when no identity can be told apart (never shared then).
 */
export function callerIdentity(viewer: Viewer | null, clientAddress: string | null): string | null {
  if (viewer) return JSON.stringify(['viewer', viewer.subject, viewer.role, viewer.department ?? null, viewer.talentId ?? null]);
  return clientAddress ? JSON.stringify(['anonymous', clientAddress]) : null;
}

/** A fetch that only reads: a query, asked as part of an incoming query. */
export function isSharableRead(incoming: OperationDefinitionNode | undefined, fetchDocument: DocumentNode | undefined, fetchQuery: string | undefined): boolean {
  if (incoming?.operation !== 'query') return false;
  const definition = fetchDocument?.definitions.find((one): one is OperationDefinitionNode => one.kind === Kind.OPERATION_DEFINITION);
  if (definition) return definition.operation === 'query';
  // The planner always gives the document; without it, only text that plainly starts a query.
  return typeof fetchQuery === 'string' && /^\s*(query\b|\{)/.test(fetchQuery);
}

/**
 * The key of a fetch. Plain JSON.stringify, keys in the order they were written: the query planner
 * builds a fetch's variables (the representations) in the order of its plan, so identical fetches
 * give identical text. Variables that differ only in key order give two keys: two fetches, never a
 * wrong share. (Sorting the keys of 100 representations cost 2.6 % of the gateway's time.)
 */
export function fetchKey(subgraph: string, query: string, variables: Record<string, unknown> | undefined, identity: string): string {
  return JSON.stringify([subgraph, query, variables ?? {}, identity]);
}

/** The answers now on their way, by key, with the request that sent each (for the sharers' log lines). */
export class InFlightFetches<Answer> {
  private readonly pending = new Map<string, { answer: Promise<Answer>; requestId: string | null; joined: number }>();

  /** The fetch already on its way under this key, if any; the caller then waits for it. */
  joinable(key: string): { answer: Promise<Answer>; requestId: string | null } | undefined {
    const entry = this.pending.get(key);
    if (entry) entry.joined += 1;
    return entry;
  }

  /**
   * Sends a fetch under this key; forgotten the moment it settles, whether answered or failed. When
   * others joined it, they get `snapshot` of the answer, taken as it arrives, before the sender's own
   * request can change it; a fetch nobody joined (most of them) is not copied at all.
   */
  send(key: string, requestId: string | null, fetch: () => Promise<Answer>, snapshot: (answer: Answer) => Answer = (answer) => answer): Promise<Answer> {
    const answer = fetch();
    const entry = { answer: null as unknown as Promise<Answer>, requestId, joined: 0 };
    const forget = () => {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    };
    // Forgotten before anyone reads the answer, so no one can join after the snapshot was (not) taken.
    entry.answer = answer.then(
      (value) => {
        forget();
        return entry.joined > 0 ? snapshot(value) : value;
      },
      (error: unknown) => {
        forget();
        throw error;
      },
    );
    this.pending.set(key, entry);
    // The sender's own answer is the fetch's; a failure reaches the waiters through entry.answer.
    entry.answer.catch(() => {});
    return answer;
  }

  /** How many fetches are in flight (tests: nothing is kept once answered). */
  get size(): number {
    return this.pending.size;
  }
}

/**
 * A subgraph's answer is JSON, and the gateway merges later fetches into it: each caller gets its own
 * copy. rfdc copies plain JSON several times faster than structuredClone (5 % of the gateway's time
 * under 20 identical talent views).
 */
const cloneJson = rfdc();

export function copyOfAnswer(answer: GatewayGraphQLResponse): GatewayGraphQLResponse {
  const { http, ...body } = answer;
  return { ...cloneJson(body), ...(http ? { http } : {}) };
}

/** What RemoteGraphQLDataSource does with a subgraph's Cache-Control header (no max-age: not cacheable), for an answer shared rather than fetched. */
export function restrictCachePolicy(policy: unknown, header: string | null | undefined): void {
  if (!policy || typeof policy !== 'object' || !('restrict' in policy)) return;
  const directives = new Map((header ?? '').split(',').map((part) => part.trim().toLowerCase().split('=') as [string, string | undefined]));
  const maxAge = directives.get('max-age');
  const hint: GatewayCacheHint = { maxAge: maxAge && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0 };
  if (directives.has('private')) hint.scope = 'PRIVATE';
  if (directives.has('public')) hint.scope = 'PUBLIC';
  (policy as GatewayCachePolicy).restrict(hint);
}
