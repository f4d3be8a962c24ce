// The health tests' own vocabulary: their fixture, clock start, ids, operations, forms. The
// mechanics (fixture, documents, queued reports, refusals) are test/case-desk.ts, shared by every department.
import type { ExecutionResult } from 'graphql';
import { queuedReports as reportsOf, refusal as refusalOf, useDeskFixture, type DeskFixture } from '../../test/case-desk';
import { testEnvironment } from '../../test/environment';
import type { ServiceCode } from '../kit/case-forms';
import { createCaseTaskDesk, type CaseTaskDelivery } from '../kit/case-task';
import type { Program } from '../kit/programs';
import { seededObjectId } from '../kit/seed-random';
import type { HealthServices } from './context';
import type { HealthModels } from './model';
import { buildHealthSubgraph } from './server';

/** Monday 15 June 2026, 10:00 in China: every health test starts here. */
export const NOW = new Date('2026-06-15T10:00:00+08:00');
export const TODAY = '2026-06-15';

export const talentId = (n: number) => seededObjectId(0x4ea1_7e57, n);
export const caseId = (n: number) => seededObjectId(0xca5e_4ea1, n);

export type HealthFixture = DeskFixture<HealthModels>;

/** The department for a test file, on a clock set to NOW before each test (test/case-desk.ts). */
export const useHealthFixture = (): HealthFixture => useDeskFixture<HealthModels>(buildHealthSubgraph, NOW);

export const TASK_FIELDS = /* GraphQL */ `
  id item status step note reason dueOn receivedAt completedAt
  checkupBooking { id caseId year kind hospital scheduledOn status }
  familyDoctorContract { id caseId team communityHealthCentre package startsOn endsOn status renewals }
`;

export const RECEIVE = /* GraphQL */ `
  mutation ($input: CaseTaskInput!) { receiveHealthCaseTask(input: $input) { ${TASK_FIELDS} } }
`;

export const BOOKING_FIELDS = 'id caseId year kind hospital scheduledOn status';
export const CONTRACT_FIELDS = 'id caseId team communityHealthCentre package startsOn endsOn status renewals';

export function delivery(n: number, talent: string, program: Program, item: string, form: unknown) {
  return { caseId: caseId(n), talentId: talent, program, item, form: JSON.stringify(form), acceptedAt: '2026-06-15T09:30:00+08:00', dueOn: '2026-06-22' };
}

export const LIWAN_CONTRACT = { communityHealthCentre: '荔湾区逢源街社区卫生服务中心', team: '逢源家庭医生一队', package: 'FREE', startsOn: TODAY };

/** The reports due to the window, one per task with its current state (the tests here look past their reasons). */
export const queuedReports = (fixture: DeskFixture) => reportsOf(fixture, { reason: false });

/** The error's count, code, field, and the rules it names. */
export function refusal(result: ExecutionResult) {
  const { count, code, field, problems } = refusalOf(result);
  return { count, code, field, rules: problems };
}

/**
 * Another process of the department on the fixture's database and clock: its own desk (for the
 * recovery round its reporter runs) and the services its decisions use.
 */
export function secondProcess(fixture: HealthFixture): HealthServices {
  const environment = testEnvironment({}, fixture.clock);
  return { connection: fixture.connection, models: fixture.models, desk: createCaseTaskDesk(fixture.connection, environment, 'health'), environment };
}

/** A delivery as the desk takes it (kit/case-task.ts CaseTaskDelivery), from the GraphQL input the tests send. */
export function deskDelivery(input: ReturnType<typeof delivery>): CaseTaskDelivery {
  return { ...input, item: input.item as ServiceCode, acceptedAt: new Date(input.acceptedAt) };
}
