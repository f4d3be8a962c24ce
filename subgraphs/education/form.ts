// The shape of an enrolment request: the window's form (kit/case-forms.ts SchoolEnrolmentForm, as
// JSON) or the direct mutation's input. Every field present, of its type, within its length; a
// request out of shape is malformed input (BAD_USER_INPUT naming the field), never a refusal.
import type { Relation } from '../kit/case-forms';
import { isValidDate } from '../kit/scalars';
import { isRecord, type InputProblem } from './problems';
import { CHILD_GENDERS, SCHOOL_LEVELS, type SchoolLevel } from './rules';

/** Who a request may name (kit/case-forms.ts Relation); the rules decide who is enrolled (000 八). */
export const REQUEST_RELATIONS = ['HOLDER', 'SPOUSE', 'CHILD', 'PARENT', 'SPOUSE_PARENT'] as const satisfies readonly Relation[];

/** model.ts maxlengths. */
export const MAX_NAME = 60;
export const MAX_DISTRICT = 40;
export const MAX_SCHOOL = 100;
/** GB 11643: 17 digits and a check character. */
const RESIDENT_ID = /^\d{17}[\dX]$/;

export interface EnrolmentRequest {
  child: { name: string; relation: string; gender: 'MALE' | 'FEMALE'; birthDate: string; idNumber: string | null };
  level: SchoolLevel;
  schoolYear: number;
  district: string;
  preferredSchool: string;
}

const FORM_FIELDS = ['child', 'level', 'schoolYear', 'district', 'preferredSchool'];
const CHILD_FIELDS = ['name', 'relation', 'gender', 'birthDate', 'idNumber'];

export class FieldReader {
  readonly problems: InputProblem[] = [];
  constructor(private readonly prefix: string) {}

  problem(field: string, zh: string, en: string, extra: Pick<InputProblem, 'rule' | 'source'> = {}): void {
    this.problems.push({ field: field ? `${this.prefix}.${field}` : this.prefix, zh, en, ...extra });
  }

  exactly(value: Record<string, unknown>, fields: readonly string[], at: string): void {
    for (const field of Object.keys(value)) {
      if (!fields.includes(field)) this.problem(at ? `${at}.${field}` : field, '表单中有不属于该事项的字段', 'not a field of this form');
    }
  }

  text(value: Record<string, unknown>, field: string, max: number, at = field): string {
    const raw = value[field];
    if (typeof raw !== 'string' || raw.trim() === '') {
      this.problem(at, '须填写（非空文字）', 'required non-empty text');
      return '';
    }
    if (raw.trim().length > max) this.problem(at, `不能超过 ${max} 个字`, `at most ${max} characters`);
    return raw.trim();
  }

  choice<T extends string>(value: Record<string, unknown>, field: string, allowed: readonly T[], at = field): T {
    const raw = value[field];
    if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
      this.problem(at, `须为 ${allowed.join('、')} 之一`, `must be one of ${allowed.join(', ')}`);
      return allowed[0];
    }
    return raw as T;
  }
}

/**
 * Reads a request; every problem at once, each naming `<prefix>.<field>`. `strict`: a field the
 * form does not have is refused (the window's JSON; the typed direct input cannot have one).
 */
export function readEnrolmentRequest(value: unknown, today: string, prefix: string, strict = true): { request: EnrolmentRequest; problems: InputProblem[] } {
  const reader = new FieldReader(prefix);
  const form = isRecord(value) ? value : {};
  if (!isRecord(value)) reader.problem('', '事项表单须为对象', 'the form must be an object');
  if (strict) reader.exactly(form, FORM_FIELDS, '');
  const child = isRecord(form.child) ? form.child : {};
  if (!isRecord(form.child)) reader.problem('child', '须填写入学子女', 'the child is required');
  else if (strict) reader.exactly(child, CHILD_FIELDS, 'child');
  const name = reader.text(child, 'name', MAX_NAME, 'child.name');
  const relation = reader.choice(child, 'relation', REQUEST_RELATIONS, 'child.relation');
  const gender = reader.choice(child, 'gender', CHILD_GENDERS, 'child.gender');
  const birthDate = typeof child.birthDate === 'string' ? child.birthDate : '';
  if (!isValidDate(birthDate) || birthDate > today) reader.problem('child.birthDate', '出生日期须为不晚于今天的日期（YYYY-MM-DD）', 'birth date must be a valid day, not in the future');
  const idNumber = child.idNumber ?? null;
  if (idNumber !== null && (typeof idNumber !== 'string' || !RESIDENT_ID.test(idNumber))) {
    reader.problem('child.idNumber', '身份证号码须为18位（末位可为X）', 'resident ID number must be 17 digits and a check character');
  }
  const level = reader.choice(form, 'level', SCHOOL_LEVELS);
  const schoolYear = form.schoolYear;
  if (typeof schoolYear !== 'number' || !Number.isInteger(schoolYear) || schoolYear < 2000 || schoolYear > 2100) {
    reader.problem('schoolYear', '入学学年须为 2000 到 2100 之间的年份', 'school year must be a year from 2000 to 2100');
  }
  const district = reader.text(form, 'district', MAX_DISTRICT);
  const preferredSchool = reader.text(form, 'preferredSchool', MAX_SCHOOL);
  return {
    request: { child: { name, relation, gender, birthDate, idNumber: idNumber as string | null }, level, schoolYear: schoolYear as number, district, preferredSchool },
    problems: reader.problems,
  };
}
