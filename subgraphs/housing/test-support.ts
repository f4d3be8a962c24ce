// Shared by the housing tests: a fixture with a movable clock, and the forms and queries they send.
import type { Model } from 'mongoose';
import { TestClock, testEnvironment } from '../../test/environment';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { CaseTaskDoc } from '../kit/case-task';
import type { OutboxMessage } from '../kit/outbox';
import { seededObjectId } from '../kit/seed-random';
import type { HousingModels } from './model';
import { buildHousingSubgraph } from './server';

export const NOW = new Date('2026-03-16T10:00:00+08:00');

export interface HousingFixture {
  fixture: SubgraphFixture;
  clock: TestClock;
  models: HousingModels;
  tasks: Model<CaseTaskDoc>;
  outbox: Model<OutboxMessage>;
}

export async function openHousingFixture(): Promise<HousingFixture> {
  const clock = new TestClock();
  clock.set(NOW);
  const fixture = await openSubgraphFixture(buildHousingSubgraph, testEnvironment({}, clock));
  const models = fixture.connection.models as unknown as HousingModels & { CaseTask: Model<CaseTaskDoc>; Outbox_case_task_reports: Model<OutboxMessage> };
  return { fixture, clock, models, tasks: models.CaseTask, outbox: models.Outbox_case_task_reports };
}

export const talentId = (n: number) => seededObjectId(0x4a11, n);
export const caseId = (n: number) => seededObjectId(0x4a12, n);

type Relation = 'HOLDER' | 'SPOUSE' | 'MINOR_CHILD';
export const person = (personName: string, relation: Relation, homesOwned = 0, city = '广州市') => ({ personName, relation, city, homesOwned });

/** An eligible Liwan household of three (002 四). */
export const liwanForm = (overrides: Record<string, unknown> = {}) => ({
  district: '荔湾区',
  project: '白鹅潭人才公寓',
  householdSize: 3,
  declarations: [person('李伟', 'HOLDER'), person('陈芳', 'SPOUSE'), person('李子轩', 'MINOR_CHILD')],
  ...overrides,
});

export const delivery = (n: number, form: unknown, overrides: Record<string, unknown> = {}) => ({
  caseId: caseId(n),
  talentId: talentId(n),
  program: 'LIWAN_YINGCAI',
  item: 'TALENT_APARTMENT',
  form: JSON.stringify(form),
  acceptedAt: '2026-03-16T09:00:00+08:00',
  dueOn: '2026-04-28',
  ...overrides,
});

export const APPLICATION_FIELDS = 'id status district project householdSize submittedOn decidedOn waitlistPosition rejectionReason caseId allocatedUnit { project building unitNumber areaSqm }';
export const TASK_FIELDS = `id item status step note reason dueOn receivedAt completedAt application { ${APPLICATION_FIELDS} }`;

export const RECEIVE = /* GraphQL */ `
  mutation ($input: CaseTaskInput!) { receiveHousingCaseTask(input: $input) { ${TASK_FIELDS} } }
`;
export const WAITLIST = /* GraphQL */ `mutation ($id: ID!) { waitlistApartmentApplication(id: $id) { ${APPLICATION_FIELDS} } }`;
export const ALLOCATE = /* GraphQL */ `
  mutation ($id: ID!, $unit: TalentApartmentUnitInput!) { allocateApartment(id: $id, unit: $unit) { ${APPLICATION_FIELDS} } }
`;
export const REJECT = /* GraphQL */ `mutation ($id: ID!, $reason: String!) { rejectApartmentApplication(id: $id, reason: $reason) { ${APPLICATION_FIELDS} } }`;
export const APPLY = /* GraphQL */ `
  mutation ($input: TalentApartmentApplicationInput!) { applyForTalentApartment(input: $input) { ${APPLICATION_FIELDS} } }
`;

/** The reports the desk queued for the window, in sequence order. */
export async function reports(outbox: Model<OutboxMessage>) {
  const messages = await outbox.find().lean<OutboxMessage[]>();
  return messages
    .map((message) => message.payload as { caseId: string; item: string; department: string; status: string; step: string | null; sequence: number; reason: string | null })
    .sort((a, b) => a.caseId.localeCompare(b.caseId) || a.sequence - b.sequence)
    .map(({ caseId: id, item, department, status, step, sequence, reason }) => ({ caseId: id, item, department, status, step, sequence, reason }));
}

/** The problems of a BAD_USER_INPUT error as [rule, source] pairs. */
export function rulesOf(error: { extensions?: Record<string, unknown> } | undefined): [string, string][] {
  const problems = (error?.extensions?.problems ?? []) as { rule: string; source: string }[];
  return problems.map((problem) => [problem.rule, problem.source]);
}
