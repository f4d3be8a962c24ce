// 申报材料 for a main card (一次性告知): the basic materials every applicant supplies and the special
// ones of the eligibility category (003 六（一）), or Baiyun's online attachments (001 第五条（一）,
// which names no list: the application, identity, proof of the category, of the employer and of the
// working time, as 第三条 requires them). Every one is key: neither seed accepts a card application on
// a promise (容缺 is Liwan's rule for services, 002 二（一）2), a missing one is refused at intake.
import type { CardProgramCode } from './stages';
import type { IdDocumentType } from './id-documents';
import type { Problem } from '../../kit/problems';

export const CARD_MATERIALS = {
  APPLICATION_FORM: { zh: '申请表（本人签名并加盖单位公章）', en: 'application form, signed and stamped by the employer' },
  ID_PHOTO: { zh: '电子相片（第二代身份证标准）', en: 'digital photo to the ID-card standard' },
  DEGREE_CERTIFICATES: { zh: '学历、学位证书', en: 'diplomas and degree certificates' },
  IDENTITY_PROOF: { zh: '有效身份证明（身份证、护照或港澳台通行证）', en: 'valid identity document' },
  HOUSEHOLD_BOOKLET: { zh: '户口簿', en: 'household register booklet' },
  OVERSEAS_RESIDENCE_PROOF: { zh: '外国永久（长期）居留证明', en: 'proof of foreign permanent residence' },
  EMPLOYMENT_CONTRACT: { zh: '聘任书或劳动合同（自申报之日起有效期不少于6个月）', en: 'employment contract valid 6 months or more' },
  RESIDENCE_PROOF: { zh: '在广州的合法住所证明（房产证或6个月以上租赁合同）', en: 'proof of lawful residence in Guangzhou' },
  TALENT_HONOUR_PROOF: { zh: '聘书、获奖证书、荣誉证书、入选通知书或批准文件', en: 'appointment, award or selection documents' },
  KEY_PROJECT_RECOGNITION: { zh: '重点项目、总部企业等最新年度认定文件或年度下达计划', en: 'the latest recognition of the key project or headquarters' },
  EMPLOYER_LICENSE_AND_ORG_CHART: { zh: '承办单位营业执照及管理层组织架构图', en: "employer's business licence and management chart" },
  APPOINTMENT_AND_RECORD: { zh: '任职命令文件、工作经历与业绩证明', en: 'appointment order, career and performance record' },
  TAX_RECORD_SIX_MONTHS: { zh: '近6个月个人所得税纳税明细', en: 'individual income tax record of the last 6 months' },
  OVERSEAS_CAREER_PROOF: { zh: '海外任职、科研或创业经历及成果证明', en: 'proof of the overseas career or venture' },
  SENIOR_TITLE_AND_CAREER: { zh: '正高级专业技术资格证书及近10年从业履历', en: 'full senior title and 10-year career record' },
  DEGREE_AND_RANKING_PROOF: { zh: '研究生学历学位证书（境外学历认定书、大学排名截图）', en: 'postgraduate degree (and overseas recognition, ranking)' },
  SENIOR_TECHNICIAN_PROOF: { zh: '高级技师证书及查询截图、报名表、准考证', en: 'senior technician certificate and its records' },
  SHORTAGE_CAREER_RECORD: { zh: '近10年紧缺工种履历证明和社保记录', en: '10-year shortage-occupation career and social insurance record' },
  FOREIGN_EXPERT_PERMIT: { zh: '外国专家证或外国人工作许可证（A类）', en: 'foreign expert certificate or A-class work permit' },
  INCOME_AND_TAX_PROOF: { zh: '收入证明和纳税证明', en: 'proof of income and of tax paid' },
  SPECIAL_SKILL_RECOGNITION: { zh: '市直行业主管部门或区委认定及市人才办核准文件', en: 'recognition and approval of the special skill' },
  TALENT_CATEGORY_PROOF: { zh: '人才类别证明材料', en: 'proof of the talent category' },
  EMPLOYER_QUALIFICATION: { zh: '单位资质证明（注册、纳税并运营1年以上，或区属机构）', en: 'proof of the employer qualification' },
  WORK_TIME_PROOF: { zh: '每年在区工作不少于6个月的证明', en: 'proof of working 6 months a year in the district' },
  CHANGE_PROOF: { zh: '变更要素证明（新单位劳动合同、新住所证明等）', en: 'proof of the change (new employment contract, new residence)' },
  CARD_COPY: { zh: '原绿卡证复印件', en: 'copy of the green card' },
  RENEWAL_PROOF: { zh: '续签合同或新的有效身份证明', en: 'renewed employment contract or a new valid identity document' },
  WUHAN_RECOGNITION: { zh: '依《武汉市高层次人才确认办法》的认定文件，或优秀企业家评选文件', en: 'recognition under the Wuhan high-level talent rules, or the entrepreneur award' },
} as const;

export type CardMaterialCode = keyof typeof CARD_MATERIALS;

export interface CardMaterialNeed {
  code: CardMaterialCode;
  source: string;
}

