// The audit is never skipped (issue 8): a subgraph answers a sensitive read only once its audit
// events are stored or durably queued; when its audit store is down the data is withheld with
// AUDIT_UNAVAILABLE. A read that records nothing is not held up by a failing store. A mutation's
// attempt is recorded before its effect: if that cannot be done, the mutation does not run.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { testEnvironment } from '../../test/environment';
import { auditBacklogFull, auditEntries, createAuditTrail, type AuditEvent } from './audit';
import type { BaseContext } from './context';
import { guardMutations } from './mutation-access';
import { auditPlugin } from './subgraph';

const schema = buildSubgraphSchema({
  typeDefs: parse(/* GraphQL */ `
    type Query { diagnosis: String catalog: String }
    type Mutation { book(talentId: ID!): Boolean }
  `),
  resolvers: {
    Query: {
      diagnosis: (_: unknown, __: unknown, context: unknown) => {
        (context as BaseContext).audit.read('64c000000000000000000001', 'Query.diagnosis', ['Query.diagnosis']);
        return '体检结果';
      },
      catalog: () => '服务目录',
    },
    ...guardMutations<BaseContext>({ Mutation: { book: () => (booked += 1) > 0 } }, { book: () => true }),
  },
});

let booked = 0;

async function ask(query: string, record: (events: AuditEvent[]) => Promise<void>, attempts: (events: AuditEvent[]) => Promise<void> = record) {
  const environment = testEnvironment({});
  const server = new ApolloServer<BaseContext>({ schema, plugins: [ApolloServerPluginInlineTraceDisabled(), auditPlugin({ name: 'health', audit: { record } }, environment)] });
  await server.start();
  const viewer = { subject: 'coordinator-1', role: 'coordinator' } as const;
  const response = await server.executeOperation({ query }, { contextValue: { requestId: 'r1', viewer, audit: createAuditTrail('health', 'r1', viewer, environment.clock, { record: attempts }) } });
  await server.stop();
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('the audit before the answer', () => {
  it('answers a sensitive read once its events are recorded', async () => {
    const recorded: AuditEvent[] = [];
    const result = await ask('{ diagnosis }', async (events) => void recorded.push(...events));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ diagnosis: '体检结果' });
    expect(auditEntries(recorded).map((event) => [event.operation, event.subject])).toEqual([['Query.diagnosis', 'coordinator-1']]);
  });

  it('withholds a sensitive read whose events cannot be recorded', async () => {
    const result = await ask('{ diagnosis }', async () => {
      throw new Error('audit store unreachable');
    });
    expect(result.data).toBeNull();
    expect(result.errors).toMatchObject([{ extensions: { code: 'AUDIT_UNAVAILABLE' } }]);
    expect(JSON.stringify(result)).not.toContain('体检结果');
  });

  it('withholds a sensitive read while the audit backlog is full, saying so', async () => {
    const result = await ask('{ diagnosis }', async () => {
      throw auditBacklogFull(5000, 5000);
    });
    expect(result.data).toBeNull();
    expect(result.errors).toMatchObject([{ message: expect.stringContaining('audit backlog full'), extensions: { code: 'AUDIT_BACKLOG_FULL', waiting: 5000, limit: 5000 } }]);
    expect(JSON.stringify(result)).not.toContain('体检结果');
  });

  it('answers a read that records nothing even while the store is down', async () => {
    const result = await ask('{ catalog }', async () => {
      throw new Error('audit store unreachable');
    });
    expect(result).toEqual({ data: { catalog: '服务目录' } });
  });

  it('records a mutation’s attempt before its effect, and its outcome with the answer', async () => {
    booked = 0;
    const recorded: AuditEvent[] = [];
    const result = await ask('mutation { book(talentId: "64c000000000000000000001") }', async (events) => void recorded.push(...events));
    expect(result.errors).toBeUndefined();
    expect(booked).toBe(1);
    expect(auditEntries(recorded).map((event) => [event.operation, event.outcome])).toEqual([['Mutation.book', 'ATTEMPTED'], ['Mutation.book', 'OK']]);
  });

  it('does not run a mutation whose attempt cannot be recorded', async () => {
    booked = 0;
    const result = await ask('mutation { book(talentId: "64c000000000000000000001") }', async () => {}, async () => {
      throw new Error('audit store unreachable');
    });
    expect(booked).toBe(0);
    expect(result.errors).toMatchObject([{ extensions: { code: 'AUDIT_UNAVAILABLE' } }]);
  });
});
