// The customs office's part of the role × field matrix (issue 4 "Access, decided by the owning
// department"): one query over every customs field of a talent and of their cases, asked through
// the gateway by every role, each row's FORBIDDEN paths written out here (not derived from
// access.ts), so a wrong policy fails the test. No program offers both services, so two talents
// answer it: the Baiyun holder's airport bookings (000 十三; 001 第四条（七）) and a Wuhan holder's
// exit-entry items (004 第五条), each worked as in life — at the window, directly, by the office.
// Then a talent's own hand on their booking (000 十三（三）3): change and cancel their own, never another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../subgraphs/kit/context';
import { departmentRows, expectMatrix, leafPaths, type MatrixRow } from './access-matrix';
import { airportItem, BAIYUN, itemsReach, staff, SUBMIT, withTestTalents, type CaseView } from './cases';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';
import { LIWAN } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;

/** A Wuhan green-channel holder (the program with exit-entry items; no shared test talent holds it), written to the registry below. */
const WUHAN = '64c0000000000000000000b1';
const HOUR = 3_600_000;

const BOOKING = 'id scope direction flightNumber flightTime servicePoint passengers { name } greeters { name } vehicles { plate } checkedLuggage nameSign contactPhone status bookedAt cancelledAt changedAt caseId';
const EXIT_ENTRY_ITEM = 'id kind applicantName status submittedOn completedOn rejectionReason caseId';
const MATRIX_QUERY = /* GraphQL */ `
  query ($id: ID!) {
    talent(id: $id) {
      id
      customs {
        airportService { year allowed used remaining }
        airportBookings { ${BOOKING} }
        exitEntryItems { ${EXIT_ENTRY_ITEM} }
      }
      cases { id customs { id item status step note reason dueOn receivedAt completedAt booking { ${BOOKING} } exitEntryItem { ${EXIT_ENTRY_ITEM} } } }
    }
  }
`;

const CUSTOMS_CASE = /* GraphQL */ `
  query ($id: ID!) { case(id: $id) { id status items { service status } customs { item booking { id } exitEntryItem { id } } } }
`;
type CustomsCase = Omit<CaseView, 'customs'> & { customs: { item: string; booking: { id: string } | null; exitEntryItem: { id: string } | null }[] };

async function submit(requestKey: string, talentId: string, items: unknown[], materials: string[], settled: Record<string, string[]>): Promise<CustomsCase> {
  const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, { input: { requestKey, talentId, items, materials } });
  expect(submitted.errors).toBeUndefined();
  return (await itemsReach(harness, submitted.data!.submitCase.id, settled, CUSTOMS_CASE)) as unknown as CustomsCase;
}

async function asOffice(mutation: string, variables: Record<string, unknown>): Promise<void> {
  const result = await harness.query(mutation, variables, await staff('customs'));
  expect(result.errors).toBeUndefined();
}

const CHANGE = `mutation($id: ID!, $input: ChangeAirportServiceInput!) { changeAirportServiceBooking(id: $id, input: $input) { flightNumber status } }`;
const CANCEL = `mutation($id: ID!) { cancelAirportServiceBooking(id: $id) { status } }`;
const holder: Viewer = { subject: 'holder', role: 'talent', talentId: BAIYUN };

/** The Baiyun holder's own direct booking, kept for their own change and cancellation below. */
let directBooking: string;

/**
 * Two uses a year (000 十三): a booking from the window changed and then cancelled by the office (its
 * use given back), a direct booking by the holder, a second from the window, and a third case refused
 * for the limit.
 */