const SPECIAL_TIANHE: Record<string, readonly CardMaterialCode[]> = {
  '003-3-1': ['TALENT_HONOUR_PROOF'],
  '003-3-1.4': ['KEY_PROJECT_RECOGNITION', 'EMPLOYER_LICENSE_AND_ORG_CHART', 'APPOINTMENT_AND_RECORD', 'TAX_RECORD_SIX_MONTHS'],
  '003-3-2': ['OVERSEAS_CAREER_PROOF'],
  '003-3-3': ['SENIOR_TITLE_AND_CAREER'],
  '003-3-4': ['DEGREE_AND_RANKING_PROOF'],
  '003-3-5': ['SENIOR_TECHNICIAN_PROOF', 'EMPLOYER_LICENSE_AND_ORG_CHART', 'SHORTAGE_CAREER_RECORD'],
  '003-3-6': ['FOREIGN_EXPERT_PERMIT'],
  '003-3-7': ['INCOME_AND_TAX_PROOF'],
  '003-3-8': ['SPECIAL_SKILL_RECOGNITION'],
  '003-3-9': ['TALENT_HONOUR_PROOF'],
  '003-3-10': ['KEY_PROJECT_RECOGNITION', 'EMPLOYER_LICENSE_AND_ORG_CHART', 'APPOINTMENT_AND_RECORD', 'TAX_RECORD_SIX_MONTHS'],
};

/** Which special-material clause of 003 六（一） a category's list comes from. */
const SPECIAL_CLAUSE: Record<string, string> = {
  '003-3-1': '003 六（一）专项1',
  '003-3-2': '003 六（一）专项2',
  '003-3-3': '003 六（一）专项3',
  '003-3-4': '003 六（一）专项4',
  '003-3-5': '003 六（一）专项5',
  '003-3-6': '003 六（一）专项6',
  '003-3-7': '003 六（一）专项7',
  '003-3-8': '003 四（七）',
  '003-3-9': '003 六（一）专项8',
  '003-3-10': '003 六（一）专项9、10',
};

export interface MaterialQuestion {
  program: CardProgramCode;
  category: string;
  subItem?: number | null;
  idDocumentType?: IdDocumentType | null;
  nationality?: string | null;
}

/** Every material the application needs, basic first, then the category's (003 九（一）: that order). */
export function cardMaterialsFor(question: MaterialQuestion): CardMaterialNeed[] {
  if (question.program === 'WUHAN_GREEN_CHANNEL') {
    // 004 第八条: the window names the materials once; 第四条 says what proves each category.
    const basic: CardMaterialNeed[] = [{ code: 'APPLICATION_FORM', source: '004 第八条、第九条' }, { code: 'IDENTITY_PROOF', source: '004 第八条、第九条' }];
    const special: CardMaterialNeed = question.category === '004-4-3' ? { code: 'TALENT_HONOUR_PROOF', source: '004 第四条第3项' } : { code: 'WUHAN_RECOGNITION', source: '004 第四条第4项' };
    return [...basic, special];
  }
  if (question.program === 'BAIYUN_YUNJU') {
    return (['APPLICATION_FORM', 'IDENTITY_PROOF', 'TALENT_CATEGORY_PROOF', 'EMPLOYER_QUALIFICATION', 'WORK_TIME_PROOF'] as const).map((code) => ({ code, source: '001 第五条（一）；第三条' }));
  }
  const basic: CardMaterialNeed[] = [
    { code: 'APPLICATION_FORM', source: '003 六（一）基本1' },
    { code: 'ID_PHOTO', source: '003 六（一）基本2' },
    { code: 'DEGREE_CERTIFICATES', source: '003 六（一）基本3' },
    { code: 'IDENTITY_PROOF', source: '003 六（一）基本4' },
  ];
  if (question.idDocumentType === 'RESIDENT_ID') basic.push({ code: 'HOUSEHOLD_BOOKLET', source: '003 六（一）基本4（3）' });
  if (question.idDocumentType === 'PASSPORT' && isChinese(question.nationality)) basic.push({ code: 'OVERSEAS_RESIDENCE_PROOF', source: '003 六（一）基本4（2）' });
  basic.push({ code: 'EMPLOYMENT_CONTRACT', source: '003 六（一）基本5' }, { code: 'RESIDENCE_PROOF', source: '003 六（一）基本6' });
  const key = question.category === '003-3-1' && question.subItem === 4 ? '003-3-1.4' : question.category;
  const special = (SPECIAL_TIANHE[key] ?? []).map((code) => ({ code, source: SPECIAL_CLAUSE[question.category] ?? '003 六（一）' }));
  return [...basic, ...special];
}

export function isChinese(nationality: string | null | undefined): boolean {
  return nationality === '中国' || nationality === 'CHN' || nationality === 'China';
}

/** The card's services after issue (003 六（三）). */
export type CardService = 'CHANGE' | 'REISSUE' | 'RENEWAL';

/**
 * What 变更 and 续办 of a Guangzhou green card need (003 六（三）1: 变更要素证明和原绿卡证复印件; 3: 原绿卡证复印件和
 * 续签合同或新的有效身份证明). 补办 (六（三）2: 补办原因说明、原绿卡证复印件或绿卡证号和身份证) needs nothing more
 * than its statement: the window holds the card number and the ID document. 001 and 004 name no materials
 * for these services, so Baiyun and Wuhan need none.
 */
export function cardServiceMaterials(program: string, service: CardService): CardMaterialNeed[] {
  if (program !== 'GUANGZHOU_GREEN_CARD') return [];
  if (service === 'CHANGE') return (['CHANGE_PROOF', 'CARD_COPY'] as const).map((code) => ({ code, source: '003 六（三）1' }));
  if (service === 'RENEWAL') return (['CARD_COPY', 'RENEWAL_PROOF'] as const).map((code) => ({ code, source: '003 六（三）3' }));
  return [];
}

/** Each material the service needs and the request did not bring, listed at once (一次性告知). */
export function missingServiceMaterials(program: string, service: CardService, given: readonly string[] | null | undefined): Problem[] {
  return cardServiceMaterials(program, service)
    .filter((need) => !(given ?? []).includes(need.code))
    .map((need) => ({ field: 'input.materials', zh: `缺少材料「${CARD_MATERIALS[need.code].zh}」`, en: `missing material ${need.code}`, rule: 'CARD_MATERIAL_MISSING', source: need.source }));
}
