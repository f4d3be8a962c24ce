// Realistic people for demo data: Chinese names, resident ID numbers with valid check digits.
import type { Gender } from '../kit/seed';
import type { SeededRandom } from '../kit/seed-random';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '萧', '田', '董', '潘', '袁', '蔡', '蒋', '余', '叶', '杜', '苏', '魏', '程', '吕', '丁', '沈', '任', '姚', '卢', '钟', '欧阳', '司徒'];
const GIVEN_MALE = ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '浩然', '子轩', '宇航', '志强', '建华', '国栋', '文博', '俊杰', '嘉豪', '立新', '振宇', '晓东', '海涛', '鹏飞', '思远'];
const GIVEN_FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '婷', '雪', '慧', '颖', '雨涵', '欣怡', '梓涵', '诗琪', '晓燕', '丽华', '婉清', '佳怡', '秀英', '海燕', '思琪', '文静', '玉兰', '美玲', '若溪'];

/** Region codes (GB/T 2260) of the districts the programs serve and of common home provinces. */
const REGION_CODES = ['440111', '440103', '440106', '420111', '420103', '430102', '360102', '350102', '510104', '610113', '320106', '330106', '370102', '410105', '450103'];

export function personName(random: SeededRandom, gender: Gender, surname?: string): string {
  return (surname ?? random.pick(SURNAMES)) + random.pick(gender === 'MALE' ? GIVEN_MALE : GIVEN_FEMALE);
}

export function surnameOf(name: string): string {
  return name.startsWith('欧阳') || name.startsWith('司徒') ? name.slice(0, 2) : name.slice(0, 1);
}

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** GB 11643 check character for the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * CHECK_WEIGHTS[index], 0);
  return CHECK_CHARS[sum % 11];
}

export function isValidResidentId(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && residentIdCheckChar(value.slice(0, 17)) === value[17];
}

export function residentIdNumber(random: SeededRandom, birthDate: string, gender: Gender): string {
  const sequence = random.int(0, 49) * 2 + (gender === 'MALE' ? 1 : 0); // odd for men, even for women
  const first17 = random.pick(REGION_CODES) + birthDate.replaceAll('-', '') + String(random.int(10, 99)) + String(sequence % 10);
  return first17 + residentIdCheckChar(first17);
}

export function mobilePhone(random: SeededRandom): string {
  return `1${random.pick(['35', '38', '39', '50', '58', '59', '86', '88', '36', '77'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** A date `years` (and some days) before `today`, as YYYY-MM-DD. */
export function dateYearsBefore(random: SeededRandom, today: string, minYears: number, maxYears: number): string {
  const base = new Date(`${today}T00:00:00Z`);
  const days = random.int(Math.round(minYears * 365.25), Math.round(maxYears * 365.25));
  base.setUTCDate(base.getUTCDate() - days);
  return base.toISOString().slice(0, 10);
}
