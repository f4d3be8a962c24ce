// Talents for the window's tests: known people, cards and family, written straight to the registry.
import type { Connection } from 'mongoose';
import { addDays } from '../../kit/dates';
import { registerTalentModels } from '../model';

export const BAIYUN = '64c000000000000000000001';
export const LIWAN = '64c000000000000000000002';
export const EXPIRED = '64c000000000000000000003';
export const TIANHE = '64c000000000000000000004';
export const SPOUSE = '64c0000000000000000000a1';
export const CHILD = '64c0000000000000000000a2';
export const PARENT = '64c0000000000000000000a3';
export const BAD_ID_CHILD = '64c0000000000000000000a4';

const card = (program: string, issuedOn: string, expiresOn: string, status = 'ACTIVE') => ({
  number: `${program.slice(0, 2)}-${issuedOn}`,
  program,
  kind: 'MAIN',
  holderName: '测试',
  relation: null,
  eligibilityCode: '001-3-4',
  issuedOn,
  expiresOn,
  status,
});

const person = (name: string, idNumber: string) => ({ name, idDocument: { type: 'RESIDENT_ID', number: idNumber } });

export async function insertTestTalents(connection: Connection, today: string): Promise<void> {
  const { Talent } = registerTalentModels(connection);
  const base = { gender: 'MALE', birthDate: '1984-06-18', nationality: '中国', phone: '13800138000', employer: '测试单位', position: '研发总监', degree: 'DOCTORATE', affiliatedCards: [] };
  const family = [
    { _id: SPOUSE, relation: 'SPOUSE', gender: 'FEMALE', birthDate: '1986-02-11', ...person('林晓燕', '440103198602112345') },
    { _id: CHILD, relation: 'CHILD', gender: 'MALE', birthDate: addDays(today, -4 * 365), ...person('陈子轩', '440111202201011235') },
    { _id: PARENT, relation: 'PARENT', gender: 'MALE', birthDate: '1950-03-03', ...person('陈国栋', '440111195003031232') },
    { _id: BAD_ID_CHILD, relation: 'CHILD', gender: 'FEMALE', birthDate: addDays(today, -8 * 365), ...person('陈雨涵', '440111201801011230') /* wrong check digit on purpose */ },
  ];
  await Talent.insertMany([
    { _id: BAIYUN, ...base, ...person('陈思远', '440111198406181239'), district: '白云区', program: 'BAIYUN_YUNJU', mainCard: card('BAIYUN_YUNJU', addDays(today, -400), addDays(today, 1400)), family },
    { _id: LIWAN, ...base, ...person('黄婷', '440103198801012224'), district: '荔湾区', program: 'LIWAN_YINGCAI', mainCard: card('LIWAN_YINGCAI', addDays(today, -30), addDays(today, 1700)), family: [] },
    { _id: EXPIRED, ...base, ...person('王磊', '440111197001011237'), district: '白云区', program: 'BAIYUN_YUNJU', mainCard: card('BAIYUN_YUNJU', addDays(today, -2000), addDays(today, -100)), family: [] },
    { _id: TIANHE, ...base, ...person('李明', '440106198001011230'), district: '天河区', program: 'GUANGZHOU_GREEN_CARD', mainCard: card('GUANGZHOU_GREEN_CARD', addDays(today, -200), addDays(today, 1600)), family },
  ]);
}
