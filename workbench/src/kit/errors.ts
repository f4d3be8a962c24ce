// The graph's refusals as staff read them: every problem with its rule and clause, and a field
// the caller may not see (FORBIDDEN on its path) told apart from a real failure.
import type { CombinedError } from 'urql';

export interface GraphProblem {
  field?: string;
  zh: string;
  en?: string;
  rule?: string;
  source?: string;
}

/** Every problem a refusal carries (extensions.problems), or the error itself as one. */
export function problemsOf(error: CombinedError | undefined | null): GraphProblem[] {
  if (!error) return [];
  if (error.networkError && error.graphQLErrors.length === 0) return [{ zh: `网络错误（network error）：${error.networkError.message}` }];
  return error.graphQLErrors.flatMap((graphError) => {
    const extensions = graphError.extensions as { problems?: GraphProblem[]; field?: string; rule?: string; source?: string; code?: string };
    if (Array.isArray(extensions.problems) && extensions.problems.length > 0) return extensions.problems;
    return [{ field: extensions.field, zh: graphError.message, rule: extensions.rule ?? extensions.code, source: extensions.source }];
  });
}

/** Errors other than FORBIDDEN on a path: those a page shows as failures. */
export function failuresOf(error: CombinedError | undefined | null): CombinedError['graphQLErrors'] {
  return (error?.graphQLErrors ?? []).filter((graphError) => graphError.extensions?.code !== 'FORBIDDEN' || !graphError.path);
}

/** Paths the caller may not read (the graph returned null with FORBIDDEN there), joined with dots. */
export function forbiddenPaths(error: CombinedError | undefined | null): Set<string> {
  return new Set((error?.graphQLErrors ?? []).filter((graphError) => graphError.extensions?.code === 'FORBIDDEN' && graphError.path).map((graphError) => graphError.path!.join('.')));
}
