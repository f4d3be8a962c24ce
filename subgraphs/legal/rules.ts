// 司法局 (legal-adviser) rules. Pure functions: the read view computes free vs fee-bearing with
// them, seed.ts writes only what they accept, and requests (from a case or made directly) are refused with them.
import type { Program } from '../kit/programs';
import { todayInChina } from '../kit/dates';
import type { RuleViolation } from '../kit/problems';

export type LegalCategory =
  | 'CONSULTATION'
  | 'WRITTEN_OPINION'
  | 'DOCUMENT_DRAFTING'
  | 'LITIGATION'
  | 'NON_LITIGATION'
  | 'ARBITRATION'
  | 'CONTRACT_REVIEW'
  | 'MEDIATION'
  | 'LEGAL_AID_REFERRAL';
export type LegalChannel = 'PHONE' | 'EMAIL' | 'IN_PERSON' | 'ONLINE';
/** WITHDRAWN: the applicant withdrew the case before an answer (withdraw.ts) — not CLOSED, which is answered first. */
export type LegalStatus = 'REQUESTED' | 'ASSIGNED' | 'ANSWERED' | 'CLOSED' | 'WITHDRAWN';
export type CounselRole = 'GOVERNMENT_LEGAL_ADVISER' | 'LAWYER';

interface CategoryTerms {
  free: boolean;
  /** Free only for matters of direct personal interest to the holder. */
  personalOnly: boolean;
  note: string;
}

interface ProgramLegalService {
  categories: Partial<Record<LegalCategory, CategoryTerms>>;
  channels: readonly LegalChannel[];
  counselRole: CounselRole;
}

// 000 十二（三）2: written opinions, drafting, litigation, non-litigation and arbitration are charged by agreement.
const baiyunFeeBearing = (what: string): CategoryTerms => ({
  free: false,
  personalOnly: false,
  note: `${what}可按照有关规定协商另行收费（000 十二（三）2）`,
});

// 002 十（一）1（2）: contract review and (non-)litigation are charged by agreement, and may be reduced.
const liwanFeeBearing = (what: string): CategoryTerms => ({
  free: false,
  personalOnly: false,
  note: `${what}需另行协商收取律师服务费用并依法办理委托代理手续，法律顾问应酌情予以减免（002 十（一）1（2））`,
});

const LEGAL_SERVICES: Partial<Record<Program, ProgramLegalService>> = {
  BAIYUN_YUNJU: {
    categories: {
      // 000 十二 / 001 第四条（六）: free consultation; 000 十二（三）1: personal matters only.
      CONSULTATION: { free: true, personalOnly: true, note: '免费法律咨询（000 十二；001 第四条（六））' },
      WRITTEN_OPINION: baiyunFeeBearing('出具书面法律意见'),
      DOCUMENT_DRAFTING: baiyunFeeBearing('起草法律文书'),
      LITIGATION: baiyunFeeBearing('代理诉讼'),
      NON_LITIGATION: baiyunFeeBearing('非诉讼法律服务'),
      ARBITRATION: baiyunFeeBearing('仲裁活动'),
    },
    // 000 十二（二）: by phone or email.
    channels: ['PHONE', 'EMAIL'],
    // 000 十二（二）: the district justice bureau assigns a government legal adviser.
    counselRole: 'GOVERNMENT_LEGAL_ADVISER',
  },
  LIWAN_YINGCAI: {
    categories: {
      // 002 十（一）1（1）: answering civil and criminal questions; 十（一）2: in-depth consultation. Free.
      CONSULTATION: { free: true, personalOnly: false, note: '免费社区法律顾问服务（002 十（一）1（1）、2）' },
      CONTRACT_REVIEW: liwanFeeBearing('审查民事经济合同'),
      NON_LITIGATION: liwanFeeBearing('参与非诉讼活动'),
      LITIGATION: liwanFeeBearing('参与诉讼活动'),
      // 002 十（一）1（3）: help applying for legal aid, which the legal-aid office provides.
      LEGAL_AID_REFERRAL: { free: true, personalOnly: false, note: '免费协助申请法律援助（002 十（一）1（3））' },
      // 002 十（一）1（4）: taking part in mediation under the judicial office.
      MEDIATION: { free: true, personalOnly: false, note: '免费参与调解矛盾纠纷（002 十（一）1（4））' },
    },
    // 002 十（二）1: in person at a public legal service platform; 十（二）2: hotline, online or on-site.
    channels: ['IN_PERSON', 'PHONE', 'ONLINE'],
    // 002 十（二）: duty lawyers of the public legal service platforms.
    counselRole: 'LAWYER',
  },
};

