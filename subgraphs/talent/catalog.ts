// 事项目录 The window's service catalog (004 第六条: 细化服务内容、明确申办材料、划定办结时限).
// Materials come from each item's "提供材料" in the seeds; which ones are key (关键材料) is the
// window's reading of 002 二（一）2 / 二（二）2: the card, the identity papers and the form the
// department decides on are key; supporting papers a talent can bring later are not (容缺).
// The seeds give no time limit for these items, so the limits here are the window's own
// commitments (configuration, 004 第六条), counted in working days from acceptance.
import type { ServiceCode } from '../kit/case-forms';
import { SERVICE_DEPARTMENT } from '../kit/case-forms';
import type { DepartmentName } from '../kit/departments';
import type { Program } from '../kit/programs';

export const MATERIALS = {
  TALENT_CARD: { zh: '人才卡（主卡）', en: 'talent card' },
  ID_CARD: { zh: '本人身份证', en: 'resident identity card' },
  HOUSEHOLD_REGISTER: { zh: '户口本首页和个人页', en: 'household register' },
  TALENT_INTRO_FORM: { zh: '广州市引进人才申报表（原件）', en: 'Guangzhou talent introduction form' },
  RESIDENCE_PROOF: { zh: '本市合法住所证明', en: 'proof of legal residence in the city' },
  FAMILY_MATERIALS: { zh: '随迁家属材料（结婚证、出生证明等）', en: 'papers of the family members moving' },
  CHILD_PAPERS: { zh: '子女身份证、户口本、出生证明', en: "child's identity papers and birth certificate" },
  CHECKUP_RECEIPT: { zh: '体检回执', en: 'checkup reply slip' },
  FAMILY_DOCTOR_AGREEMENT: { zh: '家庭医生签约服务协议', en: 'family-doctor service agreement' },
  CONSULTATION_SUMMARY: { zh: '咨询事项说明及相关材料', en: 'summary of the legal matter' },
  HOUSING_DECLARATION: { zh: '本人及配偶、未成年子女住房情况申报', en: 'home-ownership declaration of the household' },
  EMPLOYMENT_PROOF: { zh: '在区工作证明（劳动合同）', en: 'proof of work in the district' },
  FLIGHT_DETAILS: { zh: '航班信息及乘机人、接送人员、车辆信息', en: 'flight, passenger, greeter and vehicle details' },
  PASSPORT: { zh: '护照或通行证', en: 'passport or travel permit' },
  PHOTO: { zh: '证件照片', en: 'identity photo' },
} as const;

export type MaterialCode = keyof typeof MATERIALS;

export interface CatalogItem {
  code: ServiceCode;
  department: DepartmentName;
  zh: string;
  en: string;
  /** Materials and whether each is key (关键材料): a missing key material rejects; a non-key one may be promised (容缺). */
  materials: { code: MaterialCode; key: boolean }[];
  timeLimitWorkingDays: number;
  programs: Program[];
  source: string;
}

const key = (code: MaterialCode) => ({ code, key: true });
const optional = (code: MaterialCode) => ({ code, key: false });

