// Shared by the customs tests: a fixture with a movable clock, and the forms and queries they send.
import type { Model } from 'mongoose';
import { TestClock, testEnvironment } from '../../test/environment';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { CaseTaskDoc } from '../kit/case-task';
import type { OutboxMessage } from '../kit/outbox';
import { seededObjectId } from '../kit/seed-random';
import type { CustomsModels } from './model';
import { buildCustomsSubgraph } from './server';

export const NOW = new Date('2026-04-20T10:00:00+08:00');
export const HOUR = 3_600_000;

export interface CustomsFixture {
  fixture: SubgraphFixture;
  clock: TestClock;
  models: CustomsModels;
  tasks: Model<CaseTaskDoc>;
  outbox: Model<OutboxMessage>;
}

export async function openCustomsFixture(): Promise<CustomsFixture> {
  const clock = new TestClock();
  clock.set(NOW);
  const fixture = await openSubgraphFixture(buildCustomsSubgraph, testEnvironment({}, clock));
  const models = fixture.connection.models as unknown as CustomsModels & { CaseTask: Model<CaseTaskDoc>; Outbox_case_task_reports: Model<OutboxMessage> };
  return { fixture, clock, models, tasks: models.CaseTask, outbox: models.Outbox_case_task_reports };
}

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

export const BOOKING_FIELDS = `id scope direction flightNumber flightTime servicePoint status bookedAt cancelledAt changedAt caseId nameSign contactPhone
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

/** The reports the desk queued for the window, in sequence order. */
export async function reports(outbox: Model<OutboxMessage>) {
  const messages = await outbox.find().lean<OutboxMessage[]>();
  return messages
    .map((message) => message.payload as { caseId: string; item: string; department: string; status: string; step: string | null; sequence: number })
    .sort((a, b) => a.caseId.localeCompare(b.caseId) || a.sequence - b.sequence)
    .map(({ caseId: id, item, department, status, step, sequence }) => ({ caseId: id, item, department, status, step, sequence }));
}

/** The problems of a BAD_USER_INPUT error as [rule, source] pairs. */
export function rulesOf(error: { extensions?: Record<string, unknown> } | undefined): [string, string][] {
  const problems = (error?.extensions?.problems ?? []) as { rule: string; source: string }[];
  return problems.map((problem) => [problem.rule, problem.source]);
}
