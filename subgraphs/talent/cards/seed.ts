// Demo card applications, so a coordinator opening the graph sees the window's card work: people
// registered and applications at every stage of the three programs the window takes (stages.ts), some past their limit
// (督办), one returned for materials (003 七（二）) and one refused. Written straight as the stored
// state the mutations would have left; deterministic from the seed like the talents.
import type { Connection } from 'mongoose';
import { addDays, ageOn } from '../../kit/dates';
import { firstDayOfNextMonth } from '../rules';
import { seededObjectId, type SeededRandom } from '../../kit/seed-random';
import { insertInBatches } from '../../kit/seed';
import { loadWorkingCalendar } from '../../kit/working-days';
import { dateYearsBefore, mobilePhone, personName, residentIdNumber } from '../seed-people';
import { openClaimOf } from './apply';
import { cardMaterialsFor } from './materials';
import { registerCardLifeModels, type CardStepDoc } from './model';
import { stagesOf, type CardProgramCode } from './stages';

/** Registered people's ids are deterministic and apart from the talents' (seed.ts TALENT_ID_NAMESPACE). */
export const PERSON_ID_NAMESPACE = 0x9e2501;
const APPLICATION_ID_NAMESPACE = 0x9e2502;
const EMPLOYERS: Record<CardProgramCode, readonly string[]> = {
  GUANGZHOU_GREEN_CARD: ['天河软件园云计算有限公司', '珠江新城量子科技有限公司', '暨南大学'],
  BAIYUN_YUNJU: ['广州白云电器设备股份有限公司', '白云区人工智能产业园'],
  WUHAN_GREEN_CHANNEL: ['武汉光谷光电子有限公司', '华中科技大学'],
};
const DISTRICT: Record<CardProgramCode, string> = { GUANGZHOU_GREEN_CARD: '天河区', BAIYUN_YUNJU: '白云区', WUHAN_GREEN_CHANNEL: '洪山区' };
const PREFIX: Record<CardProgramCode, string> = { GUANGZHOU_GREEN_CARD: 'GZLK', BAIYUN_YUNJU: 'BY', WUHAN_GREEN_CHANNEL: 'WHLS' };
const PROGRAMS: readonly CardProgramCode[] = ['GUANGZHOU_GREEN_CARD', 'BAIYUN_YUNJU', 'WUHAN_GREEN_CHANNEL'];
const CATEGORY: Record<CardProgramCode, { category: string; facts: Record<string, unknown> }> = {
  GUANGZHOU_GREEN_CARD: { category: '003-3-4', facts: { monthsWorkedPerYear: 12, guangzhouHukou: false, degreeRoute: 'DOCTORATE' } },
  BAIYUN_YUNJU: { category: '001-3-8', facts: { monthsWorkedPerYear: 10, employerOperatingYears: 3 } },
  WUHAN_GREEN_CHANNEL: { category: '004-4-3', facts: {} },
};

