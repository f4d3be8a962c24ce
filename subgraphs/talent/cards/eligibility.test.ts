// 申领条件 (003 三、四; 001 第三条) and 申报材料 (003 六（一）): each condition refuses on its own, with
// its clause, and every failed one is listed at once.
import { describe, expect, it } from 'vitest';
import { cardEligibilityViolations, type EligibilityQuestion } from './eligibility';
import { cardMaterialsFor } from './materials';

const TODAY = '2026-06-01';
const tianhe = (change: Partial<EligibilityQuestion> = {}, facts: EligibilityQuestion['facts'] = {}): EligibilityQuestion => ({
  program: 'GUANGZHOU_GREEN_CARD',
  category: '003-3-4',
  subItem: null,
  facts: { monthsWorkedPerYear: 12, guangzhouHukou: false, degreeRoute: 'DOCTORATE', ...facts },
  applicant: { birthDate: '1990-05-01', degree: 'DOCTORATE', nationality: '中国', idDocumentType: 'RESIDENT_ID', employer: '天河软件有限公司' },
  employer: { confirmed: true, unit: '天河软件有限公司', contactName: '王经理' },
  today: TODAY,
  ...change,
});
const rules = (question: EligibilityQuestion) => cardEligibilityViolations(question).map((violation) => `${violation.rule} ${violation.source}`);

describe('Tianhe green card (003 三、四)', () => {
  it('accepts a doctorate who meets every condition', () => {
    expect(rules(tianhe())).toEqual([]);
  });
  it('refuses at 55 and accepts the day before (003 四（一）)', () => {
    expect(rules(tianhe({ applicant: { ...tianhe().applicant, birthDate: '1971-06-01' } }))).toEqual(['AGE_UNDER_55 003 四（一）']);
    expect(rules(tianhe({ applicant: { ...tianhe().applicant, birthDate: '1971-06-02' } }))).toEqual([]);
  });
  it('needs more than 6 months a year in Tianhe and no Guangzhou hukou (003 三)', () => {
    expect(rules(tianhe({}, { monthsWorkedPerYear: 6, guangzhouHukou: true }))).toEqual(['WORK_TIME_IN_DISTRICT 003 三', 'NON_GUANGZHOU_HUKOU 003 三']);
  });
  it('needs a full-time bachelor’s degree of a manager under 45, not of one aged 45 (003 四（三）)', () => {
    const manager = (birthDate: string, fullTimeBachelorOrAbove: boolean) =>
      rules(tianhe({ category: '003-3-1', subItem: 4, applicant: { ...tianhe().applicant, birthDate } }, { keyProjectRole: 'MANAGEMENT', fullTimeBachelorOrAbove }));
    expect(manager('1985-01-01', false)).toEqual(['MANAGER_UNDER_45_DEGREE 003 四（三）']);
    expect(manager('1985-01-01', true)).toEqual([]);
    expect(manager('1981-05-31', false)).toEqual([]);
  });
  it('needs an associate senior title or 3 years as senior technician for a key technical post (003 四（四）)', () => {
    const technical = (facts: EligibilityQuestion['facts']) => rules(tianhe({ category: '003-3-1', subItem: 4 }, { keyProjectRole: 'KEY_TECHNICAL', ...facts }));
    expect(technical({ seniorTechnicianSince: '2024-01-01' })).toEqual(['KEY_TECHNICAL_QUALIFICATION 003 四（四）']);
    expect(technical({ seniorTechnicianSince: '2023-05-31' })).toEqual([]);
    expect(technical({ associateSeniorTitle: true })).toEqual([]);
  });
  it('needs the point of category (一) (003 三（一）)', () => {
    expect(rules(tianhe({ category: '003-3-1' }))).toEqual(['CATEGORY_ITEM 003 三（一）']);
  });
  it('checks the degree route and a joint programme’s overseas year (003 三（四）、四（五）)', () => {
    expect(rules(tianhe({ applicant: { ...tianhe().applicant, degree: 'MASTER' } }))).toEqual(['DOCTORATE_DEGREE 003 三（四）']);
    expect(rules(tianhe({ applicant: { ...tianhe().applicant, degree: 'MASTER' } }, { degreeRoute: 'GLOBAL_TOP500_MASTER', sinoForeignJointProgramme: true, overseasCampusMonths: 6 }))).toEqual(['JOINT_PROGRAMME_OVERSEAS_YEAR 003 四（五）']);
    expect(rules(tianhe({ applicant: { ...tianhe().applicant, degree: 'BACHELOR' } }, { degreeRoute: 'DOUBLE_FIRST_CLASS_MASTER' }))).toEqual(['MASTER_DEGREE 003 三（四）']);
  });
  it('needs a full senior title and 10 years in the field (003 三（三）)', () => {
    expect(rules(tianhe({ category: '003-3-3' }, { yearsInField: 9 }))).toEqual(['FULL_SENIOR_TITLE 003 三（三）', 'TEN_YEARS_IN_FIELD 003 三（三）']);
  });
  it('needs 3 years as senior technician and 10 in a shortage occupation (003 四（六）)', () => {
    expect(rules(tianhe({ category: '003-3-5' }, { seniorTechnicianSince: '2025-01-01', shortageOccupationYears: 8 }))).toEqual(['SENIOR_TECHNICIAN_THREE_YEARS 003 四（六）1', 'SHORTAGE_OCCUPATION_TEN_YEARS 003 四（六）2']);
    expect(rules(tianhe({ category: '003-3-5' }, { seniorTechnicianEquivalentProof: true, shortageOccupationYears: 10 }))).toEqual([]);
  });
  it('keeps (六) for foreign nationals and (七) for HK, Macao, Taiwan and foreign earners (003 三（六）（七）)', () => {
    expect(rules(tianhe({ category: '003-3-6' }))).toEqual(['FOREIGN_TALENT_ONLY 003 三（六）']);
    expect(rules(tianhe({ category: '003-3-7' }, { annualSalaryYuan: 590_000, annualIncomeTaxYuan: 100_000 }))).toEqual(['HK_MACAO_TAIWAN_OR_FOREIGN 003 三（七）', 'ANNUAL_SALARY_600K 003 三（七）', 'ANNUAL_TAX_120K 003 三（七）']);
    const hongKong = { ...tianhe().applicant, idDocumentType: 'HK_MACAO_PERMIT', nationality: '中国香港' };
    expect(rules(tianhe({ category: '003-3-7', applicant: hongKong }, { annualSalaryYuan: 600_000, annualIncomeTaxYuan: 120_000 }))).toEqual([]);
  });
  it('needs the city talent office’s approval for a special skill (003 四（七）)', () => {
    expect(rules(tianhe({ category: '003-3-8' }))).toEqual(['SPECIAL_SKILL_APPROVED 003 四（七）']);
  });
  it('needs the registered employer’s confirmation (003 六（一）基本1)', () => {
    expect(rules(tianhe({ employer: { confirmed: false, unit: '别的公司', contactName: '李' } }))).toEqual(['EMPLOYER_NOT_CONFIRMED 003 六（一）基本1', 'EMPLOYER_NOT_REGISTERED_ONE 003 三']);
  });
  it('refuses a category of another program', () => {
    expect(rules(tianhe({ category: '001-3-1' }))).toEqual(['CATEGORY_NOT_OF_PROGRAM 003 三']);
  });
});

