// For a department's unit tests: its module on a database of the test's own, queried straight
// through its subgraph schema (no HTTP, no gateway), e.g. with `_entities(representations: …)`.
import { randomBytes } from 'node:crypto';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Connection } from 'mongoose';
import { expect, inject } from 'vitest';
import { connectDepartmentDb, ensureIndexes, type CommandCounter } from '../subgraphs/kit/mongo';
import { buildSchema, type SubgraphEnvironment, type SubgraphFactory } from '../subgraphs/kit/subgraph';
import { testEnvironment } from './environment';
import type { Viewer } from '../subgraphs/kit/context';
import { createAuditTrail } from '../subgraphs/kit/audit';

export interface SubgraphFixture {
  /** The subgraph's name, e.g. `customs`. */
  name: string;
  connection: Connection;
  schema: GraphQLSchema;
  dbCommands: CommandCounter;
  /**
   * Runs one operation against the subgraph schema with a fresh per-request context, as if the
   * gateway had sent it (its representations trusted) unless `fromGateway` is false.
   */
  run<T = Record<string, unknown>>(source: string, variables?: Record<string, unknown>, viewer?: Viewer | null, fromGateway?: boolean): Promise<ExecutionResult<T>>;
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
    name: module.name,
    connection: db.connection,
    schema,
    dbCommands: db.commands,
    // Unit tests act as a service unless they say who they are: the mutation rules are tested apart.
    run: async <T>(source: string, variables?: Record<string, unknown>, viewer: Viewer | null = { subject: 'unit-test', role: 'service' }, fromGateway = true) =>
      (await execute({
        schema,
        document: parse(source),
        variableValues: variables,
        contextValue: module.createContext({ requestId: 'test', viewer, fromGateway, audit: createAuditTrail(module.name, 'test', viewer, environment.clock) }),
      })) as ExecutionResult<T>,
    clear: async () => {
      await Promise.all(Object.values(db.connection.models).map((model) => model.deleteMany({})));
    },
    close: () => db.close(),
  };
}

/** The paths answered FORBIDDEN, e.g. `_entities.0.health` (read access, issue 4). */
export function forbiddenPaths(result: { errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }): (string | undefined)[] {
  return (result.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => error.path?.join('.'));
}

/**
 * Asks for a department's part of a talent or a case (`_entities`) straight at its subgraph as each
 * viewer, and expects it refused: `part` null with FORBIDDEN on it, and no other error.
 */
export async function expectPartRefused(fixture: Pick<SubgraphFixture, 'run'>, query: string, variables: Record<string, unknown>, viewers: Viewer[], part: string): Promise<void> {
  for (const viewer of viewers) {
    const result = await fixture.run<{ _entities: Record<string, unknown>[] }>(query, variables, viewer);
    const who = `${viewer.role} ${viewer.department ?? viewer.talentId ?? ''}`;
    expect((result.errors ?? []).map((error) => `${error.path?.join('.')}: ${error.extensions?.code}`), who).toEqual([`_entities.0.${part}: FORBIDDEN`]);
    expect(result.data?._entities[0][part], who).toBeNull();
  }
}
