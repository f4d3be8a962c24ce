// For a department's unit tests: its module on a database of the test's own, queried straight
// through its subgraph schema (no HTTP, no gateway), e.g. with `_entities(representations: …)`.
import { randomBytes } from 'node:crypto';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import { connectDepartmentDb, ensureIndexes, type CommandCounter } from '../subgraphs/kit/mongo';
import { buildSchema, type SubgraphEnvironment, type SubgraphFactory } from '../subgraphs/kit/subgraph';
import { testEnvironment } from './environment';
import type { Viewer } from '../subgraphs/kit/context';

export interface SubgraphFixture {
  connection: Connection;
  schema: GraphQLSchema;
  dbCommands: CommandCounter;
  /** Runs one operation against the subgraph schema with a fresh per-request context. */
  run<T = Record<string, unknown>>(source: string, variables?: Record<string, unknown>, viewer?: Viewer | null): Promise<ExecutionResult<T>>;
  /** Empties every collection (jongodb has no dropDatabase). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export async function openSubgraphFixture(factory: SubgraphFactory, environment: SubgraphEnvironment = testEnvironment({})): Promise<SubgraphFixture> {
  const db = await connectDepartmentDb(inject('mongoUri'), `unit_${randomBytes(4).toString('hex')}`);
  const module = factory(db.connection, environment);
  await ensureIndexes(db.connection);
  const schema = buildSchema(module);
  return {
    connection: db.connection,
    schema,
    dbCommands: db.commands,
    // Unit tests act as a service unless they say who they are: the mutation rules are tested apart.
    run: async <T>(source: string, variables?: Record<string, unknown>, viewer: Viewer | null = { subject: 'unit-test', role: 'service' }) =>
      (await execute({
        schema,
        document: parse(source),
        variableValues: variables,
        contextValue: module.createContext({ requestId: 'test', viewer }),
      })) as ExecutionResult<T>,
    clear: async () => {
      await Promise.all(Object.values(db.connection.models).map((model) => model.deleteMany({})));
    },
    close: () => db.close(),
  };
}
