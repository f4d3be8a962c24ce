// The rest of the gateway's hardening (issue 4): production error masking, and an optional
// safelist of persisted queries for dashboards. (Depth, aliases, directives, tokens and cost are in
// limits.ts; CSRF prevention is Apollo Server's own, on by default; the body limit is kit/http.ts.)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Codes whose messages are written for the caller; anything else may carry internals. */
const CALLER_FACING = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'SUBGRAPH_UNAVAILABLE',
  'REQUEST_IN_PROGRESS',
  'AUDIT_UNAVAILABLE',
  'QUERY_NOT_ALLOWED',
  'RATE_LIMITED',
]);

/**
 * Stack traces only when asked for (GRAPHQL_STACKTRACES=1): the gateway's own are off in Apollo
 * Server, but an error a department sent may still carry one, with its file paths.
 */
export function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions || 'exception' in formatted.extensions)) return formatted;
  const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/** How the gateway formats every error: masked in production, stack traces only when asked for. */
export function errorFormatter(options: { maskErrors: boolean; stacktraces: boolean }): ((formatted: GraphQLFormattedError) => GraphQLFormattedError) | undefined {
  if (options.maskErrors) return maskError;
  return options.stacktraces ? undefined : withoutStacktrace;
}

/** In production: no stack traces, and no internal message for an error not meant for the caller. */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : 'INTERNAL_SERVER_ERROR';
  if (CALLER_FACING.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: '服务器内部错误，请稍后再试（internal server error）', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The operations a safelist file names, by sha256 of their text, with the text where the file gives
 * it. Two formats: a JSON array of query texts or sha256 hashes (dashboards), or the workbench's
 * persisted-documents manifest (`{ "sha256:<hash>": "<query text>" }`, graphql-codegen client-preset),
 * whose every hash must be the sha256 of its text.
 */
export function readSafelist(path: string): Map<string, string | null> {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`PERSISTED_QUERY_SAFELIST: cannot read ${path}: ${(error as Error).message}`);
  }
  if (Array.isArray(entries) && entries.every((entry) => typeof entry === 'string')) {
    return new Map(entries.map((entry) => (SHA256_HEX.test(entry) ? [entry, null] : [sha256(entry), entry])));
  }
  if (entries && typeof entries === 'object' && !Array.isArray(entries) && Object.values(entries).every((text) => typeof text === 'string')) {
    const documents = new Map<string, string | null>();
    for (const [key, text] of Object.entries(entries as Record<string, string>)) {
      const hash = key.replace(/^sha256:/, '');
      if (!SHA256_HEX.test(hash) || sha256(text) !== hash) {
        throw new Error(`PERSISTED_QUERY_SAFELIST: ${path}: "${key.slice(0, 80)}" is not the sha256 of its operation's text`);
      }
      documents.set(hash, text);
    }
    return documents;
  }
  throw new Error(`PERSISTED_QUERY_SAFELIST: ${path} must be a JSON array of query texts or sha256 hashes, or a persisted-documents manifest ({ "sha256:<hash>": "<query>" })`);
}

/** The hashes (sha256 of the query text) a safelist file allows. */
export function loadSafelist(path: string): Set<string> {
  return new Set(readSafelist(path).keys());
}

/**
 * The automatic-persisted-query cache, answering first from known documents (the workbench's
 * manifest, a safelist's texts), so a client may send only an operation's hash — even to a fresh
 * gateway, and in safelist mode, where that is all the workbench sends. Anything else is Apollo
 * Server's usual in-memory APQ cache.
 */
export class PersistedDocumentsCache implements KeyValueCache<string> {
  constructor(
    private readonly documents: ReadonlyMap<string, string>,
    private readonly registered: KeyValueCache<string> = new InMemoryLRUCache<string>(),
  ) {}

  /** Apollo Server asks for `apq:<sha256>`. */
  async get(key: string): Promise<string | undefined> {
    return this.documents.get(key.replace(/^apq:/, '')) ?? this.registered.get(key);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (!this.documents.has(key.replace(/^apq:/, ''))) await this.registered.set(key, value, options);
  }

  async delete(key: string): Promise<boolean | void> {
    return this.registered.delete(key);
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Safelist mode: only the dashboards' known operations run (sent in full or as persisted-query hashes). */
export function safelistPlugin<Ctx extends BaseContext>(allowed: Set<string>): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        // Checked once the operation is known (an error thrown earlier would surface as a 500).
        async didResolveOperation({ source }) {
          if (!allowed.has(sha256(source))) {
            throw new GraphQLError('该查询不在允许清单中（this operation is not on the safelist）', { extensions: { code: 'QUERY_NOT_ALLOWED', http: { status: 400 } } });
          }
        },
      };
    },
  };
}
