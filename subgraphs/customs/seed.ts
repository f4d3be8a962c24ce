// Demo records for 便捷通关 / 出入境: airport VIP service bookings only for the Baiyun card
// (000 十三; 001 第四条（七）: 2 a year), exit-entry items only for Wuhan's green channel (004 第五条).
// Never a third non-cancelled booking in a year, always booked ≥ 2 h / ≥ 3 h ahead (000 十三（三）1),
// SERVED only for past flights and BOOKED only for future ones.
import type { Connection } from 'mongoose';
import type { Program } from '../kit/programs';
import { type DepartmentSeeder, type SeedTalent, insertInBatches } from '../kit/seed';
import { seededObjectId, type SeededRandom } from '../kit/seed-random';
import { addDays } from '../kit/dates';
import { registerCustomsModels } from './model';
import {
  AIRPORT_SERVICES_PER_YEAR,
  exitEntryKindsOffered,
  latestBookingTime,
  type AirportBookingRequest,
  type AirportBookingStatus,
  type AirportServiceDirection,
  type AirportServiceScope,
  type ExitEntryItemKind,
  type ExitEntryItemStatus,
} from './rules';
import { seedDemoCaseTasks } from '../talent/cases/demo-tasks';

const BOOKING_NAMESPACE = 0xc0571;
const ITEM_NAMESPACE = 0xc0572;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const DOMESTIC_AIRLINES = ['CZ', 'MU', 'CA', 'HU', 'ZH', '3U'];
const INTERNATIONAL_AIRLINES = ['CZ', 'SQ', 'CX', 'EK', 'QR', 'LH'];
const COLLEAGUES = ['陈志远', '林晓燕', '黄海涛', '周文静', '吴建华', '郑思琪', '梁国栋', '何佳怡'];
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A moment in China Standard Time. */
function chinaTime(day: string, minutes: number): Date {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return new Date(`${day}T${hh}:${mm}:00+08:00`);
}

function flightNumber(random: SeededRandom, scope: AirportServiceScope): string {
  return scope === 'DOMESTIC'
    ? `${random.pick(DOMESTIC_AIRLINES)}${random.int(3000, 8999)}`
    : `${random.pick(INTERNATIONAL_AIRLINES)}${random.int(100, 999)}`;
}

function plate(random: SeededRandom): string {
  return random.chance(0.3)
    ? `粤A${random.pick(['D', 'F'])}${String(random.int(0, 99_999)).padStart(5, '0')}` // new-energy plate
    : `粤A${random.pick([...PLATE_LETTERS])}${String(random.int(0, 9999)).padStart(4, '0')}`;
}

/** A booking as stored: the holder's request (000 十三（三）2) and what became of it. */
interface BookingRecord extends AirportBookingRequest {
  _id: string;
  talentId: string;
  program: Program;
  status: AirportBookingStatus;
  bookedAt: Date;
  cancelledAt: Date | null;
}
function booking(talent: SeedTalent, random: SeededRandom, flightDay: string, cancelled: boolean, now: Date, id: string): BookingRecord {
  const scope: AirportServiceScope = random.chance(0.4) ? 'INTERNATIONAL' : 'DOMESTIC';
  const direction: AirportServiceDirection = random.chance(0.5) ? 'DEPARTURE' : 'ARRIVAL';
  const flightTime = chinaTime(flightDay, random.int(7 * 12, 22 * 12) * 5);
  // 000 十三（三）1: no later than 2 h (domestic) / 3 h (international) ahead, and never after "now".
  const latest = Math.min(latestBookingTime(scope, flightTime).getTime(), now.getTime() - random.int(1, 72) * HOUR);
  const bookedAt = new Date(latest - random.int(0, 14) * DAY - random.int(0, 12 * 60) * 60_000);
  const past = flightTime.getTime() <= now.getTime();
  const status: AirportBookingStatus = cancelled ? 'CANCELLED' : past ? 'SERVED' : 'BOOKED';
  const cancelBy = Math.min(flightTime.getTime(), now.getTime());
  const cancelledAt = cancelled ? new Date(bookedAt.getTime() + Math.floor(random.next() * (cancelBy - bookedAt.getTime()))) : null;
  const companions = talent.family.filter((member) => member.relation === 'SPOUSE' || member.relation === 'CHILD');
  const travelling = companions.filter(() => random.chance(0.35));
  const staying = talent.family.filter((member) => !travelling.includes(member));
  const greeterCount = random.pick([0, 1, 1, 2]);
  const greeters = Array.from({ length: greeterCount }, (_, index) =>
    index === 0 && staying.length > 0 && random.chance(0.6) ? random.pick(staying).name : random.pick(COLLEAGUES),
  );
  return {
    _id: id,
    talentId: talent.id,
    program: talent.program,
    scope,
    direction,
    flightNumber: flightNumber(random, scope),
    flightTime,
    passengers: [talent.name, ...travelling.map((member) => member.name)].map((name) => ({ name })),
    greeters: [...new Set(greeters)].map((name) => ({ name })),
    vehicles: random.chance(0.6) ? [{ plate: plate(random) }] : [],
    checkedLuggage: random.chance(scope === 'INTERNATIONAL' ? 0.85 : 0.5),
    // 000 十三（三）2: a name sign is asked for when meeting an arrival.
    nameSign: direction === 'ARRIVAL' && random.chance(0.6),
    contactPhone: talent.phone,
    status,
    bookedAt,
    cancelledAt,
  };
}

