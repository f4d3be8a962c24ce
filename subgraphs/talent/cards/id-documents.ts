// 有效的身份证明 (003 六（一）4): the ID document a person registers with, checked by its type.
// A mainland resident ID is checked as GB 11643-1999 defines it: 17 digits and a check digit (ISO
// 7064 MOD 11-2), the birth date in positions 7–14, the sex in position 17. Passports and the 港澳 /
// 台湾 permits are checked for their printed form; nothing more can be known at the window.
import type { RuleViolation } from '../../kit/problems';
// The check character is computed in one place, for the registry and its demo people alike.
import { residentIdCheckChar } from '../seed-people';

export type IdDocumentType = 'RESIDENT_ID' | 'PASSPORT' | 'HK_MACAO_PERMIT' | 'TAIWAN_PERMIT';

function isCalendarDay(day: string): boolean {
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

export interface IdDocumentFacts {
  type: IdDocumentType;
  number: string;
  birthDate: string;
  gender: 'MALE' | 'FEMALE';
}

const SOURCE_RESIDENT_ID = '003 六（一）4（3）；GB 11643-1999';
const SOURCE_FOREIGN = '003 六（一）4（1）（2）';

/** Every way the number breaks its type's form, each with its rule and clause. */
export function idDocumentViolations(document: IdDocumentFacts): RuleViolation[] {
  const number = document.number;
  if (document.type === 'RESIDENT_ID') return residentIdViolations(document);
  if (document.type === 'PASSPORT' && !/^[A-Z0-9]{5,20}$/.test(number)) {
    return [{ rule: 'PASSPORT_NUMBER_FORMAT', zh: '护照号码须为 5–20 位大写字母或数字', en: 'a passport number is 5–20 capital letters or digits', source: SOURCE_FOREIGN }];
  }
  // 港澳居民来往内地通行证: H (香港) or M (澳门) and 8 digits, older cards 10 digits.
  if (document.type === 'HK_MACAO_PERMIT' && !/^[HM](\d{8}|\d{10})$/.test(number)) {
    return [{ rule: 'HK_MACAO_PERMIT_FORMAT', zh: '港澳居民来往内地通行证号码须为 H 或 M 加 8 位（旧证 10 位）数字', en: 'an HK/Macao permit number is H or M and 8 (old cards 10) digits', source: '003 六（一）4（1）' }];
  }
  // 台湾居民来往大陆通行证: 8 digits, older cards 10 digits (with a letter for a reissue).
  if (document.type === 'TAIWAN_PERMIT' && !/^(\d{8}|\d{10}[A-Z]?)$/.test(number)) {
    return [{ rule: 'TAIWAN_PERMIT_FORMAT', zh: '台湾居民来往大陆通行证号码须为 8 位（旧证 10 位）数字', en: 'a Taiwan permit number is 8 (old cards 10) digits', source: '003 六（一）4（1）' }];
  }
  return [];
}

function residentIdViolations(document: IdDocumentFacts): RuleViolation[] {
  const number = document.number;
  if (!/^\d{17}[\dX]$/.test(number)) {
    return [{ rule: 'RESIDENT_ID_FORMAT', zh: '居民身份证号码须为 18 位：17 位数字加 1 位校验码（数字或 X）', en: 'a resident ID number is 17 digits and a check character (digit or X)', source: SOURCE_RESIDENT_ID }];
  }
  const violations: RuleViolation[] = [];
  if (residentIdCheckChar(number.slice(0, 17)) !== number[17]) {
    violations.push({ rule: 'RESIDENT_ID_CHECK_DIGIT', zh: '居民身份证号码校验码不正确', en: 'the check character of the resident ID number is wrong', source: SOURCE_RESIDENT_ID });
  }
  const birth = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (!isCalendarDay(birth) || birth !== document.birthDate) {
    violations.push({ rule: 'RESIDENT_ID_BIRTH_DATE', zh: `身份证号码中的出生日期（${birth}）与所填出生日期不一致`, en: 'the birth date inside the ID number differs from the birth date given', source: SOURCE_RESIDENT_ID });
  }
  const male = Number(number[16]) % 2 === 1;
  if (male !== (document.gender === 'MALE')) {
    violations.push({ rule: 'RESIDENT_ID_GENDER', zh: '身份证号码第 17 位所示性别与所填性别不一致', en: 'the sex digit of the ID number differs from the gender given', source: SOURCE_RESIDENT_ID });
  }
  return violations;
}