/** 000 十二 and 002 十 grant a legal-adviser service; 003 and 004 grant none. */
export function legalServiceOffered(program: Program): boolean {
  return LEGAL_SERVICES[program] !== undefined;
}

export function offeredCategories(program: Program): LegalCategory[] {
  return Object.keys(LEGAL_SERVICES[program]?.categories ?? {}) as LegalCategory[];
}

export function offeredChannels(program: Program): readonly LegalChannel[] {
  return LEGAL_SERVICES[program]?.channels ?? [];
}

export function counselRoleFor(program: Program): CounselRole | null {
  return LEGAL_SERVICES[program]?.counselRole ?? null;
}

export interface LegalFee {
  free: boolean;
  feeBearing: boolean;
  feeNote: string;
}

export function legalFee(program: Program, category: LegalCategory, personalMatter: boolean): LegalFee {
  const terms = LEGAL_SERVICES[program]?.categories[category];
  if (!terms) {
    return { free: false, feeBearing: true, feeNote: '不在本卡法律顾问服务范围（not covered by this card’s legal service）' };
  }
  if (terms.personalOnly && !personalMatter) {
    return {
      free: false,
      feeBearing: true,
      feeNote: '非与持卡人有直接利害关系的个人法律事项，不属免费咨询范围，可协商收费（000 十二（三）1）',
    };
  }
  return { free: terms.free, feeBearing: !terms.free, feeNote: terms.note };
}

export interface LegalCounselRecord {
  name: string;
  role: CounselRole;
  office: string;
}

export interface LegalConsultationRecord {
  topic: string;
  category: LegalCategory;
  personalMatter: boolean;
  channel: LegalChannel;
  counsel: LegalCounselRecord | null;
  status: LegalStatus;
  requestedAt: Date;
  answeredAt: Date | null;
}

/** Still waiting on the department: no answer yet. */
export function isOpen(status: LegalStatus): boolean {
  return status === 'REQUESTED' || status === 'ASSIGNED';
}

/** Requested in `year` by the China Standard Time calendar. */
export function requestedInYear(consultation: Pick<LegalConsultationRecord, 'requestedAt'>, year: number): boolean {
  return Number(todayInChina(consultation.requestedAt).slice(0, 4)) === year;
}

/** null when `consultation` may be recorded for a holder of `program` as of `now`: the first violation, if any. */
export function legalConsultationViolation(program: Program, consultation: LegalConsultationRecord, now: Date): RuleViolation | null {
  return legalConsultationViolations(program, consultation, now)[0] ?? null;
}

