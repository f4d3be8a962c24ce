// The shape of a hukou item's form (kit/case-forms.ts HukouTransferForm), read from the JSON the
// window delivers: every field present, of its type, within its length. A form out of shape is
// malformed input (BAD_USER_INPUT naming input.form.<field>), never a refusal under the rules.
import type { FormPerson, HukouTransferForm, Relation } from '../kit/case-forms';
import { isValidDate } from '../kit/scalars';
import { isRecord, type InputProblem } from './problems';
import { HUKOU_ROUTES } from './rules';

/** The people a form may name (kit/case-forms.ts Relation); the rules decide who may move. */
export const FORM_RELATIONS = ['HOLDER', 'SPOUSE', 'CHILD', 'PARENT', 'SPOUSE_PARENT'] as const satisfies readonly Relation[];

/** A family moving together; more is a mistake, not a family. */
export const MAX_APPLICANTS = 10;
/** model.ts maxlengths. */
const MAX_NAME = 60;
const MAX_ADDRESS = 200;
const MAX_STATION = 60;
/** GB 11643: 17 digits and a check character. */
const RESIDENT_ID = /^\d{17}[\dX]$/;

/** A person as the window sends them, plus 001 第四条（一）"未独立生活" for an adult child when declared. */
export interface HukouFormPerson extends FormPerson {
  dependent: boolean | null;
}

export interface ReadHukouForm extends Omit<HukouTransferForm, 'applicants'> {
  applicants: HukouFormPerson[];
}

const FORM_FIELDS = ['applicants', 'route', 'targetAddress', 'policeStation'];
const PERSON_FIELDS = ['name', 'relation', 'birthDate', 'idNumber', 'dependent'];

class FormReader {
  readonly problems: InputProblem[] = [];
  constructor(private readonly prefix: string) {}

  problem(field: string, zh: string, en: string): void {
    this.problems.push({ field: field ? `${this.prefix}.${field}` : this.prefix, zh, en });
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

function readPerson(reader: FormReader, value: unknown, at: string, today: string): HukouFormPerson {
  const person = isRecord(value) ? value : {};
  if (!isRecord(value)) reader.problem(at, '迁入人须为对象', 'each applicant must be an object');
  reader.exactly(person, PERSON_FIELDS, at);
  const name = reader.text(person, 'name', MAX_NAME, `${at}.name`);
  const relation = reader.choice(person, 'relation', FORM_RELATIONS, `${at}.relation`);
  const birthDate = typeof person.birthDate === 'string' ? person.birthDate : '';
  if (!isValidDate(birthDate) || birthDate > today) reader.problem(`${at}.birthDate`, '出生日期须为不晚于今天的日期（YYYY-MM-DD）', 'birth date must be a valid day, not in the future');
  const idNumber = person.idNumber ?? null;
  if (idNumber !== null && (typeof idNumber !== 'string' || !RESIDENT_ID.test(idNumber))) {
    reader.problem(`${at}.idNumber`, '身份证号码须为18位（末位可为X）', 'resident ID number must be 17 digits and a check character');
  }
  const dependent = person.dependent ?? null;
  if (dependent !== null && typeof dependent !== 'boolean') reader.problem(`${at}.dependent`, '是否未独立生活须为布尔值', 'dependent must be true or false');
  return { name, relation, birthDate, idNumber: idNumber as string | null, dependent: dependent as boolean | null };
}

/** Reads the form; every problem at once, each naming `input.form.<field>`. */
export function readHukouForm(value: unknown, today: string, prefix = 'input.form'): { form: ReadHukouForm; problems: InputProblem[] } {
  const reader = new FormReader(prefix);
  const form = isRecord(value) ? value : {};
  if (!isRecord(value)) reader.problem('', '事项表单须为对象', 'the form must be an object');
  reader.exactly(form, FORM_FIELDS, '');
  const applicants: HukouFormPerson[] = [];
  if (!Array.isArray(form.applicants) || form.applicants.length === 0 || form.applicants.length > MAX_APPLICANTS) {
    reader.problem('applicants', `须列明 1 到 ${MAX_APPLICANTS} 名迁入人`, `1–${MAX_APPLICANTS} applicants are required`);
  } else {
    form.applicants.forEach((person: unknown, index) => applicants.push(readPerson(reader, person, `applicants.${index}`, today)));
  }
  const route = reader.choice(form, 'route', HUKOU_ROUTES);
  const targetAddress = reader.text(form, 'targetAddress', MAX_ADDRESS);
  const policeStation = reader.text(form, 'policeStation', MAX_STATION);
  return { form: { applicants, route, targetAddress, policeStation }, problems: reader.problems };
}
