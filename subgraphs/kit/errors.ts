// Errors staff and talents read: Chinese first, English beside it, and for bad input the
// field that was wrong (`extensions.field`), so a form can point at it.
import { GraphQLError } from 'graphql';

export function badUserInput(field: string, zh: string, en: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${zh}（${en}）`, {
    extensions: { code: 'BAD_USER_INPUT', field, ...extra },
  });
}

export function notFound(what: string, zh: string, en: string): GraphQLError {
  return new GraphQLError(`${zh}（${en}）`, { extensions: { code: 'NOT_FOUND', what } });
}
