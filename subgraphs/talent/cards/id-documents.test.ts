// 003 六（一）4 and GB 11643-1999: each ID document type is checked for its own form.
import { describe, expect, it } from 'vitest';
import { idDocumentViolations } from './id-documents';
import { residentIdCheckChar } from '../seed-people';

const rules = (type: Parameters<typeof idDocumentViolations>[0]['type'], number: string, birthDate = '1985-03-07', gender: 'MALE' | 'FEMALE' = 'MALE') =>
  idDocumentViolations({ type, number, birthDate, gender }).map((violation) => violation.rule);

describe('resident ID (GB 11643-1999)', () => {
  it('computes the check character of the standard example', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44010619850307123')).toBe('3');
  });
  it('knows every check character (values worked out apart from this code)', () => {
    const numbers = ['440106198503071006', '440106198503071014', '440106198503071022', '440106198503071030', '440106198503071049', '440106198503071057', '440106198503071065', '440106198503071073', '440106198503071081', '44010619850307109X', '440106198503071188'];
    expect(numbers.map((number) => residentIdCheckChar(number.slice(0, 17)))).toEqual(numbers.map((number) => number[17]));
  });
  it('accepts a number whose check digit, birth date and sex agree', () => {
    expect(rules('RESIDENT_ID', '110105194912310021'.slice(0, 17) + 'X', '1949-12-31', 'FEMALE')).toEqual([]);
    expect(rules('RESIDENT_ID', '440106198503071233')).toEqual([]);
  });
  it('refuses a wrong check digit, a birth date that differs, and the wrong sex — all at once', () => {
    expect(rules('RESIDENT_ID', '440106198503071234')).toEqual(['RESIDENT_ID_CHECK_DIGIT']);
    expect(rules('RESIDENT_ID', '440106198503071233', '1985-03-08')).toEqual(['RESIDENT_ID_BIRTH_DATE']);
    expect(rules('RESIDENT_ID', '440106198503071233', '1985-03-07', 'FEMALE')).toEqual(['RESIDENT_ID_GENDER']);
    expect(rules('RESIDENT_ID', '440106198503071230', '1985-03-08', 'FEMALE')).toEqual(['RESIDENT_ID_CHECK_DIGIT', 'RESIDENT_ID_BIRTH_DATE', 'RESIDENT_ID_GENDER']);
  });
  it('refuses the wrong length or characters', () => {
    expect(rules('RESIDENT_ID', '44010619850307123')).toEqual(['RESIDENT_ID_FORMAT']);
    expect(rules('RESIDENT_ID', '44010619850307123x')).toEqual(['RESIDENT_ID_FORMAT']);
  });
});

describe('passports and permits, by type', () => {
  it('checks a passport number', () => {
    expect(rules('PASSPORT', 'E12345678')).toEqual([]);
    expect(rules('PASSPORT', 'e1234')).toEqual(['PASSPORT_NUMBER_FORMAT']);
  });
  it('checks an HK/Macao permit: H or M and 8 or 10 digits', () => {
    expect(rules('HK_MACAO_PERMIT', 'H12345678')).toEqual([]);
    expect(rules('HK_MACAO_PERMIT', 'M1234567890')).toEqual([]);
    expect(rules('HK_MACAO_PERMIT', 'T12345678')).toEqual(['HK_MACAO_PERMIT_FORMAT']);
  });
  it('checks a Taiwan permit: 8 or 10 digits', () => {
    expect(rules('TAIWAN_PERMIT', '12345678')).toEqual([]);
    expect(rules('TAIWAN_PERMIT', 'H12345678')).toEqual(['TAIWAN_PERMIT_FORMAT']);
  });
});
