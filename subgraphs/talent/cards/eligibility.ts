// 申领条件 for a main card, every failed one listed at once with its clause.
// 天河 广州市人才绿卡: 003 三 (who may apply, and the categories (一)–(十)) with the supplementary
// conditions of 003 四 (一)、(三)–(七) ((二) is the 副卡's, cards.ts). 白云 云聚英才卡: 001 第三条.
import { ageOn } from '../../kit/dates';
import type { FieldViolation } from '../../kit/problems';
import { eligibilityCodesFor } from '../rules';
import { isChinese } from './materials';
import { PROGRAM_CLAUSES, type CardProgramCode } from './stages';

export interface CardEligibilityFacts {
  /** Months a year the applicant works in the district (003 三; 001 第三条). */
  monthsWorkedPerYear?: number | null;
  /** Holds a Guangzhou hukou (003 三: the green card is for those who do not). */
  guangzhouHukou?: boolean | null;
  /** 003 三（一）4: a middle or senior manager, or a key technical post. */
  keyProjectRole?: 'MANAGEMENT' | 'KEY_TECHNICAL' | null;
  fullTimeBachelorOrAbove?: boolean | null;
  /** 副高以上专业技术资格. */
  associateSeniorTitle?: boolean | null;
  /** 正高级以上专业技术资格 (003 三（三）). */
  fullSeniorTitle?: boolean | null;
  yearsInField?: number | null;
  seniorTechnicianSince?: string | null;
  /** 003 四（六）1: in finance or civil aviation, a city-level proof equivalent to senior technician. */
  seniorTechnicianEquivalentProof?: boolean | null;
  shortageOccupationYears?: number | null;
  degreeRoute?: 'DOCTORATE' | 'DOUBLE_FIRST_CLASS_MASTER' | 'GLOBAL_TOP500_MASTER' | null;
  sinoForeignJointProgramme?: boolean | null;
  overseasCampusMonths?: number | null;
  cityTalentOfficeApproved?: boolean | null;
  annualSalaryYuan?: number | null;
  annualIncomeTaxYuan?: number | null;
  /** 001 第三条: the employer registered, paying tax and operating in the district, in years. */
  employerOperatingYears?: number | null;
  /** 001 第三条: a district education, medical or research institution. */
  employerIsDistrictInstitution?: boolean | null;
}

export interface ApplicantFacts {
  birthDate: string;
  degree: string;
  nationality: string;
  idDocumentType: string;
  employer: string;
}

export interface EmployerConfirmation {
  confirmed: boolean;
  unit: string;
  contactName: string;
}

export interface EligibilityQuestion {
  program: CardProgramCode;
  category: string;
  subItem?: number | null;
  facts: CardEligibilityFacts;
  applicant: ApplicantFacts;
  employer: EmployerConfirmation;
  today: string;
}

/**
 * 003 四（一）: under 55 at application. "特殊情况可适度放宽" is the HRSS's decision on a case, not a
 * condition the window can check: such an application is refused here and taken up with the HRSS.
 */
export const TIANHE_MAX_AGE = 55;
/** 003 四（三）: managers under 45 need a full-time bachelor's degree or above. */
export const TIANHE_MANAGER_DEGREE_AGE = 45;

export function cardEligibilityViolations(question: EligibilityQuestion): FieldViolation[] {
  const { program, category, facts, applicant } = question;
  const violations: FieldViolation[] = [];
  const add = (field: string, rule: string, zh: string, en: string, source: string) => violations.push({ field, rule, zh, en, source });
  if (!eligibilityCodesFor(program).includes(category)) {
    add('category', 'CATEGORY_NOT_OF_PROGRAM', `申领条件 ${category} 不属于该人才卡项目`, 'this eligibility category is not one of the program', PROGRAM_CLAUSES[program].eligibility);
    return violations;
  }
  // 004 第四条 3、4 rest on a programme's selection or the city's recognition, which the 市委人才办 confirms
  // at its stage (stages.ts) from the materials: no condition the window can check, no employer's stamp.
  if (program === 'WUHAN_GREEN_CHANNEL') return violations;
  if (!question.employer.confirmed) add('employerConfirmation.confirmed', 'EMPLOYER_NOT_CONFIRMED', '申请表须经所在单位确认并加盖公章', 'the employer must confirm the application', program === 'BAIYUN_YUNJU' ? '001 第五条（一）' : '003 六（一）基本1');
  if (question.employer.unit.trim() !== applicant.employer.trim()) add('employerConfirmation.unit', 'EMPLOYER_NOT_REGISTERED_ONE', `确认单位须为登记的工作单位「${applicant.employer}」`, 'the confirming employer must be the registered one', program === 'BAIYUN_YUNJU' ? '001 第三条' : '003 三');
  return [...violations, ...(program === 'BAIYUN_YUNJU' ? baiyunViolations(facts) : tianheViolations(question))];
}

