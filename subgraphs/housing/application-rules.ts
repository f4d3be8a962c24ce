// What a talent-apartment application must satisfy when it is made — at the window (a case's
// TALENT_APARTMENT item) or directly at the department (applyForTalentApartment): the same pure
// functions for both. Each problem names its rule and the seed clause it comes from.
import type { TalentApartmentForm } from '../kit/case-forms';
import type { FieldViolation } from '../kit/problems';
import { PROGRAM_INFO, type Program } from '../kit/programs';
import {
  apartmentSchemeFor,
  ownershipClause,
  type ApartmentApplicationStatus,
  type ApartmentScheme,
  type HomeOwnershipRelation,
} from './rules';

/** The source of the housing office's own procedure, which the seeds do not regulate. */
export const HOUSING_OFFICE_RULE_SOURCE = '住建局办理规则（seeds 未作规定 / department rule, not in the seeds）';

/** The clause behind "at most one open application": the seeds do not say it; the housing office does. */
export const ONE_OPEN_APPLICATION_SOURCE = HOUSING_OFFICE_RULE_SOURCE;

/** Where each program's apartment scheme is (000 九, 001 第四条（八）: Baiyun; 002 四: Liwan; 004 第五条第12项: Wuhan). */
const PROGRAM_DISTRICTS: Record<Program, { zh: string; en: string; source: string; fits: (scheme: ApartmentScheme) => boolean } | null> = {
  BAIYUN_YUNJU: { zh: '白云区', en: 'Baiyun', source: '000 九；001 第四条（八）', fits: (scheme) => scheme.district === '白云区' },
  LIWAN_YINGCAI: { zh: '荔湾区', en: 'Liwan', source: '002 四', fits: (scheme) => scheme.district === '荔湾区' },
  // 003 lists no housing service for the Tianhe green card: no scheme at all.
  GUANGZHOU_GREEN_CARD: null,
  WUHAN_GREEN_CHANNEL: { zh: '武汉市各区', en: 'a district of Wuhan', source: '004 第五条第12项', fits: (scheme) => scheme.city === '武汉市' },
};

/**
 * The program grants the service, in its own district: Baiyun's card in 白云区 (000 九 "在我区有居住需求";
 * 001 第四条（八）), Liwan's card in 荔湾区 (002 四 "在荔湾区辖内工作"), Wuhan's green channel in a Wuhan
 * district (004 第五条第12项 人才安居工程申请). The Tianhe green-card guide (003) lists no apartment service.
 */
export function apartmentProgramProblems(program: Program, district: string, prefix: string): FieldViolation[] {
  const home = PROGRAM_DISTRICTS[program];
  if (!home) {
    return [{
      field: `${prefix}.program`,
      rule: 'APARTMENT_PROGRAM',
      zh: `${PROGRAM_INFO[program].zh}不提供人才公寓服务`,
      en: `the ${PROGRAM_INFO[program].en} offers no talent apartment`,
      source: '003 五（办事指南未列住房保障服务 / the guide lists no housing service）',
    }];
  }
  const scheme = apartmentSchemeFor(district);
  if (scheme && home.fits(scheme)) return [];
  return [{
    field: `${prefix}.district`,
    rule: 'APARTMENT_DISTRICT',
    zh: `${PROGRAM_INFO[program].zh}持卡人须在${home.zh}申请人才公寓（所填为“${district}”）`,
    en: `a ${PROGRAM_INFO[program].en} holder applies in ${home.en}, not "${district}"`,
    source: home.source,
  }];
}

type Declaration = TalentApartmentForm['declarations'][number];

/**
 * 002 四: the declarations are the household — the holder (exactly one), the spouse (at most one) and
 * the minor children — each about homes owned in the city of the scheme (本市); the household size is
 * the number of people declared.
 */
export function declarationProblems(form: TalentApartmentForm, scheme: ApartmentScheme | null, prefix: string): FieldViolation[] {
  const problems: FieldViolation[] = [];
  const count = (relation: HomeOwnershipRelation) => form.declarations.filter((declaration) => declaration.relation === relation).length;
  if (count('HOLDER') !== 1) {
    problems.push({ field: `${prefix}.declarations`, rule: 'DECLARATION_HOLDER', zh: '须申报且仅申报一份持卡人本人的住房情况', en: "exactly one declaration must be the holder's own", source: '002 四；000 九' });
  }
  if (count('SPOUSE') > 1) {
    problems.push({ field: `${prefix}.declarations`, rule: 'DECLARATION_SPOUSE', zh: '配偶的住房情况只能申报一份', en: 'at most one spouse can be declared', source: '002 四' });
  }
  if (scheme) {
    form.declarations.forEach((declaration, index) => {
      if (declaration.city !== scheme.city) {
        problems.push({
          field: `${prefix}.declarations.${index}.city`,
          rule: 'DECLARATION_CITY',
          zh: `${declaration.personName}的住房情况须申报在${scheme.city}（本市）的情况，所填为“${declaration.city}”`,
          en: `${declaration.personName}'s declaration must be about ${scheme.city}, not "${declaration.city}"`,
          source: scheme.clause,
        });
      }
    });
  }
  if (form.householdSize !== form.declarations.length) {
    problems.push({
      field: `${prefix}.householdSize`,
      rule: 'HOUSEHOLD_SIZE',
      zh: `申请家庭人数 ${form.householdSize} 与申报人数 ${form.declarations.length}（本人、配偶、未成年子女）不符`,
      en: `household size ${form.householdSize} does not match the ${form.declarations.length} people declared (holder, spouse, minor children)`,
      source: '002 四',
    });
  }
  return problems;
}

