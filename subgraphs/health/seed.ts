// Demo data for 卫健局: checkup bookings (Baiyun, Liwan) and family-doctor terms (Liwan). Every
// record is checked by the same rules the read view uses, so the demo never breaks a clause.
import { type DepartmentSeeder, type SeedTalent, insertInBatches } from '../kit/seed';
import { seededObjectId, type SeededRandom } from '../kit/seed-random';
import { registerHealthModels } from './model';
import {
  BAIYUN_CHECKUP_BASE,
  checkupBookingViolation,
  designatedHospitals,
  familyDoctorTermEnd,
  familyDoctorViolation,
  freeCheckupsPerYear,
  unionCheckupOffered,
  type CheckupRecord,
  type FamilyDoctorTerm,
} from './rules';
import { addDays, daysBetween } from '../kit/dates';
import { seedDemoCaseTasks } from '../talent/cases/demo-tasks';

const CHECKUP_ID_NAMESPACE = 0x4ea1c001;
const FAMILY_DOCTOR_ID_NAMESPACE = 0x4ea1fd01;

/** Where the district union (区总工会, 000 十) sends its members for the basic checkup. */
const UNION_CHECKUP_HOSPITALS = ['白云区第二人民医院', '白云区第三人民医院'];

const LIWAN_CENTRES: readonly { centre: string; teams: readonly string[] }[] = [
  { centre: '荔湾区逢源街社区卫生服务中心', teams: ['逢源家庭医生一队', '逢源家庭医生二队'] },
  { centre: '荔湾区华林街社区卫生服务中心', teams: ['华林家庭医生团队'] },
  { centre: '荔湾区白鹤洞街社区卫生服务中心', teams: ['白鹤洞全科一队', '白鹤洞全科二队'] },
  { centre: '荔湾区冲口街社区卫生服务中心', teams: ['冲口家庭医生团队'] },
];

function dayIn(random: SeededRandom, from: string, to: string): string | null {
  const span = daysBetween(from, to);
  return span < 0 ? null : addDays(from, random.int(0, span));
}

function checkupsFor(talent: SeedTalent, random: SeededRandom, today: string): CheckupRecord[] {
  const program = talent.program;
  const accepted: CheckupRecord[] = [];
  const thisYear = Number(today.slice(0, 4));
  const firstYear = Math.max(Number(talent.cardIssuedOn.slice(0, 4)), thisYear - 2);
  for (let year = firstYear; year <= thisYear; year += 1) {
    if (!random.chance(0.7)) continue;
    const from = talent.cardIssuedOn > `${year}-03-01` ? talent.cardIssuedOn : `${year}-03-01`;
    // Bookings reach at most 60 days ahead of today, and never past the card's expiry.
    const to = [talent.cardExpiresOn, `${year}-12-20`, addDays(today, 60)].sort()[0];
    const scheduledOn = dayIn(random, from, to);
    if (!scheduledOn) continue;
    // 000 十一: Baiyun holders choose either the union checkup (000 十) or the free one.
    const kind = unionCheckupOffered(program) && random.chance(0.25) ? 'UNION_CHECKUP' : 'HEALTH_CHECKUP';
    const hospital =
      kind === 'UNION_CHECKUP'
        ? random.pick(UNION_CHECKUP_HOSPITALS)
        : program === 'BAIYUN_YUNJU'
          ? BAIYUN_CHECKUP_BASE
          : random.pick(designatedHospitals(program)).name;
    const candidates: CheckupRecord[] = [];
    // Now and then a first booking was cancelled and the checkup moved to a later day.
    const cancelledOn = random.chance(0.15) ? dayIn(random, from, scheduledOn) : null;
    if (cancelledOn) candidates.push({ year, kind, hospital, scheduledOn: cancelledOn, status: 'CANCELLED' });
    candidates.push({ year, kind, hospital, scheduledOn, status: scheduledOn < today ? 'DONE' : 'BOOKED' });
    for (const candidate of candidates) {
      if (!checkupBookingViolation(program, accepted, candidate, today)) accepted.push(candidate);
    }
  }
  return accepted;
}

function familyDoctorTermsFor(talent: SeedTalent, random: SeededRandom, today: string): FamilyDoctorTerm[] {
  const accepted: FamilyDoctorTerm[] = [];
  const lastStart = talent.cardExpiresOn < today ? talent.cardExpiresOn : today;
  let startsOn = addDays(talent.cardIssuedOn, random.int(0, 240));
  let centre = random.pick(LIWAN_CENTRES);
  let team = random.pick(centre.teams);
  let pkg: FamilyDoctorTerm['package'] = random.chance(0.6) ? 'FREE' : 'BASIC';
  while (startsOn <= lastStart) {
    const term: FamilyDoctorTerm = { team, communityHealthCentre: centre.centre, package: pkg, startsOn, endsOn: familyDoctorTermEnd(startsOn) };
    if (familyDoctorViolation(talent.program, accepted, term)) break;
    accepted.push(term);
    // 002 八（四）: at the end of a term the holder renews, changes package or chooses another team.
    if (!random.chance(0.7)) break;
    startsOn = addDays(term.endsOn, 1);
    if (random.chance(0.25)) pkg = pkg === 'FREE' ? 'BASIC' : 'FREE';
    if (random.chance(0.2)) {
      centre = random.pick(LIWAN_CENTRES);
      team = random.pick(centre.teams);
    }
  }
  return accepted;
}

export const seedHealth: DepartmentSeeder = async (connection, talents, random, today) => {
  const models = registerHealthModels(connection);
  const rng = random.fork('health');
  const bookings: Record<string, unknown>[] = [];
  const contracts: Record<string, unknown>[] = [];
  for (const talent of talents) {
    // Holders moved to the contact list or revoked lost their services (001 第六条): no records.
    if (talent.cardStatus !== 'ACTIVE') continue;
    const hasCheckups = freeCheckupsPerYear(talent.program) > 0 || unionCheckupOffered(talent.program);
    if (hasCheckups && rng.chance(0.65)) {
      for (const booking of checkupsFor(talent, rng, today)) {
        bookings.push({ _id: seededObjectId(CHECKUP_ID_NAMESPACE, bookings.length), talentId: talent.id, ...booking });
      }
    }
    if (talent.program === 'LIWAN_YINGCAI' && rng.chance(0.55)) {
      for (const term of familyDoctorTermsFor(talent, rng, today)) {
        contracts.push({ _id: seededObjectId(FAMILY_DOCTOR_ID_NAMESPACE, contracts.length), talentId: talent.id, ...term });
      }
    }
  }
  await insertInBatches(models.CheckupBooking, bookings);
  await insertInBatches(models.FamilyDoctorContract, contracts);
  // This department's parts of the demo cases, from the plan the window's seed uses too (issue 10).
  const tasks = await seedDemoCaseTasks(connection, talents, today, 'health');
  return bookings.length + contracts.length + tasks;
};