function baiyunViolations(facts: CardEligibilityFacts): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if ((facts.monthsWorkedPerYear ?? 0) < 6) violations.push({ field: 'facts.monthsWorkedPerYear', rule: 'WORK_TIME_IN_DISTRICT', zh: '每年在白云区工作时间应不少于6个月', en: 'must work at least 6 months a year in the district', source: '001 第三条' });
  if (!facts.employerIsDistrictInstitution && (facts.employerOperatingYears ?? 0) < 1) {
    violations.push({ field: 'facts.employerOperatingYears', rule: 'EMPLOYER_QUALIFICATION', zh: '所在单位须在本区注册、依法纳税并运营1年以上，或为区属教育、医疗、科研机构', en: 'the employer must have operated in the district a year, or be a district institution', source: '001 第三条' });
  }
  return violations;
}

function tianheViolations(question: EligibilityQuestion): FieldViolation[] {
  const { category, facts, applicant, today } = question;
  const violations: FieldViolation[] = [];
  const add = (field: string, rule: string, zh: string, en: string, source: string) => violations.push({ field, rule, zh, en, source });
  const age = ageOn(applicant.birthDate, today);
  if (age >= TIANHE_MAX_AGE) add('personId', 'AGE_UNDER_55', `申请人年龄应小于55周岁（现 ${age} 周岁）`, `the applicant must be under 55 (now ${age})`, '003 四（一）');
  if ((facts.monthsWorkedPerYear ?? 0) <= 6) add('facts.monthsWorkedPerYear', 'WORK_TIME_IN_DISTRICT', '每年在天河区创业或工作须超过6个月', 'must work more than 6 months a year in Tianhe', '003 三');
  if (facts.guangzhouHukou !== false) add('facts.guangzhouHukou', 'NON_GUANGZHOU_HUKOU', '人才绿卡限非广州市户籍人员申领', 'the green card is for those without a Guangzhou hukou', '003 三');
  const seniorTechnicianYears = facts.seniorTechnicianSince ? ageOn(facts.seniorTechnicianSince, today) : -1;
  if (category === '003-3-1') {
    if (!question.subItem || question.subItem < 1 || question.subItem > 5) add('subItem', 'CATEGORY_ITEM', '按第（一）项申请须注明第1至5点', 'category (一) needs its point, 1 to 5', '003 三（一）');
    if (question.subItem === 4) {
      if (!facts.keyProjectRole) add('facts.keyProjectRole', 'KEY_PROJECT_ROLE', '须注明现任中高级管理职务或骨干技术岗位', 'state the management or key technical post', '003 三（一）4');
      if (facts.keyProjectRole === 'MANAGEMENT' && age < TIANHE_MANAGER_DEGREE_AGE && !facts.fullTimeBachelorOrAbove) {
        add('facts.fullTimeBachelorOrAbove', 'MANAGER_UNDER_45_DEGREE', '按中高级管理职务申请且45周岁以下的，应具备全日制本科以上学历', 'a manager under 45 needs a full-time bachelor’s degree or above', '003 四（三）');
      }
      if (facts.keyProjectRole === 'KEY_TECHNICAL' && !facts.associateSeniorTitle && seniorTechnicianYears < 3) {
        add('facts.associateSeniorTitle', 'KEY_TECHNICAL_QUALIFICATION', '骨干技术岗位须有副高以上专业技术资格，或取得高级技师资格满3年', 'a key technical post needs an associate senior title, or 3 years as senior technician', '003 四（四）');
      }
    }
  }
  if (category === '003-3-3') {
    if (!facts.fullSeniorTitle) add('facts.fullSeniorTitle', 'FULL_SENIOR_TITLE', '须具有正高级以上专业技术资格', 'needs a full senior professional title', '003 三（三）');
    if ((facts.yearsInField ?? 0) < 10) add('facts.yearsInField', 'TEN_YEARS_IN_FIELD', '须具有相关领域从业经历10年以上', 'needs 10 years in the field', '003 三（三）');
  }
  if (category === '003-3-4') {
    const route = facts.degreeRoute;
    if (!route) add('facts.degreeRoute', 'DEGREE_ROUTE', '须注明博士、双一流硕士或全球前500名境外大学硕士', 'state the degree route', '003 三（四）');
    if (route === 'DOCTORATE' && applicant.degree !== 'DOCTORATE') add('facts.degreeRoute', 'DOCTORATE_DEGREE', '按博士申请须登记博士学位', 'the registered degree must be a doctorate', '003 三（四）');
    if (route && route !== 'DOCTORATE' && applicant.degree !== 'MASTER' && applicant.degree !== 'DOCTORATE') add('facts.degreeRoute', 'MASTER_DEGREE', '按硕士申请须登记硕士以上学位', 'the registered degree must be a master’s or above', '003 三（四）');
    if (route === 'GLOBAL_TOP500_MASTER' && facts.sinoForeignJointProgramme && (facts.overseasCampusMonths ?? 0) < 12) {
      add('facts.overseasCampusMonths', 'JOINT_PROGRAMME_OVERSEAS_YEAR', '中外合作办学的，应有1年以上海外校区学习经历', 'a joint programme needs a year on the overseas campus', '003 四（五）');
    }
  }
  if (category === '003-3-5') {
    if (seniorTechnicianYears < 3 && !facts.seniorTechnicianEquivalentProof) add('facts.seniorTechnicianSince', 'SENIOR_TECHNICIAN_THREE_YEARS', '须取得高级技师资格3年以上（金融、民航等可提供相当证明）', 'needs 3 years as senior technician (or an equivalent proof)', '003 四（六）1');
    if ((facts.shortageOccupationYears ?? 0) < 10) add('facts.shortageOccupationYears', 'SHORTAGE_OCCUPATION_TEN_YEARS', '须从事紧缺工种10年以上', 'needs 10 years in a shortage occupation', '003 四（六）2');
  }
  if (category === '003-3-6' && (applicant.idDocumentType !== 'PASSPORT' || isChinese(applicant.nationality))) {
    add('category', 'FOREIGN_TALENT_ONLY', '第（六）项限外籍人才', 'category (六) is for foreign nationals', '003 三（六）');
  }
  if (category === '003-3-7') {
    const eligibleIdentity = applicant.idDocumentType === 'HK_MACAO_PERMIT' || applicant.idDocumentType === 'TAIWAN_PERMIT' || (applicant.idDocumentType === 'PASSPORT' && !isChinese(applicant.nationality));
    if (!eligibleIdentity) add('category', 'HK_MACAO_TAIWAN_OR_FOREIGN', '第（七）项限港澳台人员及外籍人员', 'category (七) is for Hong Kong, Macao, Taiwan and foreign nationals', '003 三（七）');
    if ((facts.annualSalaryYuan ?? 0) < 600_000) add('facts.annualSalaryYuan', 'ANNUAL_SALARY_600K', '工资性年收入须达到60万元以上', 'annual salary must reach 600,000 yuan', '003 三（七）');
    if ((facts.annualIncomeTaxYuan ?? 0) < 120_000) add('facts.annualIncomeTaxYuan', 'ANNUAL_TAX_120K', '年缴纳个人所得税须达到12万元以上', 'annual income tax must reach 120,000 yuan', '003 三（七）');
  }
  if (category === '003-3-8' && !facts.cityTalentOfficeApproved) add('facts.cityTalentOfficeApproved', 'SPECIAL_SKILL_APPROVED', '须经市直行业主管部门或区委认定，并经广州市人才办核准', 'needs recognition and the city talent office’s approval', '003 四（七）');
  return violations;
}
