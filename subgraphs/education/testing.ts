// Shared by the education tests: a fixture on a clock the test controls, the operations, and
// what to look at behind them (enrolments, tasks, queued reports).
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { ExecutionResult } from 'graphql';
import { TestClock, testEnvironment } from '../../test/environment';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { Program } from '../kit/programs';
import { seededObjectId } from '../kit/seed-random';
import { buildEducationSubgraph } from './server';

/** Monday 15 June 2026, 10:00 in China: every education case test starts here. */
export const NOW = new Date('2026-06-15T10:00:00+08:00');
export const ACCEPTED_AT = '2026-06-15T09:30:00+08:00';

export const talentId = (n: number) => seededObjectId(0xed0c_a7e1, n);
export const caseId = (n: number) => seededObjectId(0xca5e_ed0c, n);

export interface EducationFixture extends SubgraphFixture {
  clock: TestClock;
  /** Through Apollo Server, as in production: variables are coerced and bad ones are BAD_USER_INPUT. */
  served(query: string, variables: Record<string, unknown>): Promise<ExecutionResult>;
}

export async function openEducationFixture(): Promise<EducationFixture> {
  const clock = new TestClock();
  clock.set(NOW);
  const fixture = await openSubgraphFixture(buildEducationSubgraph, testEnvironment({}, clock));
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

export const ENROLMENT_FIELDS =
  'id caseId child { name gender birthDate ageAtEntry } level schoolYear district preferredSchool assignedSchool lotteryOutcome priorityOutcome status submittedOn decidedOn source';
export const TASK_FIELDS = `id item status step note reason dueOn receivedAt completedAt enrolment { ${ENROLMENT_FIELDS} }`;

export const RECEIVE = /* GraphQL */ `
  mutation ($input: CaseTaskInput!) { receiveEducationCaseTask(input: $input) { ${TASK_FIELDS} } }
`;
export const APPLY = /* GraphQL */ `
  mutation ($input: ApplySchoolEnrolmentInput!) { applySchoolEnrolment(input: $input) { ${ENROLMENT_FIELDS} } }
`;
export const LOTTERY = /* GraphQL */ `
  mutation ($id: ID!, $won: Boolean!, $school: String) { recordKindergartenLottery(id: $id, won: $won, school: $school) { ${ENROLMENT_FIELDS} } }
`;
export const PLACE = /* GraphQL */ `
  mutation ($id: ID!, $school: String!, $priority: Boolean, $localDemandMet: Boolean) {
    placeEnrolment(id: $id, school: $school, priority: $priority, localDemandMet: $localDemandMet) { ${ENROLMENT_FIELDS} }
  }
`;
export const WAITLIST = /* GraphQL */ `
  mutation ($id: ID!) { waitlistEnrolment(id: $id) { ${ENROLMENT_FIELDS} } }
`;

export interface Child {
  name: string;
  relation: 'HOLDER' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'SPOUSE_PARENT';
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  idNumber?: string | null;
}

/** 3 on 31 August 2026: kindergarten. */
export const TODDLER: Child = { name: '陈可欣', relation: 'CHILD', gender: 'FEMALE', birthDate: '2023-03-10', idNumber: null };
/** 6 on 31 August 2026: primary. */
export const SIX: Child = { name: '陈子轩', relation: 'CHILD', gender: 'MALE', birthDate: '2020-05-01', idNumber: null };

export function enrolmentForm(child: Child, level: string, overrides: Record<string, unknown> = {}) {
  const district = '白云区';
  const preferredSchool = level === 'KINDERGARTEN' ? '广州市白云区京溪幼儿园' : '广州市白云区京溪小学';
  return { child, level, schoolYear: 2026, district, preferredSchool, ...overrides };
}

export type EducationItem = 'KINDERGARTEN_ENROLMENT' | 'SCHOOL_ENROLMENT';

export function delivery(n: number, talent: string, program: Program, item: EducationItem, form: unknown) {
  return { caseId: caseId(n), talentId: talent, program, item, form: JSON.stringify(form), acceptedAt: ACCEPTED_AT, dueOn: '2026-07-13' };
}

/** Every document the education department holds, to prove nothing was half-written. */
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

/** The error's count, code, field, the rules (or fields) of its problems, and its message. */
export function refusal(result: ExecutionResult) {
  const [error] = result.errors ?? [];
  const problems = (error?.extensions?.problems as { field: string; rule?: string }[] | undefined) ?? [];
  return { count: result.errors?.length ?? 0, code: error?.extensions?.code, field: error?.extensions?.field, problems: problems.map((problem) => problem.rule ?? problem.field), message: error?.message ?? '' };
}
