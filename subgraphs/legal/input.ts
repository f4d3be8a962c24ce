// What the legal desk accepts: the window's LEGAL_CONSULTATION form (kit/case-forms.ts) read for
// shape, the direct mutations' inputs, and how rule violations come back — every problem at once
// (一次性告知), as BAD_USER_INPUT naming each field, rule and source; or, for a case, as the task's reason.
import { GraphQLError } from 'graphql';
import type { LegalConsultationForm } from '../kit/case-forms';
import { isObjectIdString } from '../kit/ids';
import type { LegalCategory, LegalChannel, RuleViolation } from './rules';

export interface InputProblem {
  field: string;
  zh: string;
  en: string;
  rule?: string;
  source?: string;
}

/** model.ts maxlength. */
export const MAX_TOPIC = 200;
export const MAX_COUNSEL_NAME = 60;
export const MAX_OFFICE = 80;

export const CATEGORIES: readonly LegalCategory[] = ['CONSULTATION', 'WRITTEN_OPINION', 'DOCUMENT_DRAFTING', 'LITIGATION', 'NON_LITIGATION', 'ARBITRATION', 'CONTRACT_REVIEW', 'MEDIATION', 'LEGAL_AID_REFERRAL'];
export const CHANNELS: readonly LegalChannel[] = ['PHONE', 'EMAIL', 'IN_PERSON', 'ONLINE'];

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

/** Which field of a mutation's input each rule is about. */
const RULE_FIELD: Record<string, string> = {
  NO_LEGAL_SERVICE: 'program',
  CATEGORY_NOT_OFFERED: 'category',
  CHANNEL: 'channel',
  TOPIC_REQUIRED: 'topic',
  COUNSEL_ROLE: 'counsel.role',
  STATUS: 'id',
};

export function ruleProblems(violations: readonly RuleViolation[], prefix: string): InputProblem[] {
  return violations.map(({ rule, zh, en, source }) => {
    const field = RULE_FIELD[rule] ?? rule;
    return { field: prefix ? `${prefix}.${field}` : field, zh, en, rule, source };
  });
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

  text(value: Record<string, unknown>, field: string, max: number): string {
    const raw = value[field];
    if (typeof raw !== 'string') {
      this.problem(field, '须为文字', 'must be a string');
      return '';
    }
    const text = raw.trim();
    if (text === '') this.problem(field, '不能为空', 'must not be empty');
    else if (text.length > max) this.problem(field, `不能超过 ${max} 个字`, `at most ${max} characters`);
    return text;
  }

  flag(value: Record<string, unknown>, field: string): boolean {
    if (typeof value[field] !== 'boolean') this.problem(field, '须为 true 或 false', 'must be true or false');
    return value[field] === true;
  }

  choice<T extends string>(value: Record<string, unknown>, field: string, choices: readonly T[]): T {
    const raw = value[field];
    if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) this.problem(field, `须为 ${choices.join('、')} 之一`, `must be one of ${choices.join(', ')}`);
    return raw as T;
  }

  objectId(value: Record<string, unknown>, field: string): string {
    const raw = value[field];
    if (typeof raw !== 'string' || !isObjectIdString(raw)) {
      this.problem(field, '编号格式不正确', 'malformed id: expected 24 hex digits');
      return '';
    }
    return raw.toLowerCase();
  }

  /** Throws the whole list when anything was wrong. */
  done(): void {
    if (this.problems.length > 0) throw refuse(this.problems);
  }
}

/** LEGAL_CONSULTATION (kit/case-forms.ts LegalConsultationForm). */
export function readLegalConsultationForm(form: unknown): LegalConsultationForm {
  if (typeof form !== 'object' || form === null || Array.isArray(form)) {
    throw refuse([{ field: 'input.form', zh: '事项表单须为 JSON 对象', en: 'the form must be a JSON object' }]);
  }
  const value = form as Record<string, unknown>;
  const reader = new FieldReader('input.form');
  reader.exactly(value, ['topic', 'category', 'personalMatter', 'channel']);
  const read: LegalConsultationForm = {
    topic: reader.text(value, 'topic', MAX_TOPIC),
    category: reader.choice(value, 'category', CATEGORIES),
    personalMatter: reader.flag(value, 'personalMatter'),
    channel: reader.choice(value, 'channel', CHANNELS),
  };
  reader.done();
  return read;
}
