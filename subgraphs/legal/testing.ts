// The legal tests' own vocabulary: their fixture, clock start, ids, operations, counsel and forms. The
// mechanics (fixture, documents, queued reports, refusals) are test/case-desk.ts, shared by every department.
import type { ExecutionResult } from 'graphql';
import { queuedReports as reportsOf, refusal as refusalOf, useDeskFixture, type DeskFixture } from '../../test/case-desk';
import { testEnvironment } from '../../test/environment';
import type { ServiceCode } from '../kit/case-forms';
import { createCaseTaskDesk, type CaseTaskDelivery } from '../kit/case-task';
import type { Program } from '../kit/programs';
import { seededObjectId } from '../kit/seed-random';
import type { LegalServices } from './context';
import type { LegalModels } from './model';
import { buildLegalSubgraph } from './server';

/** Monday 15 June 2026, 10:00 in China: every legal test starts here. */
export const NOW = new Date('2026-06-15T10:00:00+08:00');

export const talentId = (n: number) => seededObjectId(0x1e9a_7e57, n);
export const caseId = (n: number) => seededObjectId(0xca5e_1e9a, n);

export type LegalFixture = DeskFixture<LegalModels>;

/** The department for a test file, on a clock set to NOW before each test (test/case-desk.ts). */
export const useLegalFixture = (): LegalFixture => useDeskFixture<LegalModels>(buildLegalSubgraph, NOW);

export const CONSULTATION_FIELDS = 'id caseId topic category personalMatter channel status free feeBearing feeNote requestedAt answeredAt counsel { name role office }';

export const TASK_FIELDS = `id item status step note reason dueOn receivedAt completedAt consultation { ${CONSULTATION_FIELDS} }`;

export const RECEIVE = /* GraphQL */ `
  mutation ($input: CaseTaskInput!) { receiveLegalCaseTask(input: $input) { ${TASK_FIELDS} } }
`;

export const ASSIGN = `mutation ($id: ID!, $counsel: LegalCounselInput!) { assignLegalCounsel(id: $id, counsel: $counsel) { ${CONSULTATION_FIELDS} } }`;
export const ANSWER = `mutation ($id: ID!) { answerLegalConsultation(id: $id) { ${CONSULTATION_FIELDS} } }`;
export const CLOSE = `mutation ($id: ID!) { closeLegalConsultation(id: $id) { ${CONSULTATION_FIELDS} } }`;

export const ADVISER = { name: '陈志强', role: 'GOVERNMENT_LEGAL_ADVISER', office: '白云区司法局法制与律师管理科' };
export const LAWYER = { name: '梁嘉欣', role: 'LAWYER', office: '荔湾区公共法律服务中心' };

export const PERSONAL_PHONE = { topic: '劳动合同解除的经济补偿', category: 'CONSULTATION', personalMatter: true, channel: 'PHONE' };

export function delivery(n: number, talent: string, program: Program, form: unknown, item = 'LEGAL_CONSULTATION') {
  return { caseId: caseId(n), talentId: talent, program, item, form: JSON.stringify(form), acceptedAt: '2026-06-15T09:30:00+08:00', dueOn: '2026-06-22' };
}

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
export function secondProcess(fixture: LegalFixture): LegalServices {
  const environment = testEnvironment({}, fixture.clock);
  return { connection: fixture.connection, models: fixture.models, desk: createCaseTaskDesk(fixture.connection, environment, 'legal'), environment };
}

/** A delivery as the desk takes it (kit/case-task.ts CaseTaskDelivery), from the GraphQL input the tests send. */
export function deskDelivery(input: ReturnType<typeof delivery>): CaseTaskDelivery {
  return { ...input, item: input.item as ServiceCode, acceptedAt: new Date(input.acceptedAt) };
}
