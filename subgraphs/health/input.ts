// What the health desk accepts: the window's forms (kit/case-forms.ts) read for shape, the direct
// mutations' inputs, and how rule violations come back — every problem at once (一次性告知), as
// BAD_USER_INPUT naming each field, rule and source; or, for a case, as the task's reason (004 第十一条).
import { GraphQLError } from 'graphql';
import type { CheckupForm, FamilyDoctorForm } from '../kit/case-forms';
import { isObjectIdString } from '../kit/ids';
import { isValidDate } from '../kit/scalars';
import type { RuleViolation } from './rules';

export interface InputProblem {
  field: string;
  zh: string;
  en: string;
  rule?: string;
  source?: string;
}

/** The longest names the records keep (model.ts maxlength). */
export const MAX_NAME = 80;

/** One BAD_USER_INPUT listing every problem; the first one's field, rule and source on top. */
export function refuse(problems: readonly InputProblem[]): GraphQLError {
  const [first] = problems;
  const zh = problems.map((problem) => `${problem.zh}${problem.source ? `（${problem.source}）` : ''}`).join('；');
  const en = problems.map((problem) => problem.en).join('; ');
  return new GraphQLError(`${zh}（${en}）`, {
    extensions: { code: 'BAD_USER_INPUT', field: first.field, rule: first.rule, source: first.source, problems },
  });
}

/** The REFUSED task's reason: "中文（English）— 来源 source", one per broken rule. */
export function refusalReason(violations: readonly RuleViolation[]): string {
  return violations.map((violation) => `${violation.zh}（${violation.en}）— 来源 ${violation.source}`).join('；');
}

/** Which field of a direct mutation's input each rule is about. */
const RULE_FIELD: Record<string, string> = {
  NO_FREE_CHECKUP: 'program',
  NO_UNION_CHECKUP: 'program',
  LIWAN_ONLY: 'program',
  YEAR_MISMATCH: 'preferredDate',
  BOOKED_IN_PAST: 'preferredDate',
  DONE_IN_FUTURE: 'id',
  NOT_BOOKED: 'id',
  HOSPITAL_REQUIRED: 'hospital',
  CHECKUP_BASE_ONLY: 'hospital',
  YEARLY_LIMIT: 'kind',
  UNION_CHOSEN: 'kind',
  UNION_YEARLY_LIMIT: 'kind',
  FREE_CHECKUP_USED: 'kind',
  PACKAGE: 'package',
  TEAM_REQUIRED: 'team',
  ONE_YEAR_TERM: 'startsOn',
  ONE_PACKAGE_AT_A_TIME: 'startsOn',
  STARTS_IN_PAST: 'startsOn',
};

export function ruleProblems(violations: readonly RuleViolation[], prefix: string): InputProblem[] {
  return violations.map(({ rule, zh, en, source }) => ({ field: prefix ? `${prefix}.${RULE_FIELD[rule] ?? rule}` : RULE_FIELD[rule] ?? rule, zh, en, rule, source }));
}

/** Reads fields of one object, collecting every problem instead of stopping at the first. */
export class FieldReader {
  readonly problems: InputProblem[] = [];
  constructor(private readonly prefix: string) {}

  problem(field: string, zh: string, en: string): void {
    this.problems.push({ field: `${this.prefix}.${field}`, zh, en });
  }

  /** The object's own fields must be exactly `fields`: a form of another item is refused. */
  exactly(value: Record<string, unknown>, fields: readonly string[]): void {
    for (const field of Object.keys(value)) if (!fields.includes(field)) this.problem(field, '表单中有不属于该事项的字段', 'not a field of this form');
  }

  text(value: Record<string, unknown>, field: string, max: number, optional = false): string | null {
    const raw = value[field];
    if (raw === null || raw === undefined) {
      if (!optional) this.problem(field, '不能为空', 'required');
      return null;
    }
    if (typeof raw !== 'string') {
      this.problem(field, '须为文字', 'must be a string');
      return null;
    }
    const text = raw.trim();
    if (text === '' && !optional) this.problem(field, '不能为空', 'must not be empty');
    else if (text.length > max) this.problem(field, `不能超过 ${max} 个字`, `at most ${max} characters`);
    return text === '' ? null : text;
  }

  date(value: Record<string, unknown>, field: string): string | null {
    const raw = value[field];
    if (typeof raw !== 'string' || !isValidDate(raw)) {
      this.problem(field, '日期格式不正确（YYYY-MM-DD）', 'must be a date YYYY-MM-DD');
      return null;
    }
    return raw;
  }

  choice<T extends string>(value: Record<string, unknown>, field: string, choices: readonly T[]): T | null {
    const raw = value[field];
    if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) {
      this.problem(field, `须为 ${choices.join('、')} 之一`, `must be one of ${choices.join(', ')}`);
      return null;
    }
    return raw as T;
  }

  objectId(value: Record<string, unknown>, field: string): string | null {
    const raw = value[field];
    if (typeof raw !== 'string' || !isObjectIdString(raw)) {
      this.problem(field, '编号格式不正确', 'malformed id: expected 24 hex digits');
      return null;
    }
    return raw.toLowerCase();
  }

  /** Throws the whole list when anything was wrong. */
  done(): void {
    if (this.problems.length > 0) throw refuse(this.problems);
  }
}

function formObject(form: unknown): Record<string, unknown> {
  if (typeof form !== 'object' || form === null || Array.isArray(form)) {
    throw refuse([{ field: 'input.form', zh: '事项表单须为 JSON 对象', en: 'the form must be a JSON object' }]);
  }
  return form as Record<string, unknown>;
}

/** FREE_ANNUAL_CHECKUP / UNION_CHECKUP (kit/case-forms.ts CheckupForm). */
export function readCheckupForm(form: unknown): CheckupForm {
  const value = formObject(form);
  const reader = new FieldReader('input.form');
  reader.exactly(value, ['preferredDate', 'hospital']);
  if (!('hospital' in value)) reader.problem('hospital', '缺少字段（可为 null）', 'missing (may be null)');
  const preferredDate = reader.date(value, 'preferredDate');
  const hospital = reader.text(value, 'hospital', MAX_NAME, true);
  reader.done();
  return { preferredDate: preferredDate!, hospital };
}

/** FAMILY_DOCTOR_CONTRACT (kit/case-forms.ts FamilyDoctorForm). */
export function readFamilyDoctorForm(form: unknown): FamilyDoctorForm {
  const value = formObject(form);
  const reader = new FieldReader('input.form');
  reader.exactly(value, ['communityHealthCentre', 'team', 'package', 'startsOn']);
  const communityHealthCentre = reader.text(value, 'communityHealthCentre', MAX_NAME);
  const team = reader.text(value, 'team', MAX_NAME);
  const pkg = reader.choice(value, 'package', ['FREE', 'BASIC'] as const);
  const startsOn = reader.date(value, 'startsOn');
  reader.done();
  return { communityHealthCentre: communityHealthCentre!, team: team!, package: pkg!, startsOn: startsOn! };
}
