// The household tests' own vocabulary: their fixture, clock start, ids, operations, people, forms. The
// mechanics (fixture, documents, queued reports, refusals) are test/case-desk.ts, shared by every department.
import type { ExecutionResult } from 'graphql';
import { refusal as refusalOf, useDeskFixture, type DeskFixture } from '../../test/case-desk';
import { testEnvironment } from '../../test/environment';
import type { ServiceCode } from '../kit/case-forms';
import { createCaseTaskDesk, type CaseTaskDelivery } from '../kit/case-task';
import type { Program } from '../kit/programs';
import { seededObjectId } from '../kit/seed-random';
import type { HouseholdServices } from './context';
import type { HouseholdModels } from './model';
import { buildHouseholdSubgraph } from './server';

/** Monday 15 June 2026, 10:00 in China: every household case test starts here. */
export const NOW = new Date('2026-06-15T10:00:00+08:00');
export const ACCEPTED_AT = '2026-06-15T09:30:00+08:00';

export const talentId = (n: number) => seededObjectId(0x40a5_e401, n);
export const caseId = (n: number) => seededObjectId(0xca5e_40a5, n);

export type HouseholdFixture = DeskFixture<HouseholdModels>;

/** The department for a test file, on a clock set to NOW before each test (test/case-desk.ts). */
export const useHouseholdFixture = (): HouseholdFixture => useDeskFixture<HouseholdModels>(buildHouseholdSubgraph, NOW);

export const TRANSFER_FIELDS = 'id caseId applicant { name relation birthDate dependent } route status currentStep steps { step status completedAt } submittedOn settledOn rejectionReason';
export const TASK_FIELDS = `id item status step note reason dueOn receivedAt completedAt transfers { ${TRANSFER_FIELDS} }`;

export const RECEIVE = /* GraphQL */ `
  mutation ($input: CaseTaskInput!) { receiveHouseholdCaseTask(input: $input) { ${TASK_FIELDS} } }
`;
export const ADVANCE = /* GraphQL */ `
  mutation ($id: ID!) { advanceHukouTransfer(id: $id) { ${TRANSFER_FIELDS} } }
`;
export const REJECT = /* GraphQL */ `
  mutation ($id: ID!, $reason: String!) { rejectHukouTransfer(id: $id, reason: $reason) { ${TRANSFER_FIELDS} } }
`;

export interface Person {
  name: string;
  relation: 'HOLDER' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'SPOUSE_PARENT';
  birthDate: string;
  idNumber: string | null;
  dependent?: boolean | null;
}

export const HOLDER: Person = { name: '李建国', relation: 'HOLDER', birthDate: '1979-06-12', idNumber: null };
export const SPOUSE: Person = { name: '王丽', relation: 'SPOUSE', birthDate: '1982-03-08', idNumber: null };
export const MINOR: Person = { name: '李小雨', relation: 'CHILD', birthDate: '2012-05-01', idNumber: null };
/** 20 on the day of acceptance. */
export const ADULT_CHILD: Person = { name: '李思远', relation: 'CHILD', birthDate: '2006-02-20', idNumber: null };
export const PARENT: Person = { name: '李大山', relation: 'PARENT', birthDate: '1950-01-10', idNumber: null };

export function hukouForm(applicants: Person[], route = 'PLANNED_GUIDANCE') {
  return { applicants, route, targetAddress: '广州市白云区同和路88号3栋1202房', policeStation: '同和派出所' };
}

export function delivery(n: number, talent: string, program: Program, item: 'HUKOU_TRANSFER_HOLDER' | 'HUKOU_TRANSFER_FAMILY', form: unknown) {
  return { caseId: caseId(n), talentId: talent, program, item, form: JSON.stringify(form), acceptedAt: ACCEPTED_AT, dueOn: '2026-07-13' };
}

/** The error's count, code, field, and the fields and rules of its problems. */
export function refusal(result: ExecutionResult) {
  const { count, code, field, problems } = refusalOf(result);
  return { count, code, field, problems };
}

/** The department's services as another process of it has them: its own desk on the same database and clock. */
export function secondProcess(fixture: HouseholdFixture): HouseholdServices {
  const environment = testEnvironment({}, fixture.clock);
  return { connection: fixture.connection, models: fixture.models, desk: createCaseTaskDesk(fixture.connection, environment, 'household'), environment };
}

/** A delivery as the desk takes it (kit/case-task.ts CaseTaskDelivery), from the GraphQL input the tests send. */
export function deskDelivery(input: ReturnType<typeof delivery>): CaseTaskDelivery {
  return { ...input, item: input.item as ServiceCode, acceptedAt: new Date(input.acceptedAt) };
}
