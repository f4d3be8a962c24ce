// Errors staff and talents read: Chinese first, English beside it, and for bad input the
// field that was wrong (`extensions.field`), so a form can point at it.
import { GraphQLError } from 'graphql';
import { isProduction, type Env } from './config';

export function badUserInput(field: string, zh: string, en: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${zh}（${en}）`, {
    extensions: { code: 'BAD_USER_INPUT', field, ...extra },
  });
}

export function notFound(what: string, zh: string, en: string): GraphQLError {
  return new GraphQLError(`${zh}（${en}）`, { extensions: { code: 'NOT_FOUND', what } });
}

/**
 * Stack traces in error responses show file paths and code: for a developer who asks for them
 * (`GRAPHQL_STACKTRACES=1`), never by default — Apollo Server's own default shows them whenever
 * NODE_ENV is not production — and never in production, whatever is asked.
 */
export function stacktracesWanted(env: Env): boolean {
  return !isProduction(env) && (env.GRAPHQL_STACKTRACES === '1' || env.GRAPHQL_STACKTRACES === 'true');
}
