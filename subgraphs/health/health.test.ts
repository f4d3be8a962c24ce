// 卫健局 subgraph: Talent.health through _entities (with the @requires'd program), its rules, its seeder.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { Program } from '../kit/programs';
import { addDays, todayInChina } from '../kit/dates';
import type { SeedTalent } from '../kit/seed';
import { SeededRandom, seededObjectId } from '../kit/seed-random';
import {
  BAIYUN_CHECKUP_BASE,
  checkupBookingViolation,
  currentFamilyDoctorTerm,
  designatedHospitals,
  familyDoctorStatusOn,
  familyDoctorTermEnd,
  familyDoctorViolation,
  type CheckupRecord,
  type FamilyDoctorTerm,
} from './rules';
import { seedHealth } from './seed';
import { buildHealthSubgraph } from './server';

const HEALTH = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Talent {
        id
        health {
          designatedHospitals { name checkupBase source }
          priorityCare
          checkup { year freeCheckupsPerYear used remaining unionCheckupChosen unionCheckupAvailable }
          checkupBookings { id year kind hospital scheduledOn status }
          familyDoctor { id team communityHealthCentre package startsOn endsOn status renewals }
        }
      }
    }
  }
`;

const today = todayInChina();
const year = Number(today.slice(0, 4));
const talentId = (n: number) => seededObjectId(0x7e57_0001, n);
const ref = (id: string, program: Program) => ({ __typename: 'Talent', id, program });
const hospitalsOf = (program: Program) => designatedHospitals(program).map((h) => ({ ...h }));
const fullYear = (free: number, union: boolean) => ({
  year, freeCheckupsPerYear: free, used: 0, remaining: free, unionCheckupChosen: false, unionCheckupAvailable: union,
});

let fixture: SubgraphFixture;
beforeAll(async () => {
  fixture = await openSubgraphFixture(buildHealthSubgraph);
});
beforeEach(() => fixture.clear());
afterAll(() => fixture.close());

const models = () => fixture.connection.models;

describe('Talent.health', () => {
  it('returns each talent’s entitlements and records, in the order of the representations', async () => {
    const [baiyun, liwan, wuhan, tianhe, baiyunNone] = [1, 2, 3, 4, 5].map(talentId);
    const [lastYear, cancelled, union, liwanDone] = await models().CheckupBooking.insertMany([
      { talentId: baiyun, year: year - 1, kind: 'HEALTH_CHECKUP', hospital: BAIYUN_CHECKUP_BASE, scheduledOn: `${year - 1}-05-10`, status: 'DONE' },
      { talentId: baiyun, year, kind: 'HEALTH_CHECKUP', hospital: BAIYUN_CHECKUP_BASE, scheduledOn: `${year}-01-02`, status: 'CANCELLED' },
      { talentId: baiyun, year, kind: 'UNION_CHECKUP', hospital: '白云区第二人民医院', scheduledOn: `${year}-01-03`, status: 'DONE' },
      { talentId: liwan, year, kind: 'HEALTH_CHECKUP', hospital: '荔湾区人民医院', scheduledOn: `${year}-01-05`, status: 'DONE' },
    ]);
    const firstStart = addDays(today, -500);
    const secondStart = addDays(familyDoctorTermEnd(firstStart), 1);
    const [, renewed] = await models().FamilyDoctorContract.insertMany([
      { talentId: liwan, team: '逢源家庭医生一队', communityHealthCentre: '荔湾区逢源街社区卫生服务中心', package: 'FREE', startsOn: firstStart, endsOn: familyDoctorTermEnd(firstStart) },
      { talentId: liwan, team: '逢源家庭医生一队', communityHealthCentre: '荔湾区逢源街社区卫生服务中心', package: 'BASIC', startsOn: secondStart, endsOn: familyDoctorTermEnd(secondStart) },
    ]);
    const booking = (doc: typeof lastYear) => ({
      id: doc._id.toString(), year: doc.year, kind: doc.kind, hospital: doc.hospital, scheduledOn: doc.scheduledOn, status: doc.status,
    });

    const result = await fixture.run(HEALTH, {
      r: [ref(liwan, 'LIWAN_YINGCAI'), ref(wuhan, 'WUHAN_GREEN_CHANNEL'), ref(baiyun, 'BAIYUN_YUNJU'), ref(tianhe, 'GUANGZHOU_GREEN_CARD'), ref(baiyunNone, 'BAIYUN_YUNJU')],
    });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          id: liwan,
          health: {
            designatedHospitals: hospitalsOf('LIWAN_YINGCAI'),
            priorityCare: true,
            checkup: { year, freeCheckupsPerYear: 1, used: 1, remaining: 0, unionCheckupChosen: false, unionCheckupAvailable: false },
            checkupBookings: [booking(liwanDone)],
            familyDoctor: {
              id: renewed._id.toString(), team: '逢源家庭医生一队', communityHealthCentre: '荔湾区逢源街社区卫生服务中心',
              package: 'BASIC', startsOn: secondStart, endsOn: familyDoctorTermEnd(secondStart), status: 'ACTIVE', renewals: 1,
            },
          },
        },
        // 004 第五条第7项: 就医优诊优疗 only; no designated list, no free checkup.
        { id: wuhan, health: { designatedHospitals: [], priorityCare: true, checkup: fullYear(0, false), checkupBookings: [], familyDoctor: null } },
        {
          id: baiyun,
          health: {
            designatedHospitals: hospitalsOf('BAIYUN_YUNJU'),
            priorityCare: true,
            // 000 十一: the union checkup was chosen this year, so the free one is gone; the cancelled booking does not count.
            checkup: { year, freeCheckupsPerYear: 1, used: 0, remaining: 0, unionCheckupChosen: true, unionCheckupAvailable: false },
            checkupBookings: [booking(lastYear), booking(cancelled), booking(union)],
            familyDoctor: null,
          },
        },
        { id: tianhe, health: { designatedHospitals: [], priorityCare: false, checkup: fullYear(0, false), checkupBookings: [], familyDoctor: null } },
        // A Baiyun holder with no records: the full year ahead, union checkup still possible (000 十, 十一).
        { id: baiyunNone, health: { designatedHospitals: hospitalsOf('BAIYUN_YUNJU'), priorityCare: true, checkup: fullYear(1, true), checkupBookings: [], familyDoctor: null } },
      ],
    });
  });

  it('shows an unrenewed family-doctor term as expired (002 八（四）: one-year term)', async () => {
    const startsOn = addDays(today, -400);
    await models().FamilyDoctorContract.create({ talentId: talentId(9), team: '华林家庭医生团队', communityHealthCentre: '荔湾区华林街社区卫生服务中心', package: 'FREE', startsOn, endsOn: familyDoctorTermEnd(startsOn) });
    const result = await fixture.run<{ _entities: { health: { familyDoctor: { status: string; renewals: number } } }[] }>(HEALTH, { r: [ref(talentId(9), 'LIWAN_YINGCAI')] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0].health.familyDoctor).toMatchObject({ status: 'EXPIRED', renewals: 0, startsOn, endsOn: familyDoctorTermEnd(startsOn) });
  });

  it('costs one query per collection for 1 or 25 talents, and none for programs without the service', async () => {
    await models().CheckupBooking.create({ talentId: talentId(3), year, kind: 'HEALTH_CHECKUP', hospital: '荔湾中心医院', scheduledOn: `${year}-01-05`, status: 'DONE' });
    const programs: Program[] = ['LIWAN_YINGCAI', 'BAIYUN_YUNJU', 'WUHAN_GREEN_CHANNEL', 'GUANGZHOU_GREEN_CARD'];
    const perCollection = { 'find checkup_bookings': 1, 'find family_doctor_contracts': 1 };

    fixture.dbCommands.reset();
    expect((await fixture.run(HEALTH, { r: [ref(talentId(3), 'LIWAN_YINGCAI')] })).errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual(perCollection);

    fixture.dbCommands.reset();
    const many = Array.from({ length: 25 }, (_, n) => ref(talentId(n), programs[n % 4]));
    expect((await fixture.run(HEALTH, { r: many })).errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual(perCollection);

    fixture.dbCommands.reset();
    await fixture.run(HEALTH, { r: [ref(talentId(1), 'WUHAN_GREEN_CHANNEL'), ref(talentId(2), 'GUANGZHOU_GREEN_CARD')] });
    expect(fixture.dbCommands.snapshot()).toEqual({});
  });
});

describe('health rules', () => {
  const checkup = (over: Partial<CheckupRecord>): CheckupRecord => ({
    year: 2026, kind: 'HEALTH_CHECKUP', hospital: BAIYUN_CHECKUP_BASE, scheduledOn: '2026-06-01', status: 'BOOKED', ...over,
  });
  const on = '2026-05-01';
  const rule = (v: { rule: string } | null) => v?.rule ?? null;

  it('lists the designated hospitals of each program', () => {
    expect(designatedHospitals('BAIYUN_YUNJU')).toHaveLength(7); // 000 六（三）1
    expect(designatedHospitals('BAIYUN_YUNJU').filter((h) => h.checkupBase).map((h) => h.name)).toEqual([BAIYUN_CHECKUP_BASE]); // 000 十一
    expect(designatedHospitals('LIWAN_YINGCAI').map((h) => h.name)).toEqual(['荔湾中心医院', '荔湾区人民医院', '荔湾区中医医院', '荔湾区骨伤科医院', '荔湾区妇幼保健院']); // 002 八（一）
    expect(designatedHospitals('WUHAN_GREEN_CHANNEL')).toEqual([]);
  });

  it('allows one free checkup a year; cancelled bookings give the place back (000 十一; 001 第四条（四）; 002 八（三）)', () => {
    const done = checkup({ scheduledOn: '2026-03-01', status: 'DONE' });
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [], checkup({}), on))).toBeNull();
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [done], checkup({}), on))).toBe('YEARLY_LIMIT');
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [{ ...done, status: 'CANCELLED' }], checkup({}), on))).toBeNull();
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [{ ...done, year: 2025, scheduledOn: '2025-03-01' }], checkup({}), on))).toBeNull();
    expect(rule(checkupBookingViolation('LIWAN_YINGCAI', [], checkup({ hospital: '荔湾区人民医院' }), on))).toBeNull();
    expect(rule(checkupBookingViolation('WUHAN_GREEN_CHANNEL', [], checkup({}), on))).toBe('NO_FREE_CHECKUP');
  });

  it('makes Baiyun holders choose the union checkup or the free checkup, not both (000 十, 十一)', () => {
    const union = checkup({ kind: 'UNION_CHECKUP', hospital: '白云区第二人民医院' });
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [], union, on))).toBeNull();
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [union], checkup({}), on))).toBe('UNION_CHOSEN');
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [checkup({})], union, on))).toBe('FREE_CHECKUP_USED');
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [union], union, on))).toBe('UNION_YEARLY_LIMIT');
    expect(rule(checkupBookingViolation('LIWAN_YINGCAI', [], union, on))).toBe('NO_UNION_CHECKUP');
  });

  it('checks place and dates of a checkup (000 十一)', () => {
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [], checkup({ hospital: '白云区第三人民医院' }), on))).toBe('CHECKUP_BASE_ONLY');
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [], checkup({ scheduledOn: '2026-04-01' }), on))).toBe('BOOKED_IN_PAST');
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [], checkup({ status: 'DONE' }), on))).toBe('DONE_IN_FUTURE');
    expect(rule(checkupBookingViolation('BAIYUN_YUNJU', [], checkup({ scheduledOn: '2027-01-10' }), on))).toBe('YEAR_MISMATCH');
  });

  it('gives a family-doctor contract one package for one year, Liwan only (002 八（四）)', () => {
    expect(familyDoctorTermEnd('2026-03-01')).toBe('2027-02-28');
    expect(familyDoctorTermEnd('2024-02-29')).toBe('2025-02-28');
    const term = (startsOn: string, pkg: FamilyDoctorTerm['package'] = 'FREE'): FamilyDoctorTerm => ({
      team: '华林家庭医生团队', communityHealthCentre: '荔湾区华林街社区卫生服务中心', package: pkg, startsOn, endsOn: familyDoctorTermEnd(startsOn),
    });
    const first = term('2025-01-01');
    expect(rule(familyDoctorViolation('LIWAN_YINGCAI', [], first))).toBeNull();
    expect(rule(familyDoctorViolation('LIWAN_YINGCAI', [first], term('2025-06-01', 'BASIC')))).toBe('ONE_PACKAGE_AT_A_TIME');
    expect(rule(familyDoctorViolation('LIWAN_YINGCAI', [first], term('2026-01-01', 'BASIC')))).toBeNull();
    expect(rule(familyDoctorViolation('LIWAN_YINGCAI', [], { ...first, endsOn: '2026-06-30' }))).toBe('ONE_YEAR_TERM');
    expect(rule(familyDoctorViolation('BAIYUN_YUNJU', [], first))).toBe('LIWAN_ONLY');
    expect(familyDoctorStatusOn(first, '2025-12-31')).toBe('ACTIVE');
    expect(familyDoctorStatusOn(first, '2026-01-01')).toBe('EXPIRED');
    const second = term('2026-01-01', 'BASIC');
    expect(currentFamilyDoctorTerm([second, first], '2026-02-01')).toEqual({ term: second, renewals: 1 });
    expect(currentFamilyDoctorTerm([first], '2024-12-01')).toEqual({ term: first, renewals: 0 });
    // The first term over, its renewal signed ahead: the renewal is shown, not the expired term.
    const renewal = term('2026-03-01');
    expect(currentFamilyDoctorTerm([first, renewal], '2026-02-01')).toEqual({ term: renewal, renewals: 1 });
    expect(currentFamilyDoctorTerm([first, renewal], '2027-03-01')).toEqual({ term: renewal, renewals: 1 });
    expect(currentFamilyDoctorTerm([first, renewal], '2025-06-01')).toEqual({ term: first, renewals: 0 });
    expect(currentFamilyDoctorTerm([], '2026-02-01')).toBeNull();
  });
});

describe('seedHealth', () => {
  // A fixed day, so the demo data (and what this test sees of it) is the same on every run.
  const seedDay = '2026-06-15';
  const programs: Program[] = ['BAIYUN_YUNJU', 'LIWAN_YINGCAI', 'GUANGZHOU_GREEN_CARD', 'WUHAN_GREEN_CHANNEL'];
  const talents: SeedTalent[] = Array.from({ length: 60 }, (_, n) => {
    const cardIssuedOn = addDays(seedDay, -(120 + n * 29));
    return {
      id: talentId(100 + n), name: `测试人才${n}`, gender: n % 2 ? 'MALE' : 'FEMALE', birthDate: '1985-04-12', idNumber: '440111198504120011',
      program: programs[n % 4], district: '白云区', phone: '13800000000', employer: '示例科技有限公司',
      cardIssuedOn, cardExpiresOn: addDays(cardIssuedOn, 5 * 365), cardStatus: n % 10 === 9 ? 'REVOKED' : 'ACTIVE', family: [],
    };
  });
  const dump = async () => ({
    bookings: await models().CheckupBooking.find().sort({ _id: 1 }).lean(),
    contracts: await models().FamilyDoctorContract.find().sort({ _id: 1 }).lean(),
  });

  it('writes deterministic records that the rules accept, for some Baiyun and Liwan holders only', async () => {
    const written = await seedHealth(fixture.connection, talents, new SeededRandom(11), seedDay);
    const { bookings, contracts } = await dump();
    // Its parts of the demo cases too (talent/cases/demo-plan.ts).
    expect(written).toBe(bookings.length + contracts.length + (await fixture.connection.models.CaseTask.countDocuments()));
    expect(bookings.length).toBeGreaterThan(0);
    expect(contracts.length).toBeGreaterThan(0);

    const served = new Set([...bookings, ...contracts].map((record) => record.talentId));
    for (const talent of talents) {
      if (talent.cardStatus !== 'ACTIVE' || (talent.program !== 'BAIYUN_YUNJU' && talent.program !== 'LIWAN_YINGCAI')) {
        expect(served.has(talent.id)).toBe(false);
      }
      // Replayed in the order written, every record passes the rules against those before it.
      const own = bookings.filter((b) => b.talentId === talent.id);
      own.forEach((b, i) => expect(checkupBookingViolation(talent.program, own.slice(0, i), b, seedDay)).toBeNull());
      const terms = contracts.filter((c) => c.talentId === talent.id);
      terms.forEach((c, i) => expect(familyDoctorViolation(talent.program, terms.slice(0, i), c)).toBeNull());
    }
    // The demo shows every case: both kinds (000 十, 十一), every status, renewed family-doctor terms.
    expect(new Set(bookings.map((b) => b.kind))).toEqual(new Set(['HEALTH_CHECKUP', 'UNION_CHECKUP']));
    expect(new Set(bookings.map((b) => b.status))).toEqual(new Set(['BOOKED', 'DONE', 'CANCELLED']));
    expect(contracts.length).toBeGreaterThan(new Set(contracts.map((c) => c.talentId)).size);
    const eligible = talents.filter((t) => t.cardStatus === 'ACTIVE' && (t.program === 'BAIYUN_YUNJU' || t.program === 'LIWAN_YINGCAI'));
    expect(eligible.some((t) => !served.has(t.id))).toBe(true);

    await fixture.clear();
    await seedHealth(fixture.connection, talents, new SeededRandom(11), seedDay);
    const again = await dump();
    const strip = <T extends { createdAt?: unknown; updatedAt?: unknown }>(rows: T[]) => rows.map(({ createdAt, updatedAt, ...rest }) => rest);
    expect(strip(again.bookings)).toEqual(strip(bookings));
    expect(strip(again.contracts)).toEqual(strip(contracts));
  });
});
