// Every refusal names a rule and its source (004 第八条 一次性告知; 第十一条 回告原因), so staff can
// tell the talent why. A check of the input's shape alone — a malformed id, text too long, a field of
// the wrong type — enforces no seed clause: it is filed under this one source, the same everywhere,
// so a refusal under the rules and a mistake of form are told apart at a glance.

/** The source of a refusal about the input's form alone, which no seed clause governs. */
export const INPUT_FORMAT_SOURCE = '输入格式（input format）';

/** The rule and source of a shape check, e.g. `inputFormat('INPUT_MALFORMED_ID')`. */
export function inputFormat(rule: string): { rule: string; source: string } {
  return { rule, source: INPUT_FORMAT_SOURCE };
}

/** Whether a refusal is about the input's form only (its source says so). */
export function isInputFormat(problem: { source?: unknown }): boolean {
  return problem.source === INPUT_FORMAT_SOURCE;
}
