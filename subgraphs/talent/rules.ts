// The window's card rules. Every rule names the seed clause it comes from.
import type { QueryFilter } from 'mongoose';
import type { TalentDoc } from './model';
import { addDays, lastDayOfTerm } from '../kit/dates';

export type StoredCardStatus = 'ACTIVE' | 'CONTACT_LIST' | 'REVOKED';
export type CardStatus = StoredCardStatus | 'EXPIRED';

/** 001 第六条: the card is managed for 5 years from issue; then its talent services lapse. */
export const MANAGEMENT_PERIOD_YEARS = 5;

export function managementPeriodEnd(issuedOn: string): string {
  return lastDayOfTerm(issuedOn, MANAGEMENT_PERIOD_YEARS);
}

/**
 * 003 六（三）3: 绿卡期满的，应当在期满前30日内…办理续期 — the 30 days before the period's end: the
 * anniversary of issue (the day after `expiresOn`) less 30 days, through `expiresOn` itself.
 */
export const RENEWAL_WINDOW_DAYS = 30;

export function renewalWindow(expiresOn: string): { opensOn: string; closesOn: string } {
  return { opensOn: addDays(expiresOn, 1 - RENEWAL_WINDOW_DAYS), closesOn: expiresOn };
}

/** 003 六（三）3 续期 with 001 第六条's 5 years: the new period runs from the day after the old one ends. */
export function renewedPeriodEnd(expiresOn: string): string {
  return managementPeriodEnd(addDays(expiresOn, 1));
}

/** What a main card's status is computed from (model.ts cardSchema). */
export interface MainCardFacts {
  status: string;
  expiresOn: string;
  /** 001 第六条（一）: the first day on the contact list (the month after the move); null while on the management list. */
  contactListFrom?: string | null;
}

/**
 * Status on a day. A revoked card stays revoked (001 第六条（二）, 003 九（三）); a card moved to the
 * contact list is ACTIVE until `contactListFrom` — the first day of the month after the move — and
 * CONTACT_LIST from it (001 第六条（一）: 人才服务功能从调整的次月开始终止); an active card past its
 * management period is expired (第六条). A retired holder's card keeps its status (第六条（三）).
 */
export function cardStatusOn(card: MainCardFacts, today: string): CardStatus {
  if (card.status === 'REVOKED' || card.status === 'CONTACT_LIST') return card.status;
  if (card.contactListFrom && card.contactListFrom <= today) return 'CONTACT_LIST';
  return card.expiresOn < today ? 'EXPIRED' : 'ACTIVE';
}

/**
 * 副卡 follow their main card (003 六（二）; 001 第六条): computed from the main card on the day, never
 * copied — it expires, moves to the contact list and is revoked with it. A 副卡 revoked on its own
 * (its stored status) stays revoked whatever the main card does.
 */
export function affiliatedCardStatusOn(ownStored: string, main: MainCardFacts, today: string): CardStatus {
  if (ownStored === 'REVOKED') return 'REVOKED';
  return cardStatusOn(main, today);
}

/** 001 第六条（一）: the first day of the month after `day` — the day talent services end on the contact list. */
export function firstDayOfNextMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** 003 九（三）: a fraudulent applicant and their unit lose the right to apply for 3 years from the finding. */
export const FRAUD_BAR_YEARS = 3;

export function fraudBarEndsOn(terminatedOn: string): string {
  return lastDayOfTerm(terminatedOn, FRAUD_BAR_YEARS);
}

/** Not (yet) on the contact list on `today`: no date, or a date still to come. */
const beforeContactList = (today: string): QueryFilter<TalentDoc> => ({ $or: [{ 'mainCard.contactListFrom': null }, { 'mainCard.contactListFrom': { $gt: today } }] });

