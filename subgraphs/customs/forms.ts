// The shape of the customs forms (kit/case-forms.ts AirportServiceForm, ExitEntryForm), read from the
// JSON the window delivers or from a direct mutation's input: every field present, of its type,
// within its length. A form out of shape is malformed input (BAD_USER_INPUT), never a refusal; the
// content rules of 000 十三（三） are rules.ts's.
import type { ExitEntryForm } from '../kit/case-forms';
import { FormReader } from '../kit/form-reader';
import type { FieldViolation, Problem } from '../kit/problems';
import { AIRPORT_SERVICE_DIRECTIONS, type AirportBookingRequest, type AirportServiceScope, type BookingProblem } from './rules';

const MAX_PEOPLE = 20;
const MAX_VEHICLES = 10;

/** The fields of an airport booking (000 十三（三）2), without the scope, which comes from the item or the input. */
export type AirportFields = Omit<AirportBookingRequest, 'scope'>;

export function readAirportFields(value: unknown, prefix: string): { fields: AirportFields; problems: Problem[] } {
  const reader = new FormReader(prefix);
  const form = reader.record(value, '');
  // Blank names, numbers and plates are read as given: rules.ts missingBookingFields refuses them (000 十三（三）2).
  const person = (item: Record<string, unknown>, field: string) => ({ name: reader.textAllowingBlank(item.name, `${field}.name`, 60) });
  const fields: AirportFields = {
    // Read only once the reader found no problem (a direction out of its choices is one).
    direction: reader.choice(form.direction, 'direction', AIRPORT_SERVICE_DIRECTIONS)!,
    flightNumber: reader.textAllowingBlank(form.flightNumber, 'flightNumber', 10),
    flightTime: reader.moment(form.flightTime, 'flightTime'),
    passengers: reader.list(form.passengers, 'passengers', { max: MAX_PEOPLE }, person),
    greeters: reader.list(form.greeters, 'greeters', { max: MAX_PEOPLE }, person),
    vehicles: reader.list(form.vehicles, 'vehicles', { max: MAX_VEHICLES }, (item, field) => ({ plate: reader.textAllowingBlank(item.plate, `${field}.plate`, 12) })),
    checkedLuggage: reader.flag(form.checkedLuggage, 'checkedLuggage'),
    nameSign: reader.flag(form.nameSign, 'nameSign'),
    contactPhone: reader.textAllowingBlank(form.contactPhone, 'contactPhone', 20),
  };
  return { fields, problems: reader.problems };
}

export function readAirportForm(value: unknown, scope: AirportServiceScope, prefix: string): { request: AirportBookingRequest; problems: Problem[] } {
  const { fields, problems } = readAirportFields(value, prefix);
  return { request: { scope, ...fields }, problems };
}

export function readExitEntryForm(value: unknown, prefix: string): { form: ExitEntryForm; problems: Problem[] } {
  const reader = new FormReader(prefix);
  const form = reader.record(value, '');
  return { form: { applicantName: reader.text(form.applicantName, 'applicantName', 60) }, problems: reader.problems };
}

/** The rules' problems (rules.ts cites each clause as `clause`) in the kit's shape, the clause as their source. */
export function sourced(problems: readonly BookingProblem[]): FieldViolation[] {
  return problems.map(({ clause, ...problem }) => ({ ...problem, source: clause }));
}
