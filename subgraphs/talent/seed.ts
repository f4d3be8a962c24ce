// Demo talents: the generator every department's seed builds on (scripts/seed.ts runs it).
// Programs, eligibility and 副卡 follow the seeds: 副卡 only for the Guangzhou green card,
// only after the main card has been held a year, only for spouse, minor children, parents
// and the spouse's parents (003 四（二）, 六（二）); cards are managed for 5 years (001 第六条).
import type { Connection } from 'mongoose';
import { type DepartmentSeeder, type FamilyRelation, type Gender, type SeedFamilyMember, type SeedTalent, insertInBatches } from '../kit/seed';
import { seededObjectId, type SeededRandom } from '../kit/seed-random';
import { PROGRAMS, type Program } from '../kit/programs';
import { ageOn } from '../kit/dates';
import { registerTalentModels } from './model';
import { eligibilityCodesFor, managementPeriodEnd } from './rules';
import { dateYearsBefore, mobilePhone, personName, residentIdNumber, surnameOf } from './seed-people';
import { seedCardApplications, withCardLife } from './cards/seed';
import { seedDemoCases } from './cases/demo-seed';
import { loadWorkingCalendar } from '../kit/working-days';

/** Talent ids are deterministic: the n-th demo talent has the same id on every machine. */
export const TALENT_ID_NAMESPACE = 0x7a1e47;

const DISTRICTS: Record<Program, readonly string[]> = {
  BAIYUN_YUNJU: ['白云区'],
  LIWAN_YINGCAI: ['荔湾区'],
  GUANGZHOU_GREEN_CARD: ['天河区'],
  WUHAN_GREEN_CHANNEL: ['洪山区', '江汉区', '武昌区', '东湖新技术开发区'],
};
const CARD_PREFIX: Record<Program, string> = {
  BAIYUN_YUNJU: 'BY',
  LIWAN_YINGCAI: 'LW',
  GUANGZHOU_GREEN_CARD: 'GZLK',
  WUHAN_GREEN_CHANNEL: 'WHLS',
};
const EMPLOYERS: Record<Program, readonly string[]> = {
  BAIYUN_YUNJU: ['广州白云电器设备股份有限公司', '南方医科大学南方医院白云分院', '广州白云山医药集团', '白云区人工智能产业园', '广州空港航空物流有限公司'],
  LIWAN_YINGCAI: ['荔湾中心医院', '广州岭南文化创意有限公司', '荔湾区白鹅潭金融科技公司', '广州花地生物医药研究院'],
  GUANGZHOU_GREEN_CARD: ['天河软件园云计算有限公司', '广州国际金融中心投资公司', '暨南大学', '华南理工大学', '天河智慧城半导体有限公司', '珠江新城量子科技有限公司'],
  WUHAN_GREEN_CHANNEL: ['华中科技大学', '武汉大学', '光谷光电子研究院', '武汉长江存储科技', '东湖激光装备有限公司'],
};
const POSITIONS = ['首席科学家', '研发总监', '总经理', '主任医师', '教授', '高级工程师', '技术负责人', '博士后研究员', '副总裁'];
const NATIONALITIES = ['中国', '中国', '中国', '中国', '中国', '中国香港', '中国台湾', '新加坡', '美国', '德国'];

export function generateTalents(count: number, random: SeededRandom, today: string): SeedTalent[] {
  return Array.from({ length: count }, (_, index) => generateTalent(index, random.fork(`talent-${index}`), today));
}

function generateTalent(index: number, random: SeededRandom, today: string): SeedTalent {
  const program = PROGRAMS[index % PROGRAMS.length];
  const gender: Gender = random.chance(0.62) ? 'MALE' : 'FEMALE';
  const birthDate = dateYearsBefore(random, today, 30, 58);
  const name = personName(random, gender);
  // Most cards are within their 5-year period; some have lapsed, a few left the management list.
  const cardIssuedOn = dateYearsBefore(random, today, 0.1, random.chance(0.12) ? 6.5 : 4.8);
  const roll = random.next();
  const cardStatus = roll < 0.05 ? 'REVOKED' : roll < 0.12 ? 'CONTACT_LIST' : 'ACTIVE';
  return {
    id: seededObjectId(TALENT_ID_NAMESPACE, index + 1),
    name,
    gender,
    birthDate,
    idNumber: residentIdNumber(random, birthDate, gender),
    program,
    district: random.pick(DISTRICTS[program]),
    phone: mobilePhone(random),
    employer: random.pick(EMPLOYERS[program]),
    cardIssuedOn,
    cardExpiresOn: managementPeriodEnd(cardIssuedOn),
    cardStatus,
    family: generateFamily(random, name, gender, birthDate, today),
  };
}

