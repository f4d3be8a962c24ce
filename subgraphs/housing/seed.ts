// Demo records for 住建局: home-ownership declarations and talent-apartment applications, only for
// programs whose seed grants the housing service (Baiyun 000 九, Liwan 002 四, Wuhan 004 第五条第12项;
// the Tianhe guide 003 lists none). Every record is checked against rules.ts before it is written.
import type { Connection } from 'mongoose';
import type { Program } from '../kit/programs';
import { type DepartmentSeeder, type SeedTalent, insertInBatches } from '../kit/seed';
import { seededObjectId, type SeededRandom } from '../kit/seed-random';
import { registerHousingModels } from './model';
import {
  apartmentSchemeFor,
  declarationRelationFor,
  householdSizeOf,
  housingEligibility,
  mayAllocate,
  type ApartmentApplicationStatus,
  type ApartmentScheme,
  type OwnershipFacts,
} from './rules';
import { addDays, daysBetween } from '../kit/dates';
import { seedDemoCaseTasks } from '../talent/cases/demo-tasks';

const HOUSING_PROGRAMS: readonly Program[] = ['BAIYUN_YUNJU', 'LIWAN_YINGCAI', 'WUHAN_GREEN_CHANNEL'];
const DECLARATION_NAMESPACE = 0x40051;
const APPLICATION_NAMESPACE = 0x40052;

/** Demo projects per district (fictional names); a project belongs to one district. */
const PROJECTS: Record<string, readonly string[]> = {
  白云区: ['白云新城人才公寓', '嘉禾望岗人才公寓'],
  荔湾区: ['白鹅潭人才公寓', '芳村花园人才公寓'],
  东湖新技术开发区: ['光谷青年人才公寓', '光谷人才安居小区'],
  武昌区: ['武昌滨江人才公寓'],
};

function projectsIn(district: string): readonly string[] {
  return PROJECTS[district] ?? [`${district}人才公寓`];
}

const REJECTIONS_BY_CITY: Record<string, readonly string[]> = {
  广州市: ['未能提供在本区工作或居住需求的证明材料', '申请材料经两次补正仍不齐全'],
  武汉市: ['不符合人才安居工程申请条件', '申请材料经两次补正仍不齐全'],
};

interface DeclarationRecord extends OwnershipFacts {
  _id: string;
  talentId: string;
  declaredOn: string;
}

interface ApplicationRecord {
  _id: string;
  talentId: string;
  district: string;
  project: string;
  status: ApartmentApplicationStatus;
  waitlistPosition: number | null;
  allocatedUnit: { project: string; building: string; unitNumber: string; areaSqm: number } | null;
  householdSize: number;
  submittedOn: string;
  decidedOn: string | null;
  rejectionReason: string | null;
}

function declareHousehold(talent: SeedTalent, scheme: ApartmentScheme, random: SeededRandom, declaredOn: string, next: () => string): DeclarationRecord[] {
  const people: DeclarationRecord[] = [
    { _id: next(), talentId: talent.id, personName: talent.name, relation: 'HOLDER', city: scheme.city, homesOwned: 0, declaredOn },
  ];
  for (const member of talent.family) {
    const relation = declarationRelationFor(member.relation, member.birthDate, declaredOn);
    if (relation) people.push({ _id: next(), talentId: talent.id, personName: member.name, relation, city: scheme.city, homesOwned: 0, declaredOn });
  }
  // About one household in four owns a home in the city (mostly the holder or the spouse).
  if (random.chance(0.25)) {
    const adults = people.filter((person) => person.relation !== 'MINOR_CHILD');
    random.pick(adults).homesOwned = random.pick([1, 1, 1, 2]);
  }
  return people;
}

function decideStatus(random: SeededRandom, eligible: boolean, closed: boolean): ApartmentApplicationStatus {
  // At most one application is open at a time: an earlier one is closed.
  if (closed) return random.pick(['REJECTED', 'WITHDRAWN'] as const);
  if (!eligible) return random.pick(['SUBMITTED', 'REJECTED', 'REJECTED', 'WITHDRAWN'] as const);
  return random.pick(['SUBMITTED', 'WAITLISTED', 'WAITLISTED', 'ALLOCATED', 'ALLOCATED', 'REJECTED', 'WITHDRAWN'] as const);
}

function areaFor(householdSize: number): number {
  return householdSize <= 1 ? 45 : householdSize === 2 ? 60 : householdSize === 3 ? 75 : 90;
}