export function generateAirportBookings(talents: readonly SeedTalent[], random: SeededRandom, today: string): BookingRecord[] {
  const now = chinaTime(today, 12 * 60);
  const thisYear = Number(today.slice(0, 4));
  const bookings: BookingRecord[] = [];
  for (const talent of talents) {
    const allowed = AIRPORT_SERVICES_PER_YEAR[talent.program];
    if (allowed === 0) continue;
    const talentRandom = random.fork(`airport-${talent.id}`);
    if (!talentRandom.chance(0.65)) continue;
    // Flights fall within the card's management period (001 第六条); only a card in service books ahead.
    const inService = talent.cardStatus === 'ACTIVE' && talent.cardExpiresOn >= today;
    const windowEnd = inService ? addDays(today, 60) : addDays(talent.cardExpiresOn < today ? talent.cardExpiresOn : today, -1);
    for (const year of [thisYear - 1, thisYear]) {
      const from = [`${year}-01-01`, addDays(talent.cardIssuedOn, 15)].sort()[1];
      const to = [`${year}-12-31`, windowEnd].sort()[0];
      if (to < from) continue;
      // 000 十三: at most `allowed` uses a year; a cancelled booking does not count (000 十三（三）3).
      const uses = talentRandom.int(0, allowed);
      const cancellations = talentRandom.chance(0.25) ? 1 : 0;
      const days = Array.from({ length: uses + cancellations }, () => talentRandom.dayBetween(from, to)).sort();
      days.forEach((day, index) => {
        bookings.push(booking(talent, talentRandom, day, index < cancellations, now, seededObjectId(BOOKING_NAMESPACE, bookings.length + 1)));
      });
    }
  }
  return bookings;
}

interface ExitEntryRecord {
  _id: string;
  talentId: string;
  kind: ExitEntryItemKind;
  applicantName: string;
  status: ExitEntryItemStatus;
  submittedOn: string;
  completedOn: string | null;
}

export function generateExitEntryItems(talents: readonly SeedTalent[], random: SeededRandom, today: string): ExitEntryRecord[] {
  const items: ExitEntryRecord[] = [];
  for (const talent of talents) {
    if (exitEntryKindsOffered(talent.program).length === 0) continue;
    const talentRandom = random.fork(`exit-entry-${talent.id}`);
    if (!talentRandom.chance(0.5)) continue;
    const inService = talent.cardStatus === 'ACTIVE' && talent.cardExpiresOn >= today;
    const twoYearsAgo = addDays(today, -730);
    const from = talent.cardIssuedOn > twoYearsAgo ? talent.cardIssuedOn : twoYearsAgo;
    // A card no longer in service has only finished items: submitted well before it lapsed.
    const until = inService ? today : addDays(talent.cardExpiresOn < today ? talent.cardExpiresOn : today, -30);
    if (until < from) continue;
    const count = talentRandom.int(1, 3);
    for (let index = 0; index < count; index += 1) {
      // Seed talents hold resident ID cards: only the items for Chinese citizens (004 第五条第1项、第5项).
      const kind: ExitEntryItemKind = talentRandom.chance(0.7) ? 'EXIT_ENTRY_PERMIT' : 'RESIDENCE_PERMIT';
      const applicant = kind === 'EXIT_ENTRY_PERMIT' && talent.family.length > 0 && talentRandom.chance(0.4) ? talentRandom.pick(talent.family).name : talent.name;
      const submittedOn = talentRandom.dayBetween(from, until);
      const finishedOn = addDays(submittedOn, talentRandom.int(3, 20));
      const finished = finishedOn <= today;
      const status: ExitEntryItemStatus = finished ? (talentRandom.chance(0.9) ? 'COMPLETED' : 'REJECTED') : submittedOn === today ? 'RECEIVED' : 'IN_PROGRESS';
      items.push({
        _id: seededObjectId(ITEM_NAMESPACE, items.length + 1),
        talentId: talent.id,
        kind,
        applicantName: applicant,
        status,
        submittedOn,
        completedOn: finished ? finishedOn : null,
      });
    }
  }
  return items;
}

export const seedCustoms: DepartmentSeeder = async (connection: Connection, talents, random, today) => {
  const { AirportServiceBooking, ExitEntryItem } = registerCustomsModels(connection);
  const customsRandom = random.fork('customs');
  const bookings = generateAirportBookings(talents, customsRandom.fork('airport'), today);
  const items = generateExitEntryItems(talents, customsRandom.fork('exit-entry'), today);
  await insertInBatches(AirportServiceBooking, bookings);
  await insertInBatches(ExitEntryItem, items);
  // This department's parts of the demo cases, from the plan the window's seed uses too (issue 10).
  const tasks = await seedDemoCaseTasks(connection, talents, today, 'customs');
  return bookings.length + items.length + tasks;
};
