// The shape of a hukou item's form (kit/case-forms.ts HukouTransferForm), read from the JSON the
// window delivers: every field present, of its type, within its length. A form out of shape is
// malformed input (BAD_USER_INPUT naming input.form.<field>), never a refusal under the rules.
import { RELATIONS, type FormPerson, type HukouTransferForm } from '../kit/case-forms';
import { FormReader } from '../kit/form-reader';
import type { Problem } from '../kit/problems';
import { HUKOU_ROUTES } from './rules';

/** A family moving together; more is a mistake, not a family. */
export const MAX_APPLICANTS = 10;
/** model.ts maxlengths. */
const MAX_NAME = 60;
const MAX_ADDRESS = 200;
const MAX_STATION = 60;

/** A person as the window sends them, plus 001 第四条（一）"未独立生活" for an adult child when declared. */
export interface HukouFormPerson extends FormPerson {
  dependent: boolean | null;
}

export interface ReadHukouForm extends Omit<HukouTransferForm, 'applicants'> {
  applicants: HukouFormPerson[];
}

const FORM_FIELDS = ['applicants', 'route', 'targetAddress', 'policeStation'];
const PERSON_FIELDS = ['name', 'relation', 'birthDate', 'idNumber', 'dependent'];

/**
 * Reads the form; every problem at once, each naming `input.form.<field>`. Who may move is the
 * rules' to say (case-rules.ts); here only that each applicant is one the form may name.
 * The form is read only when there is no problem.
 */
export function readHukouForm(value: unknown, today: string, prefix = 'input.form'): { form: ReadHukouForm; problems: Problem[] } {
  const reader = new FormReader(prefix);
  const form = reader.record(value, '');
  reader.exactly(form, FORM_FIELDS);
  const applicants = reader.list(form.applicants, 'applicants', { min: 1, max: MAX_APPLICANTS }, (person, at): HukouFormPerson => {
    reader.exactly(person, PERSON_FIELDS, at);
    return {
      name: reader.text(person.name, `${at}.name`, MAX_NAME),
      relation: reader.choice(person.relation, `${at}.relation`, RELATIONS)!,
      birthDate: reader.date(person.birthDate, `${at}.birthDate`, today)!,
      idNumber: reader.residentId(person.idNumber, `${at}.idNumber`),
      dependent: reader.optionalFlag(person.dependent, `${at}.dependent`),
    };
  });
  const route = reader.choice(form.route, 'route', HUKOU_ROUTES)!;
  const targetAddress = reader.text(form.targetAddress, 'targetAddress', MAX_ADDRESS);
  const policeStation = reader.text(form.policeStation, 'policeStation', MAX_STATION);
  return { form: { applicants, route, targetAddress, policeStation }, problems: reader.problems };
}