function apply(
  talent: SeedTalent,
  scheme: ApartmentScheme,
  declarations: DeclarationRecord[],
  random: SeededRandom,
  submittedOn: string,
  closed: boolean,
  until: string,
  id: string,
): ApplicationRecord {
  const verdict = housingEligibility(declarations);
  const status = decideStatus(random, mayAllocate(verdict), closed);
  const project = random.pick(projectsIn(scheme.district));
  const householdSize = householdSizeOf(declarations);
  const decidedOn = status === 'ALLOCATED' || status === 'REJECTED' || status === 'WITHDRAWN' ? random.dayBetween(submittedOn, addDays(submittedOn, Math.min(90, daysBetween(submittedOn, until)))) : null;
  const rejectionReason =
    status !== 'REJECTED'
      ? null
      : verdict.eligible === false
        ? `申报家庭成员在${scheme.city}有自有产权住房，不符合申请条件（${scheme.clause}）`
        : `${random.pick(REJECTIONS_BY_CITY[scheme.city])}（${scheme.clause}）`;
  return {
    _id: id,
    talentId: talent.id,
    district: scheme.district,
    project,
    status,
    waitlistPosition: null, // numbered per project once every application exists
    allocatedUnit:
      status === 'ALLOCATED'
        ? { project, building: `${random.int(1, 8)}栋`, unitNumber: `${random.int(2, 28)}${String(random.int(1, 12)).padStart(2, '0')}`, areaSqm: areaFor(householdSize) }
        : null,
    householdSize,
    submittedOn,
    decidedOn,
    rejectionReason,
  };
}

/** Waitlist positions are 1…n per district and project, in order of submission. */
function numberWaitlists(applications: ApplicationRecord[]): void {
  const queues = new Map<string, ApplicationRecord[]>();
  for (const application of applications.filter((candidate) => candidate.status === 'WAITLISTED')) {
    const key = `${application.district}|${application.project}`;
    queues.set(key, [...(queues.get(key) ?? []), application]);
  }
  for (const queue of queues.values()) {
    queue.sort((a, b) => a.submittedOn.localeCompare(b.submittedOn) || a._id.localeCompare(b._id));
    queue.forEach((application, index) => (application.waitlistPosition = index + 1));
  }
}

export function generateHousingRecords(talents: readonly SeedTalent[], random: SeededRandom, today: string) {
  const declarations: DeclarationRecord[] = [];
  const applications: ApplicationRecord[] = [];
  let declarationCount = 0;
  const nextDeclarationId = () => seededObjectId(DECLARATION_NAMESPACE, (declarationCount += 1));
  for (const talent of talents) {
    const scheme = apartmentSchemeFor(talent.district);
    if (!HOUSING_PROGRAMS.includes(talent.program) || !scheme) continue;
    const talentRandom = random.fork(`housing-${talent.id}`);
    // Some talents never deal with the housing office.
    if (!talentRandom.chance(0.55)) continue;
    // Records fall within the card's management period (001 第六条), in the last three years.
    const threeYearsAgo = addDays(today, -3 * 365);
    const since = talent.cardIssuedOn > threeYearsAgo ? talent.cardIssuedOn : threeYearsAgo;
    const until = talent.cardExpiresOn < today ? talent.cardExpiresOn : today;
    if (until < since) continue;
    const cardInService = talent.cardStatus === 'ACTIVE' && talent.cardExpiresOn >= today;
    const declaredOn = talentRandom.dayBetween(since, until);
    const household = declareHousehold(talent, scheme, talentRandom, declaredOn, nextDeclarationId);
    declarations.push(...household);
    // Most declared households also apply; a few applied twice (the first one closed).
    if (!talentRandom.chance(0.8)) continue;
    const count = talentRandom.chance(0.2) ? 2 : 1;
    let submittedOn = talentRandom.dayBetween(declaredOn, addDays(declaredOn, Math.min(60, daysBetween(declaredOn, until))));
    for (let index = 0; index < count; index += 1) {
      // Only the last application of a card still in service may be open.
      const closed = index < count - 1 || !cardInService;
      const id = seededObjectId(APPLICATION_NAMESPACE, applications.length + 1);
      const application = apply(talent, scheme, household, talentRandom, submittedOn, closed, until, id);
      applications.push(application);
      submittedOn = talentRandom.dayBetween(application.decidedOn ?? submittedOn, until);
    }
  }
  numberWaitlists(applications);
  return { declarations, applications };
}

export const seedHousing: DepartmentSeeder = async (connection: Connection, talents, random, today) => {
  const { HomeOwnershipDeclaration, TalentApartmentApplication } = registerHousingModels(connection);
  const { declarations, applications } = generateHousingRecords(talents, random.fork('housing'), today);
  await insertInBatches(HomeOwnershipDeclaration, declarations);
  await insertInBatches(TalentApartmentApplication, applications);
  // This department's parts of the demo cases, from the plan the window's seed uses too (issue 10).
  const tasks = await seedDemoCaseTasks(connection, talents, today, 'housing');
  return declarations.length + applications.length + tasks;
};
