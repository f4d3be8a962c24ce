// What the health desk accepts: the window's forms (kit/case-forms.ts) read for shape, and which
// field of a direct mutation's input each rule is about, so a broken rule comes back as
// BAD_USER_INPUT naming that field, its rule and source (一次性告知).
import type { CheckupForm, FamilyDoctorForm } from '../kit/case-forms';
import { FormReader } from '../kit/form-reader';
import { inputFormat } from '../kit/input-format';

/** The longest names the records keep (model.ts maxlength). */
export const MAX_NAME = 80;

/** Which field of a direct mutation's input each rule is about. */
export const RULE_FIELD: Readonly<Record<string, string>> = {
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

/** FREE_ANNUAL_CHECKUP / UNION_CHECKUP (kit/case-forms.ts CheckupForm). */
export function readCheckupForm(form: Record<string, unknown>): CheckupForm {
  const reader = new FormReader('input.form');
  reader.exactly(form, ['preferredDate', 'hospital']);
  if (!('hospital' in form)) reader.problem('hospital', '缺少字段（可为 null）', 'missing (may be null)', inputFormat('INPUT_REQUIRED'));
  const preferredDate = reader.date(form.preferredDate, 'preferredDate');
  const hospital = reader.optionalText(form.hospital, 'hospital', MAX_NAME);
  reader.done();
  return { preferredDate: preferredDate!, hospital };
}

/** FAMILY_DOCTOR_CONTRACT (kit/case-forms.ts FamilyDoctorForm). */
export function readFamilyDoctorForm(form: Record<string, unknown>): FamilyDoctorForm {
  const reader = new FormReader('input.form');
  reader.exactly(form, ['communityHealthCentre', 'team', 'package', 'startsOn']);
  const communityHealthCentre = reader.text(form.communityHealthCentre, 'communityHealthCentre', MAX_NAME);
  const team = reader.text(form.team, 'team', MAX_NAME);
  const pkg = reader.choice(form.package, 'package', ['FREE', 'BASIC'] as const);
  const startsOn = reader.date(form.startsOn, 'startsOn');
  reader.done();
  return { communityHealthCentre, team, package: pkg!, startsOn: startsOn! };
}