/** The MongoDB condition on a talent's main card for a status asked for on `today` (the same as cardStatusOn). */
export function mainCardStatusFilter(status: CardStatus, today: string): QueryFilter<TalentDoc> {
  if (status === 'ACTIVE') return { $and: [{ 'mainCard.status': 'ACTIVE', 'mainCard.expiresOn': { $gte: today } }, beforeContactList(today)] };
  if (status === 'EXPIRED') return { $and: [{ 'mainCard.status': 'ACTIVE', 'mainCard.expiresOn': { $lt: today } }, beforeContactList(today)] };
  if (status === 'CONTACT_LIST') return { $or: [{ 'mainCard.status': 'CONTACT_LIST' }, { 'mainCard.status': 'ACTIVE', 'mainCard.contactListFrom': { $lte: today } }] };
  return { 'mainCard.status': status };
}

export interface EligibilityCategory {
  code: string;
  label: string;
  source: string;
}

/** 申领条件: the categories under which each program issues its card. */
export const ELIGIBILITY_CATEGORIES: readonly EligibilityCategory[] = [
  { code: '001-3-1', label: '中国科学院或中国工程院院士', source: '001 第三条第1项' },
  { code: '001-3-2', label: '中央人才办重点人才工程入选者、享受国务院政府特殊津贴人员', source: '001 第三条第2项' },
  { code: '001-3-3', label: '省级人才工程入选者（珠江人才计划等）', source: '001 第三条第3项' },
  { code: '001-3-4', label: '市级人才工程入选者（广州市杰出专家、优秀专家等）', source: '001 第三条第4项' },
  { code: '001-3-5', label: '区产业领军人才', source: '001 第三条第5项' },
  { code: '001-3-6', label: '世界500强企业主要负责人', source: '001 第三条第6项' },
  { code: '001-3-7', label: '区库年税收超过2000万企业等主要负责人', source: '001 第三条第7项' },
  { code: '001-3-8', label: '在站及出站留区工作的博士后', source: '001 第三条第8项' },
  { code: '001-3-9', label: '经区人才工作领导小组认定的其他人才', source: '001 第三条第9项' },
  { code: '002-yingcai', label: '荔湾区认定的高层次人才', source: '002（荔湾英才卡服务指南）' },
  { code: '003-3-1', label: '经广州市认定或审核确认的高层次、高技能人才', source: '003 三（一）' },
  { code: '003-3-2', label: '海外高层次人才', source: '003 三（二）' },
  { code: '003-3-3', label: '正高级专业技术资格并从业10年以上的专家', source: '003 三（三）' },
  { code: '003-3-4', label: '博士，或双一流大学、全球前500名境外大学硕士', source: '003 三（四）' },
  { code: '003-3-5', label: '紧缺工种高级技师', source: '003 三（五）' },
  { code: '003-3-6', label: '持外国专家证或外国人工作许可证（A类）的高端外籍人才', source: '003 三（六）' },
  { code: '003-3-7', label: '年薪60万元以上且年缴个税12万元以上的港澳台及外籍人员', source: '003 三（七）' },
  { code: '003-3-8', label: '经认定具有特殊技能或专长的人才', source: '003 三（八）' },
  { code: '003-3-9', label: '获天河区人才扶持奖励政策支持的高层次人才', source: '003 三（九）' },
  { code: '003-3-10', label: '天河区重点项目或企业高级管理人员', source: '003 三（十）' },
  { code: '004-4-3', label: '国家、省、市人才计划入选专家（千人计划、百人计划、黄鹤英才计划等）', source: '004 第四条第3项' },
  { code: '004-4-4', label: '经认定的其他高层次人才和优秀企业家', source: '004 第四条第4项' },
  { code: '003-6-2', label: '人才绿卡副卡（随行家属）', source: '003 六（二）' },
];

const BY_CODE = new Map(ELIGIBILITY_CATEGORIES.map((category) => [category.code, category]));

export function eligibilityCategory(code: string): EligibilityCategory {
  return BY_CODE.get(code) ?? { code, label: code, source: '—' };
}

export function eligibilityCodesFor(program: string): string[] {
  const prefix = { BAIYUN_YUNJU: '001-3-', LIWAN_YINGCAI: '002-', GUANGZHOU_GREEN_CARD: '003-3-', WUHAN_GREEN_CHANNEL: '004-4-' }[program];
  return ELIGIBILITY_CATEGORIES.filter((category) => prefix && category.code.startsWith(prefix)).map((category) => category.code);
}