export async function seedCardApplications(connection: Connection, random: SeededRandom, today: string, count: number): Promise<number> {
  const { Person, CardApplication } = registerCardLifeModels(connection);
  const calendar = loadWorkingCalendar();
  const people = [];
  const applications = [];
  for (let index = 0; index < count; index += 1) {
    const program = PROGRAMS[index % PROGRAMS.length];
    const stages = stagesOf(program);
    const stageIndex = Math.floor(index / PROGRAMS.length) % stages.length;
    const stage = stages[stageIndex];
    const gender = random.chance(0.6) ? 'MALE' : 'FEMALE';
    const birthDate = dateYearsBefore(random, today, 28, 50);
    const personId = seededObjectId(PERSON_ID_NAMESPACE, index + 1);
    const name = personName(random, gender);
    const employer = random.pick(EMPLOYERS[program]);
    // Every fourth application has waited past its stage's limit: it is on the 督办 list.
    const overdue = index % 4 === 2;
    const enteredOn = addDays(today, overdue ? -40 : -random.int(0, 2));
    const submittedOn = addDays(enteredOn, -2 * stageIndex - 1);
    const status = index === 4 && stage.mayReturn ? 'RETURNED' : index === 3 ? 'REFUSED' : 'IN_PROGRESS';
    people.push({
      _id: personId, requestKey: `demo-person-${index + 1}`, fingerprint: 'demo', name, nameEn: null, gender, birthDate, nationality: '中国',
      idDocument: { type: 'RESIDENT_ID', number: residentIdNumber(random, birthDate, gender) }, phone: mobilePhone(random), employer, position: '研发总监',
      degree: 'DOCTORATE', district: DISTRICT[program], family: [], registeredBy: index % 2 === 0 ? 'SELF' : 'WINDOW', registeredAt: new Date(`${submittedOn}T02:00:00Z`),
    });
    const timeline: CardStepDoc[] = [
      { at: new Date(`${submittedOn}T02:00:00Z`), stage: 'APPLICATION', round: 1, decision: 'SUBMITTED', actor: name, recordedBy: 'demo', note: '申报', dueOn: null },
      ...stages.slice(0, stageIndex).map((earlier, step) => ({ at: new Date(`${addDays(submittedOn, 2 * step + 1)}T03:00:00Z`), stage: earlier.stage, round: 1, decision: 'APPROVED' as const, actor: earlier.authority, recordedBy: 'demo', note: `${earlier.zh}通过`, dueOn: null })),
    ];
    if (status !== 'IN_PROGRESS') timeline.push({ at: new Date(`${today}T01:00:00Z`), stage: stage.stage, round: 1, decision: status === 'RETURNED' ? 'RETURNED' : 'REFUSED', actor: stage.authority, recordedBy: 'demo', note: status === 'RETURNED' ? '退案，请补充聘用合同' : '不予认定：材料存疑', dueOn: null });
    const applicationId = seededObjectId(APPLICATION_ID_NAMESPACE, index + 1);
    const made = stages.slice(0, stageIndex).some((earlier) => earlier.makesCard);
    applications.push({
      _id: applicationId, requestKey: `demo-application-${index + 1}`, fingerprint: 'demo', personId, program, category: CATEGORY[program].category, subItem: null,
      facts: CATEGORY[program].facts, materials: cardMaterialsFor({ program, category: CATEGORY[program].category, idDocumentType: 'RESIDENT_ID' }).map((need) => need.code),
      employer: { confirmed: true, unit: employer, contactName: '人事部' }, status, stage: stage.stage, round: 1, stageStartedOn: enteredOn,
      stageDueOn: calendar.addWorkingDays(enteredOn, stage.limitWorkingDays), materialsToSupply: status === 'RETURNED' ? ['EMPLOYMENT_CONTRACT'] : [],
      // Demo serials sit below the window's own (issue.ts starts at 800001), so they never meet.
      cardNumber: made ? `${PREFIX[program]}-${today.slice(0, 4)}-${String(790_001 + index).padStart(6, '0')}` : null,
      talentId: null, openClaim: status === 'REFUSED' ? openClaimOf(personId, program, applicationId) : openClaimOf(personId, program),
      submittedAt: new Date(`${submittedOn}T02:00:00Z`), timeline, version: timeline.length,
    });
  }
  await insertInBatches(Person, people);
  await insertInBatches(CardApplication, applications);
  return people.length + applications.length;
}

/** The part of a demo holder's record that the card's own life writes (model.ts). */
export interface DemoHolderCard {
  program: string;
  employer: string;
  district: string;
  mainCard: { number: string; issuedOn: string; expiresOn: string; status: string } & Record<string, unknown>;
  cardChanges?: unknown[];
  cardHistory?: unknown[];
  assessments?: unknown[];
}

