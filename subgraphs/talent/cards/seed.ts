// Demo card applications, so a coordinator opening the graph sees the window's card work: people
// registered and applications at every stage of both programs (stages.ts), some past their limit
// (督办), one returned for materials (003 七（二）) and one refused. Written straight as the stored
// state the mutations would have left; deterministic from the seed like the talents.
import type { Connection } from 'mongoose';
import { addDays } from '../../kit/dates';
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
};
const CATEGORY: Record<CardProgramCode, { category: string; facts: Record<string, unknown> }> = {
  GUANGZHOU_GREEN_CARD: { category: '003-3-4', facts: { monthsWorkedPerYear: 12, guangzhouHukou: false, degreeRoute: 'DOCTORATE' } },
  BAIYUN_YUNJU: { category: '001-3-8', facts: { monthsWorkedPerYear: 10, employerOperatingYears: 3 } },
};

export async function seedCardApplications(connection: Connection, random: SeededRandom, today: string, count: number): Promise<number> {
  const { Person, CardApplication } = registerCardLifeModels(connection);
  const calendar = loadWorkingCalendar();
  const people = [];
  const applications = [];
  for (let index = 0; index < count; index += 1) {
    const program: CardProgramCode = index % 2 === 0 ? 'GUANGZHOU_GREEN_CARD' : 'BAIYUN_YUNJU';
    const stages = stagesOf(program);
    const stageIndex = Math.floor(index / 2) % stages.length;
    const stage = stages[stageIndex];
    const gender = random.chance(0.6) ? 'MALE' : 'FEMALE';
    const birthDate = dateYearsBefore(random, today, 28, 50);
    const personId = seededObjectId(PERSON_ID_NAMESPACE, index + 1);
    const name = personName(random, gender);
    const employer = random.pick(EMPLOYERS[program]);
    // Every third application has waited past its stage's limit: it is on the 督办 list.
    const overdue = index % 3 === 2;
    const enteredOn = addDays(today, overdue ? -40 : -random.int(0, 2));
    const submittedOn = addDays(enteredOn, -2 * stageIndex - 1);
    const status = index === 4 && stage.mayReturn ? 'RETURNED' : index === 3 ? 'REFUSED' : 'IN_PROGRESS';
    people.push({
      _id: personId, requestKey: `demo-person-${index + 1}`, fingerprint: 'demo', name, nameEn: null, gender, birthDate, nationality: '中国',
      idDocument: { type: 'RESIDENT_ID', number: residentIdNumber(random, birthDate, gender) }, phone: mobilePhone(random), employer, position: '研发总监',
      degree: 'DOCTORATE', district: program === 'BAIYUN_YUNJU' ? '白云区' : '天河区', family: [], registeredBy: index % 2 === 0 ? 'SELF' : 'WINDOW', registeredAt: new Date(`${submittedOn}T02:00:00Z`),
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
      cardNumber: made ? `${program === 'BAIYUN_YUNJU' ? 'BY' : 'GZLK'}-${today.slice(0, 4)}-${String(790_001 + index).padStart(6, '0')}` : null,
      talentId: null, openClaim: status === 'REFUSED' ? openClaimOf(personId, program, applicationId) : openClaimOf(personId, program),
      submittedAt: new Date(`${submittedOn}T02:00:00Z`), timeline, version: timeline.length,
    });
  }
  await insertInBatches(Person, people);
  await insertInBatches(CardApplication, applications);
  return people.length + applications.length;
}
