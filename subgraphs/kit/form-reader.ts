// Reads the fields of a form or an input — the window's JSON forms (kit/case-forms.ts) and the
// departments' direct inputs — collecting every problem instead of stopping at the first, so the
// talent hears them all at once (一次性告知, 004 第八条). A field out of shape is malformed input
// (BAD_USER_INPUT naming `<prefix>.<field>`), never a refusal under the rules; a reader that finds
// a problem returns a placeholder ('' , null, [], the smallest number allowed), so reading goes on.
// Each shape problem carries its INPUT_* rule and the one input-format source (input-format.ts).
import { isObjectIdString } from './ids';
import { inputFormat } from './input-format';
import { problemsError, type Problem } from './problems';
import { DateTimeScalar, isValidDate } from './scalars';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** GB 11643: 17 digits and a check character (the check digit itself is the registry's to verify). */
const RESIDENT_ID = /^\d{17}[\dX]$/;

/** "input" + "form.child" → "input.form.child"; an empty part adds nothing. */
const join = (...parts: string[]): string => parts.filter((part) => part !== '').join('.');

export class FormReader {
  readonly problems: Problem[] = [];

  /**
   * `prefix` names where the fields are (e.g. "input.form").
   */
  constructor(private prefix: string) {}

  /** From here on, fields are inside this part (e.g. an item's airportService form). */
  enter(part: string): void {
    this.prefix = join(this.prefix, part);
  }

  /**
   * A problem at `field`: a broken rule with its seed clause, or a shape check (`inputFormat(...)`).
   * Without `why` it is a shape problem of the form (INPUT_FORM): a reader reads shape.
   */
  problem(field: string, zh: string, en: string, why: Required<Pick<Problem, 'rule' | 'source'>> = inputFormat('INPUT_FORM')): void {
    this.problems.push({ field: join(this.prefix, field), zh, en, rule: why.rule, source: why.source });
  }

  /** Throws one BAD_USER_INPUT listing every problem, when there is any. */
  done(): void {
    if (this.problems.length > 0) throw problemsError(this.problems);
  }

  /** The object's own fields must be among `fields`: a form of another item is refused. */
  exactly(value: Record<string, unknown>, fields: readonly string[], at = ''): void {
    for (const field of Object.keys(value)) {
      if (!fields.includes(field)) this.problem(join(at, field), '表单中有不属于该事项的字段', 'not a field of this form', inputFormat('INPUT_UNKNOWN_FIELD'));
    }
  }

  /** An object (`{}` when it is not one). */
  record(raw: unknown, field: string): Record<string, unknown> {
    if (isRecord(raw)) return raw;
    this.problem(field, '须为对象', 'must be an object', inputFormat('INPUT_NOT_OBJECT'));
    return {};
  }

  /** Required text, trimmed, not blank, at most `max` characters. */
  text(raw: unknown, field: string, max: number): string {
    const text = this.string(raw, field);
    if (text === null) return '';
    if (text === '') this.problem(field, '不能为空', 'must not be empty', inputFormat('INPUT_EMPTY'));
    else this.within(text, field, max);
    return text;
  }

  /** Text that may be missing or blank (null then), else at most `max` characters. */
  optionalText(raw: unknown, field: string, max: number): string | null {
    if (raw === null || raw === undefined) return null;
    const text = this.string(raw, field);
    if (text === null) return null;
    this.within(text, field, max);
    return text === '' ? null : text;
  }

  /** Required text that may be blank: whether a blank value is allowed is for the rules to say. */
  textAllowingBlank(raw: unknown, field: string, max: number): string {
    const text = this.string(raw, field);
    if (text === null) return '';
    this.within(text, field, max);
    return text;
  }

  flag(raw: unknown, field: string): boolean {
    if (typeof raw !== 'boolean') this.problem(field, '须为 true 或 false', 'must be true or false', inputFormat('INPUT_NOT_BOOLEAN'));
    return raw === true;
  }

  /** A boolean that may be missing (null then). */
  optionalFlag(raw: unknown, field: string): boolean | null {
    if (raw === null || raw === undefined) return null;
    return this.flag(raw, field);
  }

  choice<T extends string>(raw: unknown, field: string, choices: readonly T[]): T | null {
    if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return raw as T;
    this.problem(field, `须为 ${choices.join('、')} 之一`, `must be one of ${choices.join(', ')}`, inputFormat('INPUT_CHOICE'));
    return null;
  }

  /** A whole number from `min` to `max` (`min` when it is not one). */
  integer(raw: unknown, field: string, min: number, max: number): number {
    if (typeof raw === 'number' && Number.isInteger(raw) && raw >= min && raw <= max) return raw;
    this.problem(field, `须为 ${min} 到 ${max} 之间的整数`, `must be a whole number from ${min} to ${max}`, inputFormat('INPUT_INTEGER_RANGE'));
    return min;
  }

  /** A calendar day "YYYY-MM-DD", no later than `notAfter` when given. */
  date(raw: unknown, field: string, notAfter?: string): string | null {
    if (typeof raw !== 'string' || !isValidDate(raw)) {
      this.problem(field, '日期格式不正确（YYYY-MM-DD）', 'must be a date YYYY-MM-DD', inputFormat('INPUT_DATE'));
      return null;
    }
    if (notAfter !== undefined && raw > notAfter) {
      this.problem(field, `不能晚于 ${notAfter}`, `must not be after ${notAfter}`, inputFormat('INPUT_DATE_AFTER'));
      return null;
    }
    return raw;
  }

  /** A moment, ISO 8601 with an offset (an invalid Date when it is not one). */
  moment(raw: unknown, field: string): Date {
    if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw;
    try {
      return DateTimeScalar.parseValue(raw) as Date;
    } catch {
      this.problem(field, '须为带时区的 ISO 8601 时间，如 2026-05-01T12:00:00+08:00', 'must be ISO 8601 with an offset', inputFormat('INPUT_MOMENT'));
      return new Date(Number.NaN);
    }
  }

  /** A resident ID number in shape (GB 11643), or null when the person has none. */
  residentId(raw: unknown, field: string): string | null {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === 'string' && RESIDENT_ID.test(raw)) return raw;
    this.problem(field, '身份证号码须为18位（末位可为X）', 'resident ID number must be 17 digits and a check character', inputFormat('INPUT_RESIDENT_ID'));
    return null;
  }

  /** An id on the graph (24 hex digits), in lower case. */
  objectId(raw: unknown, field: string): string | null {
    if (typeof raw === 'string' && isObjectIdString(raw)) return raw.toLowerCase();
    this.problem(field, '编号格式不正确', 'malformed id: expected 24 hex digits', inputFormat('INPUT_MALFORMED_ID'));
    return null;
  }

  /** A list of `min` to `max` objects, each read by `read` at `<field>.<index>`. */
  list<T>(raw: unknown, field: string, size: { min?: number; max: number }, read: (item: Record<string, unknown>, field: string) => T): T[] {
    const min = size.min ?? 0;
    if (!Array.isArray(raw) || raw.length < min || raw.length > size.max) {
      this.problem(field, `须为 ${min} 到 ${size.max} 项的列表`, `must be a list of ${min} to ${size.max}`, inputFormat('INPUT_LIST_SIZE'));
      return [];
    }
    return raw.map((item: unknown, index) => {
      const at = join(field, String(index));
      return read(this.record(item, at), at);
    });
  }

  /** The value as trimmed text; null (and a problem) when it is missing or not text. */
  private string(raw: unknown, field: string): string | null {
    if (raw === null || raw === undefined) {
      this.problem(field, '须填写', 'required', inputFormat('INPUT_REQUIRED'));
      return null;
    }
    if (typeof raw !== 'string') {
      this.problem(field, '须为文字', 'must be a string', inputFormat('INPUT_NOT_TEXT'));
      return null;
    }
    return raw.trim();
  }

  private within(text: string, field: string, max: number): void {
    if (text.length > max) this.problem(field, `不能超过 ${max} 个字`, `at most ${max} characters`, inputFormat('INPUT_TOO_LONG'));
  }
}
