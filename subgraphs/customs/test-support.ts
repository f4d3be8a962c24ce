// The customs tests' own vocabulary: their fixture, clock start, ids, forms and operations. The
// mechanics (fixture, queued reports, refusals) are test/case-desk.ts, shared by every department.
import { queuedReports, useDeskFixture, type DeskFixture } from '../../test/case-desk';
import { seededObjectId } from '../kit/seed-random';
import type { CustomsModels } from './model';
import { buildCustomsSubgraph } from './server';

export const NOW = new Date('2026-04-20T10:00:00+08:00');
export const HOUR = 3_600_000;

export type CustomsFixture = DeskFixture<CustomsModels>;

/** The department for a test file, on a clock set to NOW before each test (test/case-desk.ts). */
export const useCustomsFixture = (): CustomsFixture => useDeskFixture<CustomsModels>(buildCustomsSubgraph, NOW);

export const talentId = (n: number) => seededObjectId(0xc5a1, n);
export const caseId = (n: number) => seededObjectId(0xc5a2, n);

/** A domestic arrival on 1 May 2026 with every field 000 十三（三）2 lists. */
export const airportForm = (overrides: Record<string, unknown> = {}) => ({
  direction: 'ARRIVAL',
  flightNumber: 'CZ3101',
  flightTime: '2026-05-01T12:00:00+08:00',
  passengers: [{ name: '张伟' }],
  greeters: [{ name: '李娜' }],
  vehicles: [{ plate: '粤A12345' }],
  checkedLuggage: true,
  nameSign: true,
  contactPhone: '13812345678',
  ...overrides,
});

export const delivery = (n: number, form: unknown, overrides: Record<string, unknown> = {}) => ({
  caseId: caseId(n),
  talentId: talentId(n),
  program: 'BAIYUN_YUNJU',
  item: 'AIRPORT_VIP_DOMESTIC',
  form: JSON.stringify(form),
  acceptedAt: '2026-04-20T09:00:00+08:00',
  dueOn: '2026-04-21',
  ...overrides,
});

export const BOOKING_FIELDS = `id scope direction flightNumber flightTime servicePoint status bookedAt cancelledAt changedAt caseId nameSign contactPhone(full: true)
  passengers { name } greeters { name } vehicles { plate }`;
export const ITEM_FIELDS = 'id kind applicantName status submittedOn completedOn rejectionReason caseId';
export const TASK_FIELDS = `id item status step note reason dueOn receivedAt completedAt booking { ${BOOKING_FIELDS} } exitEntryItem { ${ITEM_FIELDS} }`;

export const RECEIVE = /* GraphQL */ `mutation ($input: CaseTaskInput!) { receiveCustomsCaseTask(input: $input) { ${TASK_FIELDS} } }`;
export const BOOK = /* GraphQL */ `mutation ($input: BookAirportServiceInput!) { bookAirportService(input: $input) { ${BOOKING_FIELDS} } }`;
export const CHANGE = /* GraphQL */ `
  mutation ($id: ID!, $input: ChangeAirportServiceInput!) { changeAirportServiceBooking(id: $id, input: $input) { ${BOOKING_FIELDS} } }
`;
export const CANCEL = /* GraphQL */ `mutation ($id: ID!) { cancelAirportServiceBooking(id: $id) { ${BOOKING_FIELDS} } }`;
export const SERVED = /* GraphQL */ `mutation ($id: ID!) { recordAirportServiceServed(id: $id) { ${BOOKING_FIELDS} } }`;
export const ADVANCE = /* GraphQL */ `mutation ($id: ID!) { advanceExitEntryItem(id: $id) { ${ITEM_FIELDS} } }`;
export const REJECT_ITEM = /* GraphQL */ `mutation ($id: ID!, $reason: String!) { rejectExitEntryItem(id: $id, reason: $reason) { ${ITEM_FIELDS} } }`;

/** The reports the desk has due for the window: each task's current state, by case and item. */
export const reports = (fixture: CustomsFixture) => queuedReports(fixture, { reason: false });
