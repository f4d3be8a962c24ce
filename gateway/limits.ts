// Limits at the gateway (issue 4), with GraphQL Armor: depth, aliases, directives, tokens and a
// cost limit, checked before any department is asked. The defaults leave room for the dashboards'
// real queries (the talent view of 100 talents, the case dashboard) and refuse what no screen needs.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { readPositiveInt, type Env } from '../subgraphs/kit/config';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

export function readQueryLimits(env: Env): QueryLimits {
  return {
    maxDepth: readPositiveInt(env, 'GRAPHQL_MAX_DEPTH', 12),
    maxAliases: readPositiveInt(env, 'GRAPHQL_MAX_ALIASES', 30),
    maxDirectives: readPositiveInt(env, 'GRAPHQL_MAX_DIRECTIVES', 50),
    maxTokens: readPositiveInt(env, 'GRAPHQL_MAX_TOKENS', 4000),
    maxCost: readPositiveInt(env, 'GRAPHQL_MAX_COST', 20000),
  };
}

export function armorFor(limits: QueryLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Tokens are limited by the parser itself (parseOptions below): a refusal is then an
    // ordinary 400 parse error, where Armor's own token check surfaces as a 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost },
    // Suggestions ("did you mean …") are hidden per caller instead (auth.ts suggestionPlugin):
    // staff who may introspect keep them, as GraphiQL users expect.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

export function parseOptionsFor(limits: QueryLimits) {
  return { maxTokens: limits.maxTokens };
}
