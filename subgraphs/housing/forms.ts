// The shape of a TALENT_APARTMENT form (kit/case-forms.ts TalentApartmentForm), read from the JSON
// the window delivers or from the direct mutation's input: every field present, of its type, within
// its length or range. A form out of shape is malformed input (BAD_USER_INPUT), never a refusal.
import type { TalentApartmentForm } from '../kit/case-forms';
import { FormReader } from '../kit/form-reader';
import type { Problem } from '../kit/problems';
import { HOME_OWNERSHIP_RELATIONS } from './rules';

export const MAX_DECLARATIONS = 20;

/**
 * Reads the form; `prefix` names where it came from ("input.form" for a case, "input" for the direct
 * mutation). Every shape problem carries its INPUT_* rule (kit/input-format.ts), beside the rules' problems.
 */
export function readApartmentForm(value: unknown, prefix: string): { form: TalentApartmentForm; problems: Problem[] } {
  const reader = new FormReader(prefix);
  const source = reader.record(value, '');
  const district = reader.text(source.district, 'district', 30);
  const project = reader.text(source.project, 'project', 80);
  const householdSize = reader.integer(source.householdSize, 'householdSize', 1, MAX_DECLARATIONS);
  const declarations = reader.list(source.declarations, 'declarations', { min: 1, max: MAX_DECLARATIONS }, (declaration, field) => {
    const relation = reader.choice(declaration.relation, `${field}.relation`, HOME_OWNERSHIP_RELATIONS);
    return {
      personName: reader.text(declaration.personName, `${field}.personName`, 60),
      // Read only once the reader found no problem (a missing relation is one).
      relation: relation!,
      city: reader.text(declaration.city, `${field}.city`, 30),
      homesOwned: reader.integer(declaration.homesOwned, `${field}.homesOwned`, 0, 99),
    };
  });
  return { form: { district, project, householdSize, declarations }, problems: reader.problems };
}
