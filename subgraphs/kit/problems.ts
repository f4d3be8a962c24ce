// How a department says no (004 第八条 一次性告知; 第十一条 回告原因): every problem at once. Bad input is
// ONE BAD_USER_INPUT error listing them all (extensions.problems), the first one's field, rule and
// source on top; a case item the rules refuse comes back as the task's reason, "中文（English）— source".
// The rules themselves, with their seed clauses, stay in each department's rules files.
import type { GraphQLError } from 'graphql';
import type { CaseTaskChange } from './case-task';
import { badUserInput } from './errors';
import { isInputFormat } from './input-format';

/**
 * One thing wrong with a request: the field it is about, the rule and its clause — or, for the input's
 * form alone, an INPUT_* rule and the input-format source (input-format.ts). Every refusal has both;
 * they stay optional here only for callers outside this change's reach.
 */
export interface Problem {
  field: string;
  zh: string;
  en: string;
  rule?: string;
  source?: string;
}

/** A rule of the seeds that a request breaks, with the clause it comes from. */
export interface RuleViolation {
  rule: string;
  zh: string;
  en: string;
  source: string;
}

/** A rule violation that also names the part of the request it is about, e.g. "applicants.1". */
export interface FieldViolation extends RuleViolation {
  field: string;
}

/** Either the record written, or every rule that forbids it (and nothing written). */
export type RuleOutcome<T, V extends RuleViolation = RuleViolation> = { record: T; violations: null } | { record: null; violations: V[] };

export interface ProblemsErrorOptions {
  /** Said before the list, e.g. the window's "办件未受理，共 3 处需补正：" / "the request was not accepted: ". */
  lead?: { zh: string; en: string };
  /** More extensions beside the problems (e.g. the window's missingMaterials). */
  extensions?: Record<string, unknown>;
}

/**
 * One BAD_USER_INPUT listing every problem; the first one's field, rule and source on top. The message
 * cites each rule's clause; a mistake of form has none to cite, so its wording stays as it is.
 */
export function problemsError(problems: readonly Problem[], options: ProblemsErrorOptions = {}): GraphQLError {
  const [first] = problems;
  const cited = (problem: Problem) => (problem.source && !isInputFormat(problem) ? `（${problem.source}）` : '');
  const zh = problems.map((problem) => `${problem.zh}${cited(problem)}`).join('；');
  const en = problems.map((problem) => problem.en).join('; ');
  return badUserInput(first.field, `${options.lead?.zh ?? ''}${zh}`, `${options.lead?.en ?? ''}${en}`, {
    rule: first.rule,
    source: first.source,
    problems,
    ...options.extensions,
  });
}

/** The REFUSED task's reason (004 第十一条 回告原因): "中文（English）— source", one per broken rule. */
export function refusalReason(violations: readonly RuleViolation[]): string {
  return violations.map((violation) => `${violation.zh}（${violation.en}）— ${violation.source}`).join('；');
}

/** A case task the rules refuse: its timeline note and every reason with its clause. */
export function refusedChange(violations: readonly RuleViolation[], note: string): CaseTaskChange {
  return { status: 'REFUSED', step: null, note, reason: refusalReason(violations) };
}

/** A refusal whose note lists what the office cannot do, e.g. "卫健局不能办理：…（cannot be done: …）". */
export function cannotBeDone(office: string, violations: readonly RuleViolation[]): CaseTaskChange {
  const note = `${office}不能办理：${violations.map((violation) => violation.zh).join('；')}（cannot be done: ${violations.map((violation) => violation.en).join('; ')}）`;
  return refusedChange(violations, note);
}

/** Problems named relative to a part of the input: "flightTime" becomes "input.flightTime" (nothing added for ''). */
export function underPrefix<P extends { field: string }>(problems: readonly P[], prefix: string): P[] {
  return problems.map((problem) => ({ ...problem, field: prefix ? `${prefix}.${problem.field}` : problem.field }));
}

/** Rule violations as input problems: each named by the field its rule is about (`fieldOfRule`, else the rule). */
export function violationProblems(violations: readonly RuleViolation[], fieldOfRule: Readonly<Record<string, string>>, prefix: string): Problem[] {
  return underPrefix(
    violations.map(({ rule, zh, en, source }) => ({ field: fieldOfRule[rule] ?? rule, zh, en, rule, source })),
    prefix,
  );
}
