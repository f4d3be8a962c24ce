// The shape of an enrolment request: the window's form (kit/case-forms.ts SchoolEnrolmentForm, as
// JSON) or the direct mutation's input. Every field present, of its type, within its length; a
// request out of shape is malformed input (BAD_USER_INPUT naming the field), never a refusal.
import { RELATIONS } from '../kit/case-forms';
import { FormReader } from '../kit/form-reader';
import type { Problem } from '../kit/problems';
import { CHILD_GENDERS, SCHOOL_LEVELS, type SchoolLevel } from './rules';

/** model.ts maxlengths. */
export const MAX_NAME = 60;
export const MAX_DISTRICT = 40;
export const MAX_SCHOOL = 100;

export interface EnrolmentRequest {
  child: { name: string; relation: string; gender: 'MALE' | 'FEMALE'; birthDate: string; idNumber: string | null };
  level: SchoolLevel;
  schoolYear: number;
  district: string;
  preferredSchool: string;
}

const FORM_FIELDS = ['child', 'level', 'schoolYear', 'district', 'preferredSchool'];
const CHILD_FIELDS = ['name', 'relation', 'gender', 'birthDate', 'idNumber'];

/**
 * Reads a request; every problem at once, each naming `<prefix>.<field>`. `strict`: a field the
 * form does not have is refused (the window's JSON; the typed direct input cannot have one).
 * The request is read only when there is no problem.
 */
export function readEnrolmentRequest(value: unknown, today: string, prefix: string, strict = true): { request: EnrolmentRequest; problems: Problem[] } {
  const reader = new FormReader(prefix);
  const form = reader.record(value, '');
  if (strict) reader.exactly(form, FORM_FIELDS);
  const child = reader.record(form.child, 'child');
  if (strict) reader.exactly(child, CHILD_FIELDS, 'child');
  // Who is enrolled is the rules' to say (000 八); here only that the child is one the form may name.
  const request: EnrolmentRequest = {
    child: {
      name: reader.text(child.name, 'child.name', MAX_NAME),
      relation: reader.choice(child.relation, 'child.relation', RELATIONS)!,
      gender: reader.choice(child.gender, 'child.gender', CHILD_GENDERS)!,
      birthDate: reader.date(child.birthDate, 'child.birthDate', today)!,
      idNumber: reader.residentId(child.idNumber, 'child.idNumber'),
    },
    level: reader.choice(form.level, 'level', SCHOOL_LEVELS)!,
    schoolYear: reader.integer(form.schoolYear, 'schoolYear', 2000, 2100),
    district: reader.text(form.district, 'district', MAX_DISTRICT),
    preferredSchool: reader.text(form.preferredSchool, 'preferredSchool', MAX_SCHOOL),
  };
  return { request, problems: reader.problems };
}