function generateFamily(random: SeededRandom, holderName: string, holderGender: Gender, holderBirth: string, today: string): SeedFamilyMember[] {
  const family: SeedFamilyMember[] = [];
  const member = (relation: FamilyRelation, gender: Gender, birthDate: string, surname?: string) => {
    family.push({ relation, gender, birthDate, name: personName(random, gender, surname), idNumber: residentIdNumber(random, birthDate, gender) });
  };
  const holderAge = ageOn(holderBirth, today);
  if (random.chance(0.85)) {
    member('SPOUSE', holderGender === 'MALE' ? 'FEMALE' : 'MALE', dateYearsBefore(random, today, holderAge - 4, holderAge + 3));
    const children = random.pick([0, 1, 1, 2, 2, 3]);
    for (let child = 0; child < children; child += 1) {
      const maxAge = Math.max(1, Math.min(24, holderAge - 24));
      member('CHILD', random.chance(0.5) ? 'MALE' : 'FEMALE', dateYearsBefore(random, today, 0.5, maxAge), surnameOf(holderName));
    }
  }
  if (random.chance(0.3)) member('PARENT', random.chance(0.5) ? 'MALE' : 'FEMALE', dateYearsBefore(random, today, holderAge + 22, holderAge + 35), surnameOf(holderName));
  return family;
}

/** 003 六（二）: who may hold a 副卡; 003 四（二）: only once the main card is a year old. */
export function mayHoldAffiliatedCard(talent: SeedTalent, member: SeedFamilyMember, today: string): boolean {
  if (talent.program !== 'GUANGZHOU_GREEN_CARD') return false;
  if (ageOn(talent.cardIssuedOn, today) < 1) return false;
  return member.relation !== 'CHILD' || ageOn(member.birthDate, today) < 18;
}

export const seedTalents: DepartmentSeeder = async (connection: Connection, talents, random, today) => {
  const { Talent } = registerTalentModels(connection);
  const records = talents.map((talent, index) => {
    const talentRandom = random.fork(`talent-record-${talent.id}`);
    const eligibility = talentRandom.pick(eligibilityCodesFor(talent.program));
    const serial = (seq: number) => `${CARD_PREFIX[talent.program]}-${talent.cardIssuedOn.slice(0, 4)}-${String(index + 1).padStart(6, '0')}${seq === 0 ? '' : `-${seq}`}`;
    let affiliated = 0;
    const family = talent.family.map((member) => {
      const withCard = mayHoldAffiliatedCard(talent, member, today) && talentRandom.chance(0.7);
      return {
        name: member.name,
        relation: member.relation,
        gender: member.gender,
        birthDate: member.birthDate,
        idDocument: { type: 'RESIDENT_ID', number: member.idNumber },
        cardNumber: withCard ? serial((affiliated += 1)) : null,
      };
    });
    const affiliatedIssuedOn = (() => {
      const day = new Date(`${talent.cardIssuedOn}T00:00:00Z`);
      day.setUTCFullYear(day.getUTCFullYear() + 1);
      return day.toISOString().slice(0, 10);
    })();
    return {
      _id: talent.id,
      name: talent.name,
      nameEn: null,
      gender: talent.gender,
      birthDate: talent.birthDate,
      nationality: talentRandom.pick(NATIONALITIES),
      idDocument: { type: 'RESIDENT_ID', number: talent.idNumber },
      phone: talent.phone,
      employer: talent.employer,
      position: talentRandom.pick(POSITIONS),
      degree: talentRandom.pick(['DOCTORATE', 'DOCTORATE', 'MASTER', 'BACHELOR']),
      district: talent.district,
      program: talent.program,
      mainCard: {
        number: serial(0),
        program: talent.program,
        kind: 'MAIN',
        holderName: talent.name,
        relation: null,
        eligibilityCode: eligibility,
        issuedOn: talent.cardIssuedOn,
        expiresOn: talent.cardExpiresOn,
        status: talent.cardStatus,
      },
      affiliatedCards: family
        .filter((member) => member.cardNumber)
        .map((member) => ({
          number: member.cardNumber!,
          program: talent.program,
          kind: 'AFFILIATED',
          holderName: member.name,
          relation: member.relation,
          eligibilityCode: '003-6-2',
          issuedOn: affiliatedIssuedOn,
          // A 副卡 follows its main card: it lapses with it.
          expiresOn: talent.cardExpiresOn,
          status: talent.cardStatus,
        })),
      family,
    };
  });
  // 补办, 续办, 变更, 考核, 联系名单 from next month, retirement, termination grounds (cards/seed.ts).
  const documents = withCardLife(records, today);
  await insertInBatches(Talent, documents);
  // Card applications in every stage (cards/seed.ts), from a generator of their own: the talents above do not move.
  const applications = await seedCardApplications(connection, random.fork('card-applications'), today, Math.max(12, Math.floor(talents.length / 20)));
  // Demo cases in every state and department (cases/demo-plan.ts); the departments write their tasks from the same plan.
  const cases = await seedDemoCases(connection, talents, today, loadWorkingCalendar());
  return documents.length + applications + cases;
};
