// Shared by every department's unit tests: the department's subgraph on a database of the test's
// own and on a clock the test controls, operations sent straight to its schema (or through Apollo
// Server, as production coerces variables), and what to look at behind them — the documents
// written, the case reports its desk queued for the window, the problems of a refusal.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { ExecutionResult } from 'graphql';
import type { Model } from 'mongoose';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { CaseTaskDoc } from '../subgraphs/kit/case-task';
import type { OutboxMessage } from '../subgraphs/kit/outbox';
import type { SubgraphFactory } from '../subgraphs/kit/subgraph';
import { TestClock, testEnvironment } from './environment';
import { openSubgraphFixture, type SubgraphFixture } from './subgraph-fixture';

export interface DeskFixture<Models = unknown> extends SubgraphFixture {
  clock: TestClock;
  /** The department's models (its model.ts), by name. */
  models: Models;
  /** The desk's case tasks (kit/case-task.ts). */
  tasks: Model<CaseTaskDoc>;
  /** The desk's outbox: the reports queued for the window. */
  outbox: Model<OutboxMessage>;
  /** Through Apollo Server, as in production: variables are coerced and bad ones are BAD_USER_INPUT. */
  served(query: string, variables: Record<string, unknown>): Promise<ExecutionResult>;
}

/** `now`: where the clock starts (without it, the clock runs on real time). */
export async function openDeskFixture<Models>(factory: SubgraphFactory, now?: Date): Promise<DeskFixture<Models>> {
  const clock = new TestClock();
  if (now) clock.set(now);
  const fixture = await openSubgraphFixture(factory, testEnvironment({}, clock));
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
    outbox: models.Outbox_case_task_reports as unknown as Model<OutboxMessage>,
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
export function useDeskFixture<Models>(factory: SubgraphFactory, now?: Date): DeskFixture<Models> {
  const fixture = {} as DeskFixture<Models>;
  beforeAll(async () => {
    Object.assign(fixture, await openDeskFixture<Models>(factory, now));
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

/** A report to the window as the desk queued it (kit/case-task.ts CaseTaskReport), without its time. */
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
  /** 'queued' (default): oldest first; 'by case': by case id, then in sequence. */
  order?: 'queued' | 'by case';
  /** Whether each report shows its reason (default true). */
  reason?: boolean;
}

/** The reports queued for the window. */
export async function queuedReports(fixture: Pick<DeskFixture, 'outbox'>, options: ReportOptions = {}): Promise<QueuedReport[]> {
  const messages = await fixture.outbox.find().sort({ createdAt: 1, _id: 1 }).lean<{ payload: Required<QueuedReport> }[]>();
  const reports = messages.map((message) => message.payload);
  if (options.order === 'by case') reports.sort((a, b) => a.caseId.localeCompare(b.caseId) || a.sequence - b.sequence);
  return reports.map(({ caseId, item, department, status, step, reason, sequence }) =>
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

/** A refusal at a glance: how many errors, the first one's code and field, its problems (each by rule, else field), its message. */
export function refusal(result: ExecutionResult) {
  const [error] = result.errors ?? [];
  return {
    count: result.errors?.length ?? 0,
    code: error?.extensions?.code,
    field: error?.extensions?.field,
    problems: problemsOf(error).map((problem) => problem.rule ?? problem.field),
    message: error?.message ?? '',
  };
}

/** The problems of a BAD_USER_INPUT error as [rule, source] pairs. */
export function rulesOf(error: { extensions?: Record<string, unknown> } | undefined): [string, string][] {
  return problemsOf(error).map((problem) => [problem.rule, problem.source] as [string, string]);
}

/**
 * Withdraws a case's part twice, the second time with another reason, and checks that the second
 * changed nothing: no error, the same answer, no report queued for the window.
 */
export async function expectRewithdrawalChangesNothing(fixture: Pick<DeskFixture, 'outbox'>, withdraw: (reason: string) => Promise<ExecutionResult>, reason: string): Promise<void> {
  const first = await withdraw(reason);
  const queued = await fixture.outbox.countDocuments();
  const second = await withdraw('再次撤回');
  expect(second.errors).toBeUndefined();
  expect(second.data).toEqual(first.data);
  expect(await fixture.outbox.countDocuments()).toBe(queued);
}
