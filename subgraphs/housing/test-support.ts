// The housing tests' own vocabulary: their fixture, clock start, ids, forms and operations. The
// mechanics (fixture, queued reports, refusals) are test/case-desk.ts, shared by every department.
import { queuedReports, useDeskFixture, type DeskFixture } from '../../test/case-desk';
import type { TestCard } from '../../test/environment';
import { seededObjectId } from '../kit/seed-random';
import type { HousingModels } from './model';
import { buildHousingSubgraph } from './server';

export const NOW = new Date('2026-03-16T10:00:00+08:00');

export type HousingFixture = DeskFixture<HousingModels>;

/** What the window's registry answers the direct service: a talent left out has no registered family. */
export const registry = new Map<string, TestCard>();

/** The department for a test file, on a clock set to NOW before each test (test/case-desk.ts). */
export const useHousingFixture = (): HousingFixture => useDeskFixture<HousingModels>(buildHousingSubgraph, NOW, registry);

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

/** The reports the desk has due for the window: each task's current state, by case and item. */
export const reports = (fixture: HousingFixture) => queuedReports(fixture);
