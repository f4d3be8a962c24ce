// Shared by the health tests: a fixture on a clock the test controls, the operations, and what
// to look at behind them (records, tasks, queued reports).
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { ExecutionResult } from 'graphql';
import { TestClock, testEnvironment } from '../../test/environment';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { Program } from '../kit/programs';
import { seededObjectId } from '../kit/seed-random';
import { buildHealthSubgraph } from './server';

/** Monday 15 June 2026, 10:00 in China: every health test starts here. */
export const NOW = new Date('2026-06-15T10:00:00+08:00');
export const TODAY = '2026-06-15';

export const talentId = (n: number) => seededObjectId(0x4ea1_7e57, n);
export const caseId = (n: number) => seededObjectId(0xca5e_4ea1, n);

export interface HealthFixture extends SubgraphFixture {
  clock: TestClock;
  /** Through Apollo Server, as in production: variables are coerced and bad ones are BAD_USER_INPUT. */
  served(query: string, variables: Record<string, unknown>): Promise<ExecutionResult>;
}

export async function openHealthFixture(): Promise<HealthFixture> {
  const clock = new TestClock();
  clock.set(NOW);
  const fixture = await openSubgraphFixture(buildHealthSubgraph, testEnvironment({}, clock));
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

/** Every document the health department holds, to prove nothing was half-written. */
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
  const messages = await fixture.connection.models.Outbox_case_task_reports.find().sort({ createdAt: 1, _id: 1 }).lean<{ destination: string; payload: QueuedReport }[]>();
  return messages.map(({ payload: { caseId: id, item, department, status, step, sequence } }) => ({ caseId: id, item, department, status, step, sequence }));
}

/** The error's code, field, and the rules it names. */
export function refusal(result: ExecutionResult) {
  const [error] = result.errors ?? [];
  const problems = (error?.extensions?.problems as { field: string; rule?: string; source?: string }[] | undefined) ?? [];
  return { count: result.errors?.length ?? 0, code: error?.extensions?.code, field: error?.extensions?.field, rules: problems.map((problem) => problem.rule ?? problem.field) };
}