describe('Baiyun card (001 第三条)', () => {
  const baiyun = (facts: EligibilityQuestion['facts']) => rules(tianhe({ program: 'BAIYUN_YUNJU', category: '001-3-8', applicant: { ...tianhe().applicant, birthDate: '1960-01-01' } }, facts));
  it('has no age limit, needs 6 months a year and a qualified employer', () => {
    expect(baiyun({ monthsWorkedPerYear: 6, employerOperatingYears: 1 })).toEqual([]);
    expect(baiyun({ monthsWorkedPerYear: 5, employerOperatingYears: 0 })).toEqual(['WORK_TIME_IN_DISTRICT 001 第三条', 'EMPLOYER_QUALIFICATION 001 第三条']);
    expect(baiyun({ monthsWorkedPerYear: 6, employerIsDistrictInstitution: true })).toEqual([]);
  });
});

describe('申报材料 (003 六（一）)', () => {
  it('lists the basic materials, the identity proof of the document type, then the category’s', () => {
    const codes = (question: Parameters<typeof cardMaterialsFor>[0]) => cardMaterialsFor(question).map((need) => need.code);
    expect(codes({ program: 'GUANGZHOU_GREEN_CARD', category: '003-3-4', idDocumentType: 'RESIDENT_ID' })).toEqual(['APPLICATION_FORM', 'ID_PHOTO', 'DEGREE_CERTIFICATES', 'IDENTITY_PROOF', 'HOUSEHOLD_BOOKLET', 'EMPLOYMENT_CONTRACT', 'RESIDENCE_PROOF', 'DEGREE_AND_RANKING_PROOF']);
    expect(codes({ program: 'GUANGZHOU_GREEN_CARD', category: '003-3-1', subItem: 4, idDocumentType: 'PASSPORT', nationality: '中国' })).toEqual(['APPLICATION_FORM', 'ID_PHOTO', 'DEGREE_CERTIFICATES', 'IDENTITY_PROOF', 'OVERSEAS_RESIDENCE_PROOF', 'EMPLOYMENT_CONTRACT', 'RESIDENCE_PROOF', 'KEY_PROJECT_RECOGNITION', 'EMPLOYER_LICENSE_AND_ORG_CHART', 'APPOINTMENT_AND_RECORD', 'TAX_RECORD_SIX_MONTHS']);
    expect(cardMaterialsFor({ program: 'GUANGZHOU_GREEN_CARD', category: '003-3-6', idDocumentType: 'PASSPORT', nationality: '美国' }).at(-1)).toEqual({ code: 'FOREIGN_EXPERT_PERMIT', source: '003 六（一）专项6' });
  });
});
