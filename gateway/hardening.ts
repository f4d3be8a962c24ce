// The rest of the gateway's hardening (issue 4): production error masking, and an optional
// safelist of persisted queries for dashboards. (Depth, aliases, directives, tokens and cost are in
// limits.ts; CSRF prevention is Apollo Server's own, on by default; the body limit is kit/http.ts.)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
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

/** The hashes (sha256 of the query text) a safelist file allows; the file is a JSON array of query texts or hashes. */
export function loadSafelist(path: string): Set<string> {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`PERSISTED_QUERY_SAFELIST: cannot read ${path}: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries) || !entries.every((entry) => typeof entry === 'string')) {
    throw new Error(`PERSISTED_QUERY_SAFELIST: ${path} must be a JSON array of query texts or sha256 hashes`);
  }
  return new Set(entries.map((entry) => (/^[0-9a-f]{64}$/.test(entry) ? entry : sha256(entry))));
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