/**
 * Demo holders with a card life behind them, as the mutations would have left them (every 7th or
 * so, deterministic by position): a 补办 with its revoked number and a 续办 with its earlier period
 * (003 六（三）2、3), a change of employer reported in time and one reported late (六（三）1), the
 * employer's assessment (001 第六条), a move to the 联系名单 that takes effect on the first day of next
 * month (第六条（一）), a retirement (（三）), and the ground of each revoked card (（二）, 003 九（三））.
 * The card numbers and periods the departments' demo data know are left as they are.
 */
export function withCardLife<T extends DemoHolderCard>(holders: T[], today: string): T[] {
  return holders.map((holder, index) => {
    const card = holder.mainCard;
    const life: Partial<DemoHolderCard> & { mainCard: DemoHolderCard['mainCard'] } = { mainCard: { ...card } };
    const active = card.status === 'ACTIVE' && card.expiresOn >= today;
    if (active && index % 7 === 1) {
      // 补办: the number the holder first had was revoked; the card they hold now replaced it.
      const lostOn = addDays(card.issuedOn, 200 + (index % 90));
      if (lostOn < today) {
        life.cardHistory = [{ event: 'REISSUED', number: `${card.number.slice(0, card.number.lastIndexOf('-'))}-7${card.number.slice(-5)}`, expiresOn: card.expiresOn, recordedOn: lostOn, reason: index % 2 ? 'LOST' : 'DAMAGED', note: index % 2 ? '卡片遗失，已登报声明' : '卡片磨损无法读取', requestKey: `demo-reissue-${index}`, recordedBy: 'demo' }];
      }
    }
    if (active && holder.program === 'GUANGZHOU_GREEN_CARD' && index % 7 === 3) {
      // 续办 (003 六（三）3): the period the generator gave is the renewed one; the first ended the day before it began.
      const previousEnd = addDays(card.issuedOn, -1);
      life.mainCard.issuedOn = yearsBefore(card.issuedOn, 5);
      life.cardHistory = [{ event: 'RENEWED', number: card.number, expiresOn: previousEnd, recordedOn: addDays(previousEnd, -12), reason: null, note: null, requestKey: `demo-renew-${index}`, recordedBy: 'demo' }];
    }
    if (active && index % 7 === 5) {
      const changedOn = addDays(today, -45 - (index % 30));
      const late = index % 2 === 0;
      const reportedOn = addDays(changedOn, late ? 41 : 9);
      life.cardChanges = [{ kind: 'EMPLOYER', value: holder.employer, previous: '原工作单位（演示）', changedOn, reportedOn, late, recordedBy: 'demo' }];
    }
    if (active && ageOn(card.issuedOn, today) >= 2 && index % 5 === 0) {
      life.assessments = [{ assessedOn: addDays(card.issuedOn, 730), result: index % 35 === 0 ? 'FAILED' : 'PASSED', note: '单位两年考核', recordedBy: 'demo', recordedAt: new Date(`${addDays(card.issuedOn, 731)}T02:00:00Z`) }];
    }
    if (active && index % 23 === 6) {
      life.mainCard.contactListFrom = firstDayOfNextMonth(today);
      life.mainCard.contactListReason = '工作变动，不再符合发放条件（演示）';
    }
    if (active && index % 29 === 8) life.mainCard.retiredOn = addDays(today, -60);
    if (card.status === 'CONTACT_LIST') {
      life.mainCard.contactListFrom = firstDayOfNextMonth(addDays(card.issuedOn, 400));
      life.mainCard.contactListReason = '职务调整，转为联系名单（演示）';
    }
    if (card.status === 'REVOKED') {
      const fraud = index % 3 === 0;
      life.mainCard.terminatedOn = addDays(today, -30 - (index % 400));
      life.mainCard.terminationGround = fraud ? 'FRAUD' : 'CRIME';
      life.mainCard.terminationReason = fraud ? '申报材料弄虚作假（演示）' : '触犯国家法律法规（演示）';
      life.mainCard.terminationUnit = fraud ? holder.employer : null;
    }
    return { ...holder, ...life };
  });
}

function yearsBefore(day: string, years: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
}
