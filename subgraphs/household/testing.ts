// Shared by the household case tests: a fixture on a clock the test controls, the operations,
// and what to look at behind them (transfers, tasks, queued reports).
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { ExecutionResult } from 'graphql';
import { TestClock, testEnvironment } from '../../test/environment';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { Program } from '../kit/programs';
import { seededObjectId } from '../kit/seed-random';
import { buildHouseholdSubgraph } from './server';

/** Monday 15 June 2026, 10:00 in China: every household case test starts here. */
export const NOW = new Date('2026-06-15T10:00:00+08:00');
export const ACCEPTED_AT = '2026-06-15T09:30:00+08:00';

export const talentId = (n: number) => seededObjectId(0x40a5_e401, n);
export const caseId = (n: number) => seededObjectId(0xca5e_40a5, n);

export interface HouseholdFixture extends SubgraphFixture {
  clock: TestClock;
  /** Through Apollo Server, as in production: variables are coerced and bad ones are BAD_USER_INPUT. */
  served(query: string, variables: Record<string, unknown>): Promise<ExecutionResult>;
}

export async function openHouseholdFixture(): Promise<HouseholdFixture> {
  const clock = new TestClock();
  clock.set(NOW);
  const fixture = await openSubgraphFixture(buildHouseholdSubgraph, testEnvironment({}, clock));
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

/** Every document the household department holds, to prove nothing was half-written. */
export async function documentCounts(fixture: SubgraphFixture): Promise<Record<string, number>> {
  const entries = await Promise.all(Object.entries(fixture.connection.models).map(async ([name, model]) => [name, await model.countDocuments()] as const));
  return Object.fromEntries(entries.filter(([, count]) => count > 0));
}

export interface QueuedReport {
  caseId: string;
  item: string;
  department: string;
  status: string;
  step: string | null;
  reason: string | null;
  sequence: number;
}

/** The reports queued for the window, oldest first. */
export async function queuedReports(fixture: SubgraphFixture): Promise<QueuedReport[]> {
  const messages = await fixture.connection.models.Outbox_case_task_reports.find().sort({ createdAt: 1, _id: 1 }).lean<{ payload: QueuedReport }[]>();
  return messages.map(({ payload: { caseId: id, item, department, status, step, reason, sequence } }) => ({ caseId: id, item, department, status, step, reason, sequence }));
}

/** The error's count, code, field, and the fields and rules of its problems. */
export function refusal(result: ExecutionResult) {
  const [error] = result.errors ?? [];
  const problems = (error?.extensions?.problems as { field: string; rule?: string }[] | undefined) ?? [];
  return { count: result.errors?.length ?? 0, code: error?.extensions?.code, field: error?.extensions?.field, problems: problems.map((problem) => problem.rule ?? problem.field) };
}
