// How the education desk says no: every problem at once (一次性告知, 004 第八条). Bad input is one
// BAD_USER_INPUT naming each field (and, for a broken rule, the rule and its clause); a case item
// the rules refuse comes back as the task's reason, "中文（English）— 来源 clause" (004 第十一条).
import { GraphQLError } from 'graphql';

export interface InputProblem {
  field: string;
  zh: string;
  en: string;
  rule?: string;
  source?: string;
}

/** A rule of the seeds that a request breaks, with the clause it comes from. */
export interface RuleViolation {
  rule: string;
  /** The part of the request it is about, e.g. "child.relation" or "localDemandMet". */
  field: string;
  zh: string;
  en: string;
  source: string;
}

/** One BAD_USER_INPUT listing every problem; the first one's field, rule and source on top. */
export function refuse(problems: readonly InputProblem[]): GraphQLError {
  const [first] = problems;
  const zh = problems.map((problem) => `${problem.zh}${problem.source ? `（${problem.source}）` : ''}`).join('；');
  const en = problems.map((problem) => problem.en).join('; ');
  return new GraphQLError(`${zh}（${en}）`, {
    extensions: { code: 'BAD_USER_INPUT', field: first.field, rule: first.rule, source: first.source, problems },
  });
}

/** The REFUSED task's reason: one "中文（English）— 来源 clause" per broken rule. */
export function refusalReason(violations: readonly RuleViolation[]): string {
  return violations.map((violation) => `${violation.zh}（${violation.en}）— 来源 ${violation.source}`).join('；');
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