const OWNER_LABEL: Record<HomeOwnershipRelation, { zh: string; en: string }> = {
  HOLDER: { zh: '持卡人本人', en: 'the holder' },
  SPOUSE: { zh: '持卡人配偶', en: 'the spouse' },
  MINOR_CHILD: { zh: '持卡人未成年子女', en: 'a minor child' },
};

/**
 * 002 四: the holder, the spouse and the minor children all own no home in the city (市级高层次人才除外,
 * when the department knows the talent is one); 000 九 / 001 第四条（八）: "在本市没有住房"; Wuhan cites
 * 004 第五条第12项. One problem per owner, so the talent hears every one at once.
 */
export function ownershipProblems(declarations: readonly Declaration[], scheme: ApartmentScheme | null, prefix: string, options: { cityLevelTalent?: boolean } = {}): FieldViolation[] {
  if (options.cityLevelTalent && scheme?.district === '荔湾区') return [];
  return declarations.flatMap((declaration, index) => {
    if (declaration.homesOwned === 0) return [];
    const label = OWNER_LABEL[declaration.relation];
    return [{
      field: `${prefix}.declarations.${index}.homesOwned`,
      rule: 'NO_HOME_IN_CITY',
      zh: `${label.zh}${declaration.personName}在${declaration.city}有自有产权住房 ${declaration.homesOwned} 套`,
      en: `${label.en} ${declaration.personName} owns ${declaration.homesOwned} home(s) in ${declaration.city}`,
      source: scheme?.clause ?? ownershipClause(declaration.city),
    }];
  });
}

export interface OpenApplication {
  _id: { toString(): string };
  project: string;
  status: string;
}

/** At most one open application (SUBMITTED, WAITLISTED or ALLOCATED) per talent at a time. */
export function openApplicationProblems(open: readonly OpenApplication[], prefix: string): FieldViolation[] {
  return open.map((application) => ({
    field: `${prefix}.talentId`,
    rule: 'ONE_OPEN_APPLICATION',
    zh: `已有一份未办结的人才公寓申请（${application.project}，${STATUS_ZH[application.status as ApartmentApplicationStatus] ?? application.status}），不能重复申请`,
    en: `an open application already exists (${application.project}, ${application.status})`,
    source: ONE_OPEN_APPLICATION_SOURCE,
  }));
}

export const STATUS_ZH: Record<ApartmentApplicationStatus, string> = {
  SUBMITTED: '审核中',
  WAITLISTED: '轮候中',
  ALLOCATED: '已配租',
  REJECTED: '不予配租',
  WITHDRAWN: '已撤回',
};

/** Every rule a new application must satisfy, all problems at once (一次性告知). */
export function apartmentApplicationProblems(
  program: Program,
  form: TalentApartmentForm,
  open: readonly OpenApplication[],
  prefix: string,
): FieldViolation[] {
  const scheme = apartmentSchemeFor(form.district);
  return [
    ...apartmentProgramProblems(program, form.district, prefix),
    ...declarationProblems(form, scheme, prefix),
    ...ownershipProblems(form.declarations, scheme, prefix),
    ...openApplicationProblems(open, prefix),
  ];
}

/**
 * 000 九；002 四: before a place in the queue is given or a unit let, eligibility is decided again from
 * the household's declarations on file: a household that has not declared, or owns a home in the
 * city, gets neither. The problems are about the application (`field`), not about an input.
 */
export function allocationProblems(declarations: readonly Declaration[], district: string, field: string): FieldViolation[] {
  if (!declarations.some((declaration) => declaration.relation === 'HOLDER')) {
    return [{ field, rule: 'DECLARATION_MISSING', zh: '没有持卡人本人的住房情况申报，无法认定资格', en: "the holder's home-ownership declaration is not on file", source: '002 四；000 九' }];
  }
  return ownershipProblems(declarations, apartmentSchemeFor(district), 'application').map((problem) => ({ ...problem, field }));
}
