// Who a home-ownership declaration must cover (住房情况申报). 002 四: the apartment is for a holder
// whose 本人及配偶、未成年子女在本市均无自有产权住房, so the declaration covers the holder, the spouse
// and every minor child; 000 九 / 001 第四条（八） ("在本市没有住房") are read the same household way
// (housing/rules.ts housingEligibility). The registry knows the household, so a registered spouse or
// minor child left out is found before anything is stored — at the window's intake and at the
// housing office's direct service, with the same function.
import { ageOn } from './dates';
import type { FieldViolation } from './problems';

export const HOUSEHOLD_DECLARATION_SOURCE = '002 四；000 九';

/** A registered family member: the talent subgraph's FamilyMember, or kit/card-check.ts RegisteredFamilyMember. */
export interface RegisteredRelative {
  name: string;
  relation: string;
  birthDate: string;
}

/** A declaration's person: whom it is about, by name and household relation. */
export interface DeclaredPerson {
  personName: string;
  relation: string;
}

const ADULTHOOD = 18;

/** Someone the declaration must cover besides the holder. */
export interface HouseholdMember {
  name: string;
  relation: 'SPOUSE' | 'MINOR_CHILD';
}

/** The registered spouse and the children under 18 on `day`: who must be declared besides the holder. */
export function householdToDeclare(family: readonly RegisteredRelative[], day: string): HouseholdMember[] {
  return family.flatMap((member): HouseholdMember[] => {
    if (member.relation === 'SPOUSE') return [{ name: member.name.trim(), relation: 'SPOUSE' }];
    if (member.relation === 'CHILD' && ageOn(member.birthDate, day) < ADULTHOOD) return [{ name: member.name.trim(), relation: 'MINOR_CHILD' }];
    return [];
  });
}

const LABEL = { SPOUSE: { zh: '配偶', en: 'spouse' }, MINOR_CHILD: { zh: '未成年子女', en: 'minor child' } } as const;

/**
 * Every registered spouse or minor child with no declaration of the same relation and name, all at
 * once (一次性告知, 004 第八条), each a DECLARATION_HOUSEHOLD_MISSING at `field` (the declarations).
 */
export function undeclaredHousehold(family: readonly RegisteredRelative[], declarations: readonly DeclaredPerson[], day: string, field: string): FieldViolation[] {
  const declared = new Set(declarations.map((declaration) => `${declaration.relation}|${declaration.personName.trim()}`));
  return householdToDeclare(family, day)
    .filter((person) => !declared.has(`${person.relation}|${person.name}`))
    .map((person) => ({
      field,
      rule: 'DECLARATION_HOUSEHOLD_MISSING',
      zh: `须申报登记在册的${LABEL[person.relation].zh}${person.name}的住房情况`,
      en: `the registered ${LABEL[person.relation].en} ${person.name} must be declared`,
      source: HOUSEHOLD_DECLARATION_SOURCE,
    }));
}
