// The shape of the customs forms (kit/case-forms.ts AirportServiceForm, ExitEntryForm), read from the
// JSON the window delivers or from a direct mutation's input: every field present, of its type,
// within its length. A form out of shape is malformed input (BAD_USER_INPUT), never a refusal; the
// content rules of 000 十三（三） are rules.ts's.
import type { GraphQLError } from 'graphql';
import type { ExitEntryForm } from '../kit/case-forms';
import { badUserInput } from '../kit/errors';
import { DateTimeScalar } from '../kit/scalars';
import { AIRPORT_SERVICE_DIRECTIONS, type AirportBookingRequest, type AirportServiceDirection, type AirportServiceScope, type BookingProblem } from './rules';

const MAX_PEOPLE = 20;
const MAX_VEHICLES = 10;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class ShapeReader {
  readonly problems: BookingProblem[] = [];
  constructor(private readonly prefix: string, private readonly source: string) {}

  problem(field: string, zh: string, en: string): void {
    this.problems.push({ field: field ? `${this.prefix}.${field}` : this.prefix, rule: 'FORM_SHAPE', zh, en, clause: this.source });
  }

  text(value: unknown, field: string, max: number): string {
    if (typeof value !== 'string') {
      this.problem(field, '须填写文字', 'required text');
      return '';
    }
    if (value.trim().length > max) this.problem(field, `不能超过 ${max} 个字`, `at most ${max} characters`);
    return value.trim();
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.problem(field, '须为是或否', 'must be true or false');
    return value === true;
  }

  moment(value: unknown, field: string): Date {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
    try {
      return DateTimeScalar.parseValue(value) as Date;
    } catch {
      this.problem(field, '须为带时区的 ISO 8601 时间，如 2026-05-01T12:00:00+08:00', 'must be ISO 8601 with an offset');
      return new Date(Number.NaN);
    }
  }

  list<T>(value: unknown, field: string, max: number, read: (item: Record<string, unknown>, field: string) => T): T[] {
    if (!Array.isArray(value) || value.length > max) {
      this.problem(field, `须为不超过 ${max} 项的列表`, `must be a list of at most ${max}`);
      return [];
    }
    return value.map((item: unknown, index) => {
      if (!isRecord(item)) this.problem(`${field}.${index}`, '须为对象', 'must be an object');
      return read(isRecord(item) ? item : {}, `${field}.${index}`);
    });
  }
}

/** The fields of an airport booking (000 十三（三）2), without the scope, which comes from the item or the input. */
export type AirportFields = Omit<AirportBookingRequest, 'scope'>;

export function readAirportFields(value: unknown, prefix: string, reader = new ShapeReader(prefix, 'kit/case-forms.ts AirportServiceForm')): { fields: AirportFields; problems: BookingProblem[] } {
  const form = isRecord(value) ? value : {};
  if (!isRecord(value)) reader.problem('', '表单须为对象', 'the form must be an object');
  const direction = form.direction;
  if (typeof direction !== 'string' || !(AIRPORT_SERVICE_DIRECTIONS as readonly string[]).includes(direction)) {
    reader.problem('direction', '须为 DEPARTURE（送机）或 ARRIVAL（接机）', 'must be DEPARTURE or ARRIVAL');
  }
  const person = (item: Record<string, unknown>, field: string) => ({ name: reader.text(item.name, `${field}.name`, 60) });
  const fields: AirportFields = {
    direction: direction as AirportServiceDirection,
    flightNumber: reader.text(form.flightNumber, 'flightNumber', 10),
    flightTime: reader.moment(form.flightTime, 'flightTime'),
    passengers: reader.list(form.passengers, 'passengers', MAX_PEOPLE, person),
    greeters: reader.list(form.greeters, 'greeters', MAX_PEOPLE, person),
    vehicles: reader.list(form.vehicles, 'vehicles', MAX_VEHICLES, (item, field) => ({ plate: reader.text(item.plate, `${field}.plate`, 12) })),
    checkedLuggage: reader.boolean(form.checkedLuggage, 'checkedLuggage'),
    nameSign: reader.boolean(form.nameSign, 'nameSign'),
    contactPhone: reader.text(form.contactPhone, 'contactPhone', 20),
  };
  return { fields, problems: reader.problems };
}

export function readAirportForm(value: unknown, scope: AirportServiceScope, prefix: string): { request: AirportBookingRequest; problems: BookingProblem[] } {
  const { fields, problems } = readAirportFields(value, prefix);
  return { request: { scope, ...fields }, problems };
}

export function readExitEntryForm(value: unknown, prefix: string): { form: ExitEntryForm; problems: BookingProblem[] } {
  const reader = new ShapeReader(prefix, 'kit/case-forms.ts ExitEntryForm');
  const form = isRecord(value) ? value : {};
  const applicantName = reader.text(form.applicantName, 'applicantName', 60);
  if (applicantName === '' && typeof form.applicantName === 'string') reader.problem('applicantName', '申请人姓名不能为空', 'the applicant needs a name');
  return { form: { applicantName }, problems: reader.problems };
}

/** Every problem at once (一次性告知) in one BAD_USER_INPUT error: the first names the field; all are in extensions.problems. */
export function problemsError(problems: readonly BookingProblem[]): GraphQLError {
  const [first] = problems;
  return badUserInput(
    first.field,
    problems.map((problem) => `${problem.zh}（${problem.clause}）`).join('；'),
    problems.map((problem) => problem.en).join('; '),
    { rule: first.rule, source: first.clause, problems: problems.map(({ clause, ...rest }) => ({ ...rest, source: clause })) },
  );
}

/** How a refusal reads on the case (004 第十一条 回告原因): "中文（English）— source", all of them. */
export function reasonOf(problems: readonly BookingProblem[]): string {
  return problems.map((problem) => `${problem.zh}（${problem.en}）— ${problem.clause}`).join('；');
}

/** Rule problems name input fields: "flightTime" becomes "input.flightTime" (or "input.form.flightTime"). */
export function underPrefix(problems: readonly BookingProblem[], prefix: string): BookingProblem[] {
  return problems.map((problem) => ({ ...problem, field: `${prefix}.${problem.field}` }));
}
