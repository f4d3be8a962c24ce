// Where each problem of a refused submission belongs on the intake form: the graph names the
// input field (`input.items.2.airportService.flightTime`); the form keeps each item's form under
// ['forms', <service>, <field>].
import type { GraphProblem } from '../../kit/errors';

export type FieldPath = (string | number)[];

export function fieldPathOf(problem: GraphProblem, services: readonly string[]): FieldPath {
  const field = problem.field ?? '';
  const item = /^input\.items\.(\d+)(?:\.(\w+)(?:\.(\w+))?)?/.exec(field);
  if (item) {
    const service = services[Number(item[1])];
    if (!service || !item[2] || item[2] === 'service' || !item[3]) return ['items'];
    return ['forms', service, item[3]];
  }
  if (field.startsWith('input.materials')) return ['materials'];
  if (field.startsWith('input.deferral.promisedBy')) return ['promisedBy'];
  if (field.startsWith('input.deferral')) return ['statement'];
  if (field.startsWith('input.specialist')) return ['specialist'];
  if (field === 'input.items') return ['items'];
  return ['talentId'];
}

/** Problems grouped by the form field they belong to. */
export function errorsByField(problems: readonly GraphProblem[], services: readonly string[]): { name: FieldPath; errors: string[] }[] {
  const grouped = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const problem of problems) {
    const name = fieldPathOf(problem, services);
    const key = name.join('.');
    const text = `${problem.zh}${problem.rule ? ` [${problem.rule}]` : ''}${problem.source && !problem.source.startsWith('INPUT') ? `（依据 ${problem.source}）` : ''}`;
    const entry = grouped.get(key) ?? { name, errors: [] };
    entry.errors.push(text);
    grouped.set(key, entry);
  }
  return [...grouped.values()];
}