const ITEMS: Omit<CatalogItem, 'department'>[] = [
  {
    code: 'HUKOU_TRANSFER_HOLDER',
    zh: '持卡人落户',
    en: 'Hukou transfer for the holder',
    materials: [key('TALENT_CARD'), key('TALENT_INTRO_FORM'), key('ID_CARD'), key('HOUSEHOLD_REGISTER'), optional('RESIDENCE_PROOF')],
    timeLimitWorkingDays: 20,
    programs: ['BAIYUN_YUNJU', 'LIWAN_YINGCAI', 'WUHAN_GREEN_CHANNEL'],
    source: '000 一（一）；001 第四条（一）；002 一；004 第五条第4项',
  },
  {
    code: 'HUKOU_TRANSFER_FAMILY',
    zh: '随迁家属落户（配偶、未独立生活子女）',
    en: 'Hukou transfer for spouse and dependent children',
    materials: [key('TALENT_CARD'), key('TALENT_INTRO_FORM'), key('ID_CARD'), key('HOUSEHOLD_REGISTER'), key('FAMILY_MATERIALS'), optional('RESIDENCE_PROOF')],
    timeLimitWorkingDays: 20,
    programs: ['BAIYUN_YUNJU', 'LIWAN_YINGCAI', 'WUHAN_GREEN_CHANNEL'],
    source: '000 一（一）5；001 第四条（一）；002 一',
  },
  {
    code: 'KINDERGARTEN_ENROLMENT',
    zh: '子女入读公办幼儿园',
    en: 'Kindergarten place for a child',
    materials: [key('TALENT_CARD'), key('ID_CARD'), key('CHILD_PAPERS'), optional('HOUSEHOLD_REGISTER')],
    timeLimitWorkingDays: 20,
    programs: ['BAIYUN_YUNJU', 'GUANGZHOU_GREEN_CARD', 'WUHAN_GREEN_CHANNEL'],
    source: '000 八；001 第四条（二）；003 五；004 第五条第11项',
  },
  {
    code: 'SCHOOL_ENROLMENT',
    zh: '子女入读义务教育公办学校',
    en: 'Primary or junior school place for a child',
    materials: [key('TALENT_CARD'), key('ID_CARD'), key('CHILD_PAPERS'), optional('HOUSEHOLD_REGISTER')],
    timeLimitWorkingDays: 20,
    programs: ['BAIYUN_YUNJU', 'GUANGZHOU_GREEN_CARD', 'WUHAN_GREEN_CHANNEL'],
    source: '000 八（一）；001 第四条（二）；003 五；004 第五条第11项',
  },
  {
    code: 'FREE_ANNUAL_CHECKUP',
    zh: '年度免费体检',
    en: 'Free annual health checkup',
    materials: [key('TALENT_CARD'), optional('CHECKUP_RECEIPT')],
    timeLimitWorkingDays: 10,
    programs: ['BAIYUN_YUNJU', 'LIWAN_YINGCAI'],
    source: '000 十一；001 第四条（四）；002 八（三）',
  },
  {
    code: 'UNION_CHECKUP',
    zh: '区总工会基础体检（与免费体检二选一）',
    en: 'Union checkup (instead of the free checkup)',
    materials: [key('TALENT_CARD')],
    timeLimitWorkingDays: 10,
    programs: ['BAIYUN_YUNJU'],
    source: '000 十、十一',
  },
  {
    code: 'FAMILY_DOCTOR_CONTRACT',
    zh: '家庭医生签约（免费包或基本包）',
    en: 'Family-doctor contract (free or basic package)',
    materials: [key('TALENT_CARD'), key('ID_CARD'), optional('FAMILY_DOCTOR_AGREEMENT')],
    timeLimitWorkingDays: 5,
    programs: ['LIWAN_YINGCAI'],
    source: '002 八（四）',
  },
  {
    code: 'LEGAL_CONSULTATION',
    zh: '免费法律咨询',
    en: 'Free legal consultation',
    materials: [key('TALENT_CARD'), optional('CONSULTATION_SUMMARY')],
    timeLimitWorkingDays: 5,
    programs: ['BAIYUN_YUNJU', 'LIWAN_YINGCAI'],
    source: '000 十二；001 第四条（六）；002 十',
  },
  {
    code: 'TALENT_APARTMENT',
    zh: '人才公寓申请',
    en: 'Talent apartment',
    materials: [key('TALENT_CARD'), key('ID_CARD'), key('HOUSING_DECLARATION'), optional('EMPLOYMENT_PROOF'), optional('HOUSEHOLD_REGISTER')],
    timeLimitWorkingDays: 30,
    programs: ['BAIYUN_YUNJU', 'LIWAN_YINGCAI', 'WUHAN_GREEN_CHANNEL'],
    source: '000 九；001 第四条（八）；002 四；004 第五条第12项',
  },
  {
    code: 'AIRPORT_VIP_DOMESTIC',
    zh: '白云机场国内贵宾接送机',
    en: 'Airport VIP service, domestic flight',
    materials: [key('TALENT_CARD'), key('FLIGHT_DETAILS')],
    timeLimitWorkingDays: 1,
    programs: ['BAIYUN_YUNJU'],
    source: '000 十三；001 第四条（七）',
  },
  {
    code: 'AIRPORT_VIP_INTERNATIONAL',
    zh: '白云机场国际嘉宾接送机',
    en: 'Airport VIP service, international flight',
    materials: [key('TALENT_CARD'), key('FLIGHT_DETAILS'), optional('PASSPORT')],
    timeLimitWorkingDays: 1,
    programs: ['BAIYUN_YUNJU'],
    source: '000 十三；001 第四条（七）',
  },
  {
    code: 'EXIT_ENTRY_PERMIT',
    zh: '出入境手续办理',
    en: 'Exit-entry formalities',
    materials: [key('ID_CARD'), key('PASSPORT'), optional('PHOTO')],
    timeLimitWorkingDays: 15,
    programs: ['WUHAN_GREEN_CHANNEL'],
    source: '004 第五条第5项',
  },
  {
    code: 'RESIDENCE_PERMIT',
    zh: '高层次人才居住证',
    en: 'Residence permit for high-level talent',
    materials: [key('ID_CARD'), key('PHOTO'), optional('RESIDENCE_PROOF')],
    timeLimitWorkingDays: 15,
    programs: ['WUHAN_GREEN_CHANNEL'],
    source: '004 第五条第1项',
  },
];

export const CATALOG: readonly CatalogItem[] = ITEMS.map((item) => ({ ...item, department: SERVICE_DEPARTMENT[item.code] }));

const BY_CODE = new Map(CATALOG.map((item) => [item.code, item]));

export function catalogItem(code: ServiceCode): CatalogItem {
  const item = BY_CODE.get(code);
  if (!item) throw new Error(`no catalog item ${code}`);
  return item;
}
