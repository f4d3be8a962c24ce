// Shared by every department's unit tests: the department's subgraph on a database of the test's
// own and on a clock the test controls, operations sent straight to its schema (or through Apollo
// Server, as production coerces variables), and what to look at behind them — the documents
// written, the reports its desk has due for the window, the problems of a refusal.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { ExecutionResult } from 'graphql';
import type { Model } from 'mongoose';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { CaseTaskDoc } from '../subgraphs/kit/case-task';
import { isInputFormat } from '../subgraphs/kit/input-format';
import type { SubgraphFactory } from '../subgraphs/kit/subgraph';
import { TestClock, testEnvironment, type TestCards } from './environment';
import { openSubgraphFixture, type SubgraphFixture } from './subgraph-fixture';

export interface DeskFixture<Models = unknown> extends SubgraphFixture {
  clock: TestClock;
  /** The department's models (its model.ts), by name. */
  models: Models;
  /** The desk's case tasks (kit/case-task.ts). */
  tasks: Model<CaseTaskDoc>;
  /** Through Apollo Server, as in production: variables are coerced and bad ones are BAD_USER_INPUT. */
  served(query: string, variables: Record<string, unknown>): Promise<ExecutionResult>;
}

/**
 * `now`: where the clock starts (without it, the clock runs on real time); `cards`: what the
 * window's registry answers the department's direct services (test/environment.ts TestCards).
 */
export async function openDeskFixture<Models>(factory: SubgraphFactory, now?: Date, cards?: TestCards): Promise<DeskFixture<Models>> {
  const clock = new TestClock();
  if (now) clock.set(now);
  const fixture = await openSubgraphFixture(factory, testEnvironment({}, clock, cards));
  const models = fixture.connection.models;
  // Started on first use: most tests never go through Apollo Server.
  let apollo: Promise<ApolloServer<object>> | null = null;
  const started = () =>
    (apollo ??= (async () => {
      const server = new ApolloServer<object>({ schema: fixture.schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
      await server.start();
      return server;
    })());
  return {
    ...fixture,
    clock,
    models: models as unknown as Models,
    tasks: models.CaseTask as unknown as Model<CaseTaskDoc>,
    served: async (query, variables) => {
      const response = await (await started()).executeOperation({ query, variables }, { contextValue: {} });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as ExecutionResult;
    },
    close: async () => {
      if (apollo) await (await apollo).stop();
      await fixture.close();
    },
  };
}

/**
 * One fixture for a test file: opened before its first test, closed after its last; before each
 * test the clock is back at `now` (when given) and every collection is empty. The object returned
 * is filled in when the fixture opens, so the file can name it at the top.
 */
export function useDeskFixture<Models>(factory: SubgraphFactory, now?: Date, cards?: TestCards): DeskFixture<Models> {
  const fixture = {} as DeskFixture<Models>;
  beforeAll(async () => {
    Object.assign(fixture, await openDeskFixture<Models>(factory, now, cards));
  });
  beforeEach(async () => {
    if (now) fixture.clock.set(now);
    await fixture.clear();
  });
  afterAll(() => fixture.close?.());
  return fixture;
}

/** Every document the department holds, by model, to prove nothing was half-written. */
export async function documentCounts(fixture: Pick<SubgraphFixture, 'connection'>): Promise<Record<string, number>> {
  const entries = await Promise.all(Object.entries(fixture.connection.models).map(async ([name, model]) => [name, await model.countDocuments()] as const));
  return Object.fromEntries(entries.filter(([, count]) => count > 0));
}

/** A report to the window as the desk has it due (kit/task-reports.ts reportOf): the task's current state, without its time. */
export interface QueuedReport {
  caseId: string;
  item: string;
  department: string;
  status: string;
  step: string | null;
  reason?: string | null;
  sequence: number;
}

export interface ReportOptions {
  /** Whether each report shows its reason (default true). */
  reason?: boolean;
}

/**
 * The reports due to the window, by case and item: one per task whose current state the window
 * has not acknowledged (the desk sends a task's current state, never its history).
 */
export async function queuedReports(fixture: Pick<DeskFixture, 'tasks' | 'name'>, options: ReportOptions = {}): Promise<QueuedReport[]> {
  const tasks = await fixture.tasks.find({ 'report.state': 'PENDING' }).sort({ caseId: 1, item: 1 }).lean<CaseTaskDoc[]>();
  const department = fixture.name;
  return tasks.map(({ caseId, item, status, step, reason, sequence }) =>
    options.reason === false ? { caseId, item, department, status, step, sequence } : { caseId, item, department, status, step, reason, sequence },
  );
}

interface ProblemExtension {
  field: string;
  rule?: string;
  source?: string;
}

const problemsOf = (error: { extensions?: Record<string, unknown> } | undefined): ProblemExtension[] =>
  (error?.extensions?.problems as ProblemExtension[] | undefined) ?? [];

/**
 * A refusal at a glance: how many errors, the first one's code and field, its problems (each by its
 * rule; a mistake of form — kit/input-format.ts — by its field), its message.
 */
export function refusal(result: ExecutionResult) {
  const [error] = result.errors ?? [];
  return {
    count: result.errors?.length ?? 0,
    code: error?.extensions?.code,
    field: error?.extensions?.field,
    problems: problemsOf(error).map((problem) => (problem.rule && !isInputFormat(problem) ? problem.rule : problem.field)),
    message: error?.message ?? '',
  };
}

/** The problems of a BAD_USER_INPUT error as [rule, source] pairs. */
export function rulesOf(error: { extensions?: Record<string, unknown> } | undefined): [string, string][] {
  return problemsOf(error).map((problem) => [problem.rule, problem.source] as [string, string]);
}

/**
 * Withdraws a case's part twice, the second time with another reason, and checks that the second
 * changed nothing: no error, the same answer, no task changed (no new report for the window).
 */
export async function expectRewithdrawalChangesNothing(fixture: Pick<DeskFixture, 'tasks'>, withdraw: (reason: string) => Promise<ExecutionResult>, reason: string): Promise<void> {
  const first = await withdraw(reason);
  const sequences = async () => (await fixture.tasks.find({}, { sequence: 1 }).sort({ _id: 1 }).lean<{ sequence: number }[]>()).map((task) => task.sequence);
  const before = await sequences();
  const second = await withdraw('再次撤回');
  expect(second.errors).toBeUndefined();
  expect(second.data).toEqual(first.data);
  expect(await sequences()).toEqual(before);
}