async function airportBookings(): Promise<void> {
  const materials = ['TALENT_CARD', 'FLIGHT_DETAILS'];
  const cancelled = (await submit('customs-read-0001', BAIYUN, [airportItem(harness)], materials, { AIRPORT_VIP_DOMESTIC: ['IN_PROGRESS'] })).customs[0].booking!.id;
  await asOffice(CHANGE, { id: cancelled, input: { vehicles: [{ plate: '粤A67890' }] } });
  await asOffice(CANCEL, { id: cancelled });
  const direct = await harness.query<{ bookAirportService: { id: string } }>(
    `mutation($input: BookAirportServiceInput!) { bookAirportService(input: $input) { id } }`,
    {
      input: {
        talentId: BAIYUN, program: 'BAIYUN_YUNJU', scope: 'INTERNATIONAL', direction: 'ARRIVAL', flightNumber: 'SQ850',
        flightTime: new Date(harness.clock.now().getTime() + 50 * HOUR).toISOString(),
        passengers: [{ name: '陈思远' }], greeters: [{ name: '林晓燕' }], vehicles: [{ plate: '粤A12345' }], checkedLuggage: false, nameSign: true, contactPhone: '13800138000',
      },
    },
    await bearer(holder),
  );
  expect(direct.errors).toBeUndefined();
  directBooking = direct.data!.bookAirportService.id;
  await submit('customs-read-0002', BAIYUN, [airportItem(harness)], materials, { AIRPORT_VIP_DOMESTIC: ['IN_PROGRESS'] });
  await submit('customs-read-0003', BAIYUN, [airportItem(harness)], materials, { AIRPORT_VIP_DOMESTIC: ['REFUSED'] });
}

/** The Wuhan holder's exit-entry permit completed and residence permit rejected (004 第五条第1、5项; 第十一条). */
async function exitEntryItems(): Promise<void> {
  const { Talent } = harness.subgraphs.talent.connection.models;
  const baiyun = await Talent.findById(BAIYUN).lean<Record<string, unknown> & { mainCard: Record<string, unknown> }>();
  await Talent.create({
    ...baiyun, _id: WUHAN, name: '王静', district: '洪山区', program: 'WUHAN_GREEN_CHANNEL', family: [],
    idDocument: { type: 'RESIDENT_ID', number: '420111199001014321' },
    mainCard: { ...baiyun!.mainCard, number: 'WHLS-TEST-000001', program: 'WUHAN_GREEN_CHANNEL', holderName: '王静', eligibilityCode: '004-4-3' },
  });
  const items = [{ service: 'EXIT_ENTRY_PERMIT', exitEntry: { applicantName: '王静' } }, { service: 'RESIDENCE_PERMIT', exitEntry: { applicantName: '王静' } }];
  const view = await submit('customs-read-0004', WUHAN, items, ['ID_CARD', 'PASSPORT', 'PHOTO', 'RESIDENCE_PROOF'], { EXIT_ENTRY_PERMIT: ['IN_PROGRESS'], RESIDENCE_PERMIT: ['IN_PROGRESS'] });
  const itemOf = (service: string) => view.customs.find((task) => task.item === service)!.exitEntryItem!.id;
  for (let step = 0; step < 2; step += 1) await asOffice(`mutation($id: ID!) { advanceExitEntryItem(id: $id) { status } }`, { id: itemOf('EXIT_ENTRY_PERMIT') });
  await asOffice(`mutation($id: ID!) { rejectExitEntryItem(id: $id, reason: "居住证明材料不齐") { status } }`, { id: itemOf('RESIDENCE_PERMIT') });
}

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
  await airportBookings();
  await exitEntryItems();
});
afterAll(() => harness.stop());

/** Every role asking for `own`'s records; `analyst`: what an analyst may not see of them. */
function rows(own: string, analyst: string[]): MatrixRow[] {
  return departmentRows({ department: 'customs', otherDepartment: 'housing', own, foreign: LIWAN, window: [], analyst });
}

const NO_BOOKINGS = ['talent.customs.airportBookings', 'talent.cases.customs.booking'];
const NO_EXIT_ENTRY_ITEMS = ['talent.customs.exitEntryItems', 'talent.cases.customs.exitEntryItem'];
/** The query's leaves under these fields: what a holder of the other program legitimately leaves empty. */
const leavesUnder = (fields: string[]) => leafPaths(MATRIX_QUERY).filter((path) => fields.some((field) => path.startsWith(`${field}.`)));

