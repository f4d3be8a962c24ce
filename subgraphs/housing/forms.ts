// The shape of a TALENT_APARTMENT form (kit/case-forms.ts TalentApartmentForm), read from the JSON
// the window delivers or from the direct mutation's input: every field present, of its type, within
// its length or range. A form out of shape is malformed input (BAD_USER_INPUT), never a refusal.
import type { TalentApartmentForm } from '../kit/case-forms';
import { badUserInput } from '../kit/errors';
import type { GraphQLError } from 'graphql';
import { HOME_OWNERSHIP_RELATIONS, type HomeOwnershipRelation } from './rules';
import type { HousingProblem } from './application-rules';

export const MAX_DECLARATIONS = 20;

class ShapeReader {
  readonly problems: HousingProblem[] = [];
  constructor(private readonly prefix: string) {}

  problem(field: string, zh: string, en: string): void {
    this.problems.push({ field: field ? `${this.prefix}.${field}` : this.prefix, rule: 'FORM_SHAPE', zh, en, source: 'kit/case-forms.ts TalentApartmentForm' });
  }

  text(value: unknown, field: string, max: number): string {
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(field, '须填写（非空文字）', 'required non-empty text');
      return '';
    }
    if (value.trim().length > max) this.problem(field, `不能超过 ${max} 个字`, `at most ${max} characters`);
    return value.trim();
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problem(field, `须为 ${min} 到 ${max} 之间的整数`, `must be a whole number from ${min} to ${max}`);
      return min;
    }
    return value;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the form; `prefix` names where it came from ("input.form" for a case, "input" for the direct mutation). */
export function readApartmentForm(value: unknown, prefix: string): { form: TalentApartmentForm; problems: HousingProblem[] } {
  const reader = new ShapeReader(prefix);
  const source = isRecord(value) ? value : {};
  if (!isRecord(value)) reader.problem('', '表单须为对象', 'the form must be an object');
  const district = reader.text(source.district, 'district', 30);
  const project = reader.text(source.project, 'project', 80);
  const householdSize = reader.integer(source.householdSize, 'householdSize', 1, MAX_DECLARATIONS);
  const declarations: TalentApartmentForm['declarations'] = [];
  if (!Array.isArray(source.declarations) || source.declarations.length === 0 || source.declarations.length > MAX_DECLARATIONS) {
    reader.problem('declarations', `须申报 1 到 ${MAX_DECLARATIONS} 人的住房情况`, `1–${MAX_DECLARATIONS} declarations are required`);
  } else {
    source.declarations.forEach((item: unknown, index) => {
      const declaration = isRecord(item) ? item : {};
      const field = `declarations.${index}`;
      if (!isRecord(item)) reader.problem(field, '申报须为对象', 'each declaration must be an object');
      const relation = declaration.relation;
      if (typeof relation !== 'string' || !(HOME_OWNERSHIP_RELATIONS as readonly string[]).includes(relation)) {
        reader.problem(`${field}.relation`, '关系须为 HOLDER、SPOUSE 或 MINOR_CHILD', 'relation must be HOLDER, SPOUSE or MINOR_CHILD');
      }
      declarations.push({
        personName: reader.text(declaration.personName, `${field}.personName`, 60),
        relation: relation as HomeOwnershipRelation,
        city: reader.text(declaration.city, `${field}.city`, 30),
        homesOwned: reader.integer(declaration.homesOwned, `${field}.homesOwned`, 0, 99),
      });
    });
  }
  return { form: { district, project, householdSize, declarations }, problems: reader.problems };
}

/** Every problem at once (一次性告知) in one BAD_USER_INPUT error: the first names the field; all are in extensions.problems. */
export function problemsError(problems: readonly HousingProblem[]): GraphQLError {
  const [first] = problems;
  return badUserInput(
    first.field,
    problems.map((problem) => `${problem.zh}（${problem.source}）`).join('；'),
    problems.map((problem) => problem.en).join('; '),
    { rule: first.rule, source: first.source, problems },
  );
}
