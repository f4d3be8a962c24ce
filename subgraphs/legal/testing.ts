// Shared by the legal tests: a fixture on a clock the test controls, the operations, and what
// to look at behind them (records, tasks, queued reports).
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { ExecutionResult } from 'graphql';
import { TestClock, testEnvironment } from '../../test/environment';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { Program } from '../kit/programs';
import { seededObjectId } from '../kit/seed-random';
import { buildLegalSubgraph } from './server';

/** Monday 15 June 2026, 10:00 in China: every legal test starts here. */
export const NOW = new Date('2026-06-15T10:00:00+08:00');

export const talentId = (n: number) => seededObjectId(0x1e9a_7e57, n);
export const caseId = (n: number) => seededObjectId(0xca5e_1e9a, n);

export interface LegalFixture extends SubgraphFixture {
  clock: TestClock;
  /** Through Apollo Server, as in production: variables are coerced and bad ones are BAD_USER_INPUT. */
  served(query: string, variables: Record<string, unknown>): Promise<ExecutionResult>;
}

export async function openLegalFixture(): Promise<LegalFixture> {
  const clock = new TestClock();
  clock.set(NOW);
  const fixture = await openSubgraphFixture(buildLegalSubgraph, testEnvironment({}, clock));
  const apollo = new ApolloServer<object>({ schema: fixture.schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();
  return {
    ...fixture,
    clock,
    served: async (query, variables) => {
      const response = await apollo.executeOperation({ query, variables }, { contextValue: {} });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as ExecutionResult;
    },
    close: async () => {
      await apollo.stop();
      await fixture.close();
    },
  };
}

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

/** Every document the legal department holds, to prove nothing was half-written. */
export async function documentCounts(fixture: SubgraphFixture): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(fixture.connection.models).map(async ([name, model]) => [name, await model.countDocuments()] as const),
  );
  return Object.fromEntries(entries.filter(([, count]) => count > 0));
}

interface QueuedReport {
  caseId: string;
  item: string;
  department: string;
  status: string;
  step: string | null;
  sequence: number;
}

/** The reports queued for the window, oldest first. */
export async function queuedReports(fixture: SubgraphFixture): Promise<QueuedReport[]> {
  const messages = await fixture.connection.models.Outbox_case_task_reports.find().sort({ createdAt: 1, _id: 1 }).lean<{ payload: QueuedReport }[]>();
  return messages.map(({ payload: { caseId: id, item, department, status, step, sequence } }) => ({ caseId: id, item, department, status, step, sequence }));
}

/** The error's count, code, field, and the rules it names. */
export function refusal(result: ExecutionResult) {
  const [error] = result.errors ?? [];
  const problems = (error?.extensions?.problems as { field: string; rule?: string }[] | undefined) ?? [];
  return { count: result.errors?.length ?? 0, code: error?.extensions?.code, field: error?.extensions?.field, rules: problems.map((problem) => problem.rule ?? problem.field) };
}