describe('who reads the customs office’s records', () => {
  it('answers every role exactly as the matrix says over the airport bookings', async () => {
    const analyst = [
      'talent.customs.airportBookings.flightNumber',
      'talent.customs.airportBookings.passengers.name',
      'talent.customs.airportBookings.greeters.name',
      'talent.customs.airportBookings.vehicles.plate',
      'talent.customs.airportBookings.contactPhone',
      'talent.cases.customs.note',
      'talent.cases.customs.reason',
      'talent.cases.customs.booking.flightNumber',
      'talent.cases.customs.booking.passengers.name',
      'talent.cases.customs.booking.greeters.name',
      'talent.cases.customs.booking.vehicles.plate',
      'talent.cases.customs.booking.contactPhone',
    ];
    await expectMatrix(harness, MATRIX_QUERY, rows(BAIYUN, analyst), leavesUnder(NO_EXIT_ENTRY_ITEMS));
  });

  it('answers every role exactly as the matrix says over the exit-entry items', async () => {
    const analyst = [
      'talent.customs.exitEntryItems.applicantName',
      'talent.customs.exitEntryItems.rejectionReason',
      'talent.cases.customs.note',
      'talent.cases.customs.reason',
      'talent.cases.customs.exitEntryItem.applicantName',
      'talent.cases.customs.exitEntryItem.rejectionReason',
    ];
    await expectMatrix(harness, MATRIX_QUERY, rows(WUHAN, analyst), leavesUnder(NO_BOOKINGS));
  });
});

describe('a talent’s hand on their own booking (000 十三（三）3)', () => {
  type Booking = { id: string; flightNumber: string; status: string };
  const bookingsOf = async () =>
    (await harness.query<{ talent: { customs: { airportService: { used: number }; airportBookings: Booking[] } } }>(
      `query($id: ID!) { talent(id: $id) { customs { airportService { used } airportBookings { id flightNumber status } } } }`,
      { id: BAIYUN },
    )).data!.talent.customs;
  const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code ?? null;

  it("refuses another talent's change or cancellation of a booking, and nothing changes", async () => {
    const before = await bookingsOf();
    const stranger = await bearer({ subject: 'other', role: 'talent', talentId: LIWAN });
    expect(codeOf(await harness.query(CHANGE, { id: directBooking, input: { flightNumber: 'CZ3999' } }, stranger))).toBe('FORBIDDEN');
    expect(codeOf(await harness.query(CANCEL, { id: directBooking }, stranger))).toBe('FORBIDDEN');
    expect(await bookingsOf()).toEqual(before);
  });

  it('lets the holder change and cancel their own, under the same rules as the office', async () => {
    const own = await bearer(holder);
    // Every rule is checked again, for the holder as for the office: the lead time (000 十三（三）1).
    const tooLate = await harness.query(CHANGE, { id: directBooking, input: { flightTime: new Date(harness.clock.now().getTime() + HOUR).toISOString() } }, own);
    expect(tooLate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await harness.query(CHANGE, { id: directBooking, input: { flightNumber: 'CZ3999' } }, own)).toEqual({ data: { changeAirportServiceBooking: { flightNumber: 'CZ3999', status: 'BOOKED' } } });

    const { used } = (await bookingsOf()).airportService;
    expect(await harness.query(CANCEL, { id: directBooking }, own)).toEqual({ data: { cancelAirportServiceBooking: { status: 'CANCELLED' } } });
    // The yearly allowance counts the holder's cancellation as the office's: the use is given back.
    const after = await bookingsOf();
    expect(after.airportService.used).toBe(used - 1);
    expect(after.airportBookings.find((booking) => booking.id === directBooking)).toEqual({ id: directBooking, flightNumber: 'CZ3999', status: 'CANCELLED' });
  });
});