/** Every rule `consultation` breaks, so the holder hears them all at once (一次性告知). */
export function legalConsultationViolations(program: Program, consultation: LegalConsultationRecord, now: Date): RuleViolation[] {
  const service = LEGAL_SERVICES[program];
  if (!service) {
    return [{ rule: 'NO_LEGAL_SERVICE', zh: '该人才卡项目不含法律顾问服务', en: 'this card program grants no legal-adviser service', source: '000 十二; 002 十' }];
  }
  const violations: RuleViolation[] = [];
  if (!service.categories[consultation.category]) {
    violations.push({ rule: 'CATEGORY_NOT_OFFERED', zh: '该类法律服务不在本卡服务范围内', en: 'this kind of legal service is not offered under this card', source: program === 'BAIYUN_YUNJU' ? '000 十二' : '002 十（一）' });
  }
  if (!service.channels.includes(consultation.channel)) {
    violations.push({ rule: 'CHANNEL', zh: '不支持该咨询方式', en: 'this channel is not offered under this card', source: program === 'BAIYUN_YUNJU' ? '000 十二（二）' : '002 十（二）' });
  }
  if (consultation.topic.trim() === '') {
    violations.push({ rule: 'TOPIC_REQUIRED', zh: '须说明咨询事项', en: 'a topic is required', source: '000 十二; 002 十' });
  }
  if (consultation.requestedAt > now) {
    violations.push({ rule: 'REQUESTED_IN_FUTURE', zh: '提出时间不能晚于现在', en: 'a consultation cannot be requested in the future', source: '000 十二; 002 十' });
  }
  if ((consultation.status === 'REQUESTED') !== (consultation.counsel === null)) {
    violations.push({ rule: 'COUNSEL', zh: '安排顾问后才能进入办理，已提出的咨询尚无顾问', en: 'counsel is set exactly when the consultation is past REQUESTED', source: '000 十二（二）; 002 十（二）' });
  }
  if (consultation.counsel && consultation.counsel.role !== service.counselRole) {
    violations.push(
      program === 'BAIYUN_YUNJU'
        ? { rule: 'COUNSEL_ROLE', zh: '由区司法局安排政府法律顾问答复', en: 'a government legal adviser answers Baiyun holders', source: '000 十二（二）' }
        : { rule: 'COUNSEL_ROLE', zh: '由公共法律服务平台律师提供服务', en: 'a lawyer of the public legal service platform serves Liwan holders', source: '002 十（二）' },
    );
  }
  const answered = consultation.status === 'ANSWERED' || consultation.status === 'CLOSED';
  if (answered !== (consultation.answeredAt !== null)) {
    violations.push({ rule: 'ANSWERED_AT', zh: '答复时间须与状态一致', en: 'answeredAt is set exactly when the consultation is answered or closed', source: '000 十二（二）（及时予以答复）' });
  }
  if (consultation.answeredAt && (consultation.answeredAt < consultation.requestedAt || consultation.answeredAt > now)) {
    violations.push({ rule: 'ANSWER_ORDER', zh: '答复时间须在提出之后、现在之前', en: 'answeredAt must lie between requestedAt and now', source: '000 十二（二）' });
  }
  return violations;
}

const STATUS_ZH: Record<LegalStatus, string> = { REQUESTED: '已提出', ASSIGNED: '已安排顾问', ANSWERED: '已答复', CLOSED: '已办结', WITHDRAWN: '已撤回' };

/** The steps staff take, and where each may start: 提出 → 安排顾问 → 答复 → 办结 (000 十二（二）; 002 十（二）). */
const TRANSITIONS: Record<'ASSIGNED' | 'ANSWERED' | 'CLOSED', { from: readonly LegalStatus[]; zh: string; en: string }> = {
  // A counsel may be assigned, or replaced, until the answer is given.
  ASSIGNED: { from: ['REQUESTED', 'ASSIGNED'], zh: '安排法律顾问', en: 'assign counsel' },
  // 000 十二（二）: 安排政府法律顾问及时予以答复 — the answer comes from the assigned counsel.
  ANSWERED: { from: ['ASSIGNED'], zh: '答复（须先安排顾问）', en: 'answer (counsel must be assigned first)' },
  CLOSED: { from: ['ANSWERED'], zh: '办结（须先答复）', en: 'close (it must be answered first)' },
};

export function legalTransitionViolations(status: LegalStatus, to: keyof typeof TRANSITIONS): RuleViolation[] {
  const step = TRANSITIONS[to];
  if (step.from.includes(status)) return [];
  return [{ rule: 'STATUS', zh: `该咨询${STATUS_ZH[status]}，不能${step.zh}`, en: `the consultation is ${status}; cannot ${step.en}`, source: '000 十二（二）; 002 十（二）' }];
}
