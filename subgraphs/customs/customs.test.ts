// Talent.customs through the subgraph schema: this year's airport allowance by program (000 十三;
// 001 第四条（七）; cancelled bookings give their use back, 000 十三（三）3), bookings with their service
// point (000 十三（三）4), exit-entry items (004 第五条), entity order, one query per collection.
import { describe, expect, it } from 'vitest';
import { useDeskFixture } from '../../test/case-desk';
import { todayInChina } from '../kit/dates';
import { seededObjectId } from '../kit/seed-random';
import type { CustomsModels } from './model';
import { buildCustomsSubgraph } from './server';

const QUERY = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Talent {
        id
        customs {
          airportService { year allowed used remaining }
          airportBookings {
            id scope direction flightNumber flightTime servicePoint checkedLuggage nameSign contactPhone(full: true) status bookedAt cancelledAt
            passengers { name } greeters { name } vehicles { plate }
          }
          exitEntryItems { id kind applicantName status submittedOn completedOn }
        }
      }
    }
  }
`;

// The allowance is for this year in China, so the records are dated in it.
const YEAR = Number(todayInChina().slice(0, 4));
const talentId = (n: number) => seededObjectId(0xc1, n);
const docId = (n: number) => seededObjectId(0xc2, n);
const talent = (n: number, program: string) => ({ __typename: 'Talent', id: talentId(n), program });
const iso = (text: string) => new Date(text).toISOString();
const none = (allowed: number) => ({ airportService: { year: YEAR, allowed, used: 0, remaining: allowed }, airportBookings: [], exitEntryItems: [] });

const fixture = useDeskFixture<CustomsModels>(buildCustomsSubgraph);

const trip = {
  passengers: [{ name: '张伟' }],
  greeters: [{ name: '李娜' }],
  vehicles: [{ plate: '粤A12345' }],
  checkedLuggage: true,
  contactPhone: '13812345678',
};

async function insertRecords() {
  await fixture.models.AirportServiceBooking.insertMany([
    // This year: one served (counts), one cancelled (gives its use back).
    { _id: docId(1), talentId: talentId(1), scope: 'DOMESTIC', direction: 'DEPARTURE', flightNumber: 'CZ3101', flightTime: `${YEAR}-01-10T09:30:00+08:00`, ...trip, nameSign: false, status: 'SERVED', bookedAt: `${YEAR}-01-08T15:00:00+08:00` },
    { _id: docId(2), talentId: talentId(1), scope: 'INTERNATIONAL', direction: 'ARRIVAL', flightNumber: 'SQ850', flightTime: `${YEAR}-01-03T06:00:00+08:00`, ...trip, greeters: [], vehicles: [], nameSign: true, status: 'CANCELLED', bookedAt: `${YEAR}-01-01T10:00:00+08:00`, cancelledAt: `${YEAR}-01-02T08:00:00+08:00` },
    // Last year: served, not counted this year.
    { _id: docId(3), talentId: talentId(1), scope: 'INTERNATIONAL', direction: 'DEPARTURE', flightNumber: 'CZ327', flightTime: `${YEAR - 1}-11-20T23:55:00+08:00`, ...trip, nameSign: false, status: 'SERVED', bookedAt: `${YEAR - 1}-11-18T09:00:00+08:00` },
  ]);
  await fixture.models.ExitEntryItem.insertMany([
    { _id: docId(10), talentId: talentId(2), kind: 'EXIT_ENTRY_PERMIT', applicantName: '周敏', status: 'COMPLETED', submittedOn: '2025-03-01', completedOn: '2025-03-12' },
    { _id: docId(11), talentId: talentId(2), kind: 'RESIDENCE_PERMIT', applicantName: '周敏', status: 'IN_PROGRESS', submittedOn: '2025-04-02' },
    { _id: docId(12), talentId: talentId(2), kind: 'FOREIGN_EXPERT_WORK_PERMIT', applicantName: 'Anna Müller', status: 'RECEIVED', submittedOn: '2025-04-03' },
    { _id: docId(13), talentId: talentId(2), kind: 'FOREIGN_EXPERT_CERTIFICATE', applicantName: 'Anna Müller', status: 'REJECTED', submittedOn: '2025-01-03', completedOn: '2025-01-20' },
  ]);
}

const BAIYUN = {
  airportService: { year: YEAR, allowed: 2, used: 1, remaining: 1 },
  airportBookings: [
    { id: docId(1), scope: 'DOMESTIC', direction: 'DEPARTURE', flightNumber: 'CZ3101', flightTime: iso(`${YEAR}-01-10T09:30:00+08:00`), servicePoint: '国内商务贵宾厅', checkedLuggage: true, nameSign: false, contactPhone: '13812345678', status: 'SERVED', bookedAt: iso(`${YEAR}-01-08T15:00:00+08:00`), cancelledAt: null, passengers: [{ name: '张伟' }], greeters: [{ name: '李娜' }], vehicles: [{ plate: '粤A12345' }] },
    { id: docId(2), scope: 'INTERNATIONAL', direction: 'ARRIVAL', flightNumber: 'SQ850', flightTime: iso(`${YEAR}-01-03T06:00:00+08:00`), servicePoint: '国际接待站', checkedLuggage: true, nameSign: true, contactPhone: '13812345678', status: 'CANCELLED', bookedAt: iso(`${YEAR}-01-01T10:00:00+08:00`), cancelledAt: iso(`${YEAR}-01-02T08:00:00+08:00`), passengers: [{ name: '张伟' }], greeters: [], vehicles: [] },
    { id: docId(3), scope: 'INTERNATIONAL', direction: 'DEPARTURE', flightNumber: 'CZ327', flightTime: iso(`${YEAR - 1}-11-20T23:55:00+08:00`), servicePoint: '国际接待站', checkedLuggage: true, nameSign: false, contactPhone: '13812345678', status: 'SERVED', bookedAt: iso(`${YEAR - 1}-11-18T09:00:00+08:00`), cancelledAt: null, passengers: [{ name: '张伟' }], greeters: [{ name: '李娜' }], vehicles: [{ plate: '粤A12345' }] },
  ],
  exitEntryItems: [],
};
const WUHAN = {
  airportService: { year: YEAR, allowed: 0, used: 0, remaining: 0 },
  airportBookings: [],
  exitEntryItems: [
    { id: docId(12), kind: 'FOREIGN_EXPERT_WORK_PERMIT', applicantName: 'Anna Müller', status: 'RECEIVED', submittedOn: '2025-04-03', completedOn: null },
    { id: docId(11), kind: 'RESIDENCE_PERMIT', applicantName: '周敏', status: 'IN_PROGRESS', submittedOn: '2025-04-02', completedOn: null },
    { id: docId(10), kind: 'EXIT_ENTRY_PERMIT', applicantName: '周敏', status: 'COMPLETED', submittedOn: '2025-03-01', completedOn: '2025-03-12' },
    { id: docId(13), kind: 'FOREIGN_EXPERT_CERTIFICATE', applicantName: 'Anna Müller', status: 'REJECTED', submittedOn: '2025-01-03', completedOn: '2025-01-20' },
  ],
};

describe('Talent.customs', () => {
  it('returns the allowance by program, bookings latest flight first with their service point, and exit-entry items', async () => {
    await insertRecords();
    const result = await fixture.run(QUERY, { r: [talent(1, 'BAIYUN_YUNJU'), talent(2, 'WUHAN_GREEN_CHANNEL')] });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: talentId(1), customs: BAIYUN }, { id: talentId(2), customs: WUHAN }] });
  });

  it('gives a talent with no records empty lists and the full allowance of its program', async () => {
    const result = await fixture.run(QUERY, {
      r: [talent(7, 'BAIYUN_YUNJU'), talent(8, 'LIWAN_YINGCAI'), talent(9, 'GUANGZHOU_GREEN_CARD'), { __typename: 'Talent', id: talentId(6) }],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: talentId(7), customs: none(2) },
        { id: talentId(8), customs: none(0) },
        { id: talentId(9), customs: none(0) },
        // Without the program the gateway should have sent (@requires), no allowance is assumed.
        { id: talentId(6), customs: none(0) },
      ],
    });
  });

  it('answers in the order of the representations, and null for a malformed id', async () => {
    await insertRecords();
    const result = await fixture.run(QUERY, {
      r: [talent(2, 'WUHAN_GREEN_CHANNEL'), { __typename: 'Talent', id: 'x', program: 'BAIYUN_YUNJU' }, talent(7, 'BAIYUN_YUNJU'), talent(1, 'BAIYUN_YUNJU')],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [{ id: talentId(2), customs: WUHAN }, null, { id: talentId(7), customs: none(2) }, { id: talentId(1), customs: BAIYUN }],
    });
  });

  it('costs one find per collection whether 1 or 25 talents are asked for (no N+1)', async () => {
    const ids = Array.from({ length: 25 }, (_, index) => 100 + index);
    await fixture.models.AirportServiceBooking.insertMany(
      ids.map((n) => ({ talentId: talentId(n), scope: 'DOMESTIC', direction: 'ARRIVAL', flightNumber: 'HU7801', flightTime: `${YEAR}-02-01T10:00:00+08:00`, ...trip, nameSign: true, status: 'SERVED', bookedAt: `${YEAR}-01-30T10:00:00+08:00` })),
    );
    await fixture.models.ExitEntryItem.insertMany(ids.map((n) => ({ talentId: talentId(n), kind: 'EXIT_ENTRY_PERMIT', applicantName: '王芳', status: 'RECEIVED', submittedOn: '2025-05-05' })));
    const expected = { 'find airport_service_bookings': 1, 'find exit_entry_items': 1 };

    fixture.dbCommands.reset();
    const one = await fixture.run(QUERY, { r: [talent(ids[0], 'BAIYUN_YUNJU')] });
    expect(one.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual(expected);

    fixture.dbCommands.reset();
    const many = await fixture.run<{ _entities: { customs: { airportService: { used: number } } }[] }>(QUERY, { r: ids.map((n) => talent(n, 'BAIYUN_YUNJU')) });
    expect(many.errors).toBeUndefined();
    expect(many.data?._entities.map((entity) => entity.customs.airportService.used)).toEqual(ids.map(() => 1));
    expect(fixture.dbCommands.snapshot()).toEqual(expected);
  });
});
