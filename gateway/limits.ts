// Limits at the gateway (issue 4), with GraphQL Armor: depth, aliases, directives, tokens and a
// cost limit, checked before any department is asked. The defaults leave room for the dashboards'
// real queries (the talent view of 100 talents, the case dashboard) and refuse what no screen needs.
//
// Every refusal names the limit and its value, Chinese first ("查询深度超过上限 12（max depth 12
// exceeded）"), with `extensions.limit` and `extensions.max` for a client to read: Armor's own
// messages begin "Syntax Error:", which sent callers looking for a typo.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type ValidationContext } from 'graphql';
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

type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost';

const LIMIT_WORDS: Record<LimitName, { zh: string; en: string }> = {
  depth: { zh: '查询深度', en: 'max depth' },
  aliases: { zh: '别名数量', en: 'max aliases' },
  directives: { zh: '指令数量', en: 'max directives' },
  tokens: { zh: '查询词法单元（token）数量', en: 'max tokens' },
  cost: { zh: '查询成本', en: 'max cost' },
};

/** The refusal of a query over one limit; `found` when the check knows it. */
export function limitExceeded(limit: LimitName, max: number, found?: number): GraphQLError {
  const words = LIMIT_WORDS[limit];
  const foundZh = found === undefined ? '' : `（本查询 ${found}）`;
  const foundEn = found === undefined ? '' : `, found ${found}`;
  return new GraphQLError(`${words.zh}超过上限 ${max}${foundZh}（${words.en} ${max} exceeded${foundEn}）`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, max, ...(found === undefined ? {} : { found }) },
  });
}

/** Armor tells what it found only inside its message ("… exceeded, found 13."). */
const FOUND = /found (\d+)/;

type RejectCallback = (context: ValidationContext | null, error: GraphQLError) => void;

/** Reports the refusal as a validation error of ours instead of Armor's "Syntax Error: …". */
function refuse(limit: LimitName, max: number): { onReject: RejectCallback[]; propagateOnRejection: false } {
  return {
    propagateOnRejection: false,
    onReject: [
      (context, error) => {
        const found = FOUND.exec(error.message);
        context?.reportError(limitExceeded(limit, max, found ? Number(found[1]) : undefined));
      },
    ],
  };
}

export function armorFor(limits: QueryLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...refuse('depth', limits.maxDepth) },
    maxAliases: { n: limits.maxAliases, ...refuse('aliases', limits.maxAliases) },
    maxDirectives: { n: limits.maxDirectives, ...refuse('directives', limits.maxDirectives) },
    // Tokens are limited by the parser itself (parseOptions below): a refusal is then an
    // ordinary 400 parse error, where Armor's own token check surfaces as a 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, ...refuse('cost', limits.maxCost) },
    // Suggestions ("did you mean …") are hidden per caller instead (auth.ts suggestionPlugin):
    // staff who may introspect keep them, as GraphiQL users expect.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

export function parseOptionsFor(limits: QueryLimits) {
  return { maxTokens: limits.maxTokens };
}

/** graphql-js's parser stops at the token limit with "Syntax Error: Document contains more than N tokens." */
const TOO_MANY_TOKENS = /Document contains more th(?:an|at) (\d+) tokens/;
/** graphql-js's validation gives up on a selection too costly to check for conflicts (its own fixed budget). */
const VALIDATION_ABORTED = 'Validation aborted.';

/**
 * Says the limits graphql-js enforces itself like Armor's: the parser's token limit (it stays a
 * 400 GRAPHQL_PARSE_FAILED) and validation's budget for comparing fields.
 */
export function parserLimitsPlugin<Ctx extends BaseContext>(limits: QueryLimits): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (TOO_MANY_TOKENS.test(error.message)) {
              (error as { message: string }).message = limitExceeded('tokens', limits.maxTokens).message;
              Object.assign(error.extensions, { limit: 'tokens', max: limits.maxTokens });
            } else if (error.message === VALIDATION_ABORTED) {
              (error as { message: string }).message = '查询中可合并的字段过多，无法校验，请拆分查询（validation aborted: too many fields to compare; split the query）';
              Object.assign(error.extensions, { limit: 'validation' });
            }
          }
        },
      };
    },
  };
}
