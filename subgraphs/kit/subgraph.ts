// What a department folder provides (`server.ts` builds it, never listens) and how the kit
// turns it into a running subgraph: schema from its SDL file, a fresh context per request.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, GraphQLScalarType, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Connection } from 'mongoose';
import type { BaseContext } from './context';
import { readPort, readString, type Env } from './config';
import { DEFAULT_PORTS, envSuffix, type SubgraphName } from './departments';
import { loadWorkingCalendar, type WorkingCalendar } from './working-days';
import { bearerToken, createVerifier, readIdentityConfig, unauthenticated, type Verifier } from './identity';
import { createServiceTokens, type ServiceTokens } from './service-token';
import { checkCard, registryCard, type CardFacts, type CardQuestion } from './card-check';
import type { Program } from './programs';
import { serveGraphQL, type Listening } from './http';
import { connectDepartmentDb, ensureIndexes, inBackground, type CommandCounter } from './mongo';
import { outboxFigures } from './outbox';
import { logFnOf, processLogger, type LogFn, type Logger } from './observability/logger';
import { createServiceMetrics, subgraphMetrics, type OutboxFigures, type SubgraphMetrics } from './observability/metrics';
import { observabilityPlugin } from './observability/requests';
import { auditedReads, auditUnavailable, createAuditTrail, readAuditOutboxSettings, SHARED_READS_HEADER, type AuditOutboxSettings, type AuditSink } from './audit';
import { ANONYMOUS_CLIENT_HEADER, anonymousClientOf, GATEWAY_TOKEN_HEADER, sentByGateway } from './representations';
import { guardTextInputs } from './input-text';
import { stacktracesWanted } from './errors';

export type Resolvers<Ctx> = GraphQLResolverMap<Ctx>;

export interface SubgraphModule<Ctx extends BaseContext = BaseContext> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: Resolvers<Ctx>;
  /** Called once per request: per-request loaders live here, never across requests. */
  createContext(base: BaseContext): Ctx;
  /** Where the audit events of each request go (kit/audit.ts); started and stopped with the subgraph. */
  audit: AuditSink;
  /** Queues of its own beside its outboxes (the window's case dispatcher), for /metrics as outbox figures. */
  queueFigures?(now: Date): Promise<OutboxFigures[]>;
  /** Background work (an outbox's deliveries), started once the subgraph listens. */
  start?(): void;
  stop?(): Promise<void>;
}

/** What a subgraph may know of the world around it; tests replace the clock and the addresses. */
export interface SubgraphEnvironment {
  /** Where another subgraph answers (for service-to-service calls, never through the gateway). */
  subgraphUrl(name: SubgraphName): string;
  clock(): Date;
  calendar: WorkingCalendar;
  /** Background work's log lines (outbox retries at warn, dead letters at error …). */
  log: LogFn;
  /** The token this service presents to the others. */
  serviceToken: ServiceTokens;
  /** Turns a caller's token into a viewer; refuses a missing or bad one with UNAUTHENTICATED. */
  verify: Verifier;
  /**
   * Checks with the window's registry that the talent's card is in force and of this program
   * (001 第六条), before a department serves a single service directly; throws BAD_USER_INPUT.
   * Answers the card, with the registered family when `question.family` asks for it (one call).
   */
  verifyCard(talentId: string, program: Program, field: string, question?: CardQuestion): Promise<CardFacts>;
  /** A department's audit outbox: its bound and its hand-over batches (AUDIT_OUTBOX_*); the defaults unless given. */
  auditOutbox?: AuditOutboxSettings;
}

export async function defaultEnvironment(name: SubgraphName, env: Env = process.env): Promise<SubgraphEnvironment> {
  const identity = readIdentityConfig(env);
  const serviceToken = createServiceTokens(identity, `subgraph:${name}`, env);
  const subgraphUrl = (other: SubgraphName) => readString(env, `SUBGRAPH_URL_${envSuffix(other)}`, `http://localhost:${readPort(env, `PORT_${envSuffix(other)}`, DEFAULT_PORTS[other])}/graphql`);
  return {
    serviceToken,
    verify: await createVerifier(identity),
    verifyCard: async (talentId, program, field, question) => checkCard(await registryCard({ subgraphUrl, serviceToken }, talentId, question), talentId, program, field),
    subgraphUrl,
    clock: () => new Date(),
    calendar: loadWorkingCalendar(),
    log: logFnOf(processLogger().child({ service: name })),
    auditOutbox: readAuditOutboxSettings(env),
  };
}

/** A department's module seen from outside, where its own context type no longer matters. */
export type AnySubgraphModule = Omit<SubgraphModule, 'resolvers'> & { resolvers: Resolvers<never> };

export type SubgraphFactory = (connection: Connection, environment: SubgraphEnvironment) => AnySubgraphModule;

/** Reads `schema.graphql` (or another file) beside the module that calls it. */
export function loadTypeDefs(moduleUrl: string, file = 'schema.graphql'): DocumentNode {
  return parse(readFileSync(fileURLToPath(new URL(file, moduleUrl)), 'utf8'));
}

/** The subgraph's schema, every text argument checked by the kit's one input-text rule (input-text.ts). */
export function buildSchema(module: Pick<AnySubgraphModule, 'typeDefs' | 'resolvers'>): GraphQLSchema {
  return guardTextInputs(buildSubgraphSchema([{ typeDefs: module.typeDefs, resolvers: module.resolvers as Resolvers<unknown> }]));
}

export interface RunningSubgraph extends Listening {
  name: SubgraphName;
  schema: GraphQLSchema;
  connection: Connection;
  dbCommands: CommandCounter;
  startBackground(): void;
  stop(): Promise<void>;
}

export interface StartSubgraphOptions {
  mongoUri: string;
  dbName: string;
  port: number;
  environment: SubgraphEnvironment;
  /** Leave background work for the caller to start (tests start it once every subgraph listens). */
  deferBackground?: boolean;
  /** Where process settings are read from (GRAPHQL_STACKTRACES); the process environment unless given. */
  env?: Env;
  /** Where request lines and errors go; the process's logger (a child named for the subgraph) unless given. */
  logger?: Logger;
}

/** How long /health/ready waits for the database's answer to a ping. */
const READY_PING_TIMEOUT_MS = 2000;

export async function startSubgraph(factory: SubgraphFactory, options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const metrics = createServiceMetrics();
  const clock = options.environment.clock;
  // Outbox figures are read from the database when /metrics is scraped, not counted in memory:
  // every replica then reports the same, true depth.
  const own: SubgraphMetrics = subgraphMetrics(metrics.registry, () =>
    inBackground(async () => [...(await outboxFigures(db.connection, clock())), ...((await built.queueFigures?.(clock())) ?? [])]),
  );
  const db = await connectDepartmentDb(options.mongoUri, options.dbName, (sample) =>
    own.commandDuration.observe({ collection: sample.collection, command: sample.command, outcome: sample.ok ? 'ok' : 'error' }, sample.seconds),
  );
  const built = factory(db.connection, options.environment);
  const logger = options.logger ?? processLogger().child({ service: built.name });
  const module = { ...built, audit: countedAudit(built.audit, own, logger) };
  await ensureIndexes(db.connection);
  const schema = buildSchema(module);
  const apollo = new ApolloServer<BaseContext>({
    schema,
    logger,
    // No Apollo Studio here: no federated traces, no usage or schema reporting, no landing page.
    plugins: [
      observabilityPlugin<BaseContext>(logger),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      auditPlugin(module, options.environment),
    ],
    // Stack traces name files and lines: only when asked for, never by default (not even in development).
    includeStacktraceInErrorResponses: stacktracesWanted(options.env ?? process.env),
    // The process owner (kit/run.ts) handles signals and stops everything in order.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const listening = await serveGraphQL(apollo, {
    port: options.port,
    service: module.name,
    logger,
    metrics,
    // Every request is verified again here, whoever sent it: a subgraph port reached directly
    // without a valid token answers nothing but UNAUTHENTICATED (issue 4).
    context: async (request, requestId) => {
      const token = bearerToken(request.headers.authorization);
      if (!token) throw unauthenticated('缺少身份凭证', 'a bearer token is required');
      const viewer = await options.environment.verify(token);
      const fromGateway = await sentByGateway(request.headers[GATEWAY_TOKEN_HEADER], options.environment.verify);
      const anonymousClient = anonymousClientOf(request.headers[ANONYMOUS_CLIENT_HEADER], fromGateway);
      return module.createContext({ requestId, viewer, fromGateway, anonymousClient, audit: createAuditTrail(module.name, requestId, viewer, options.environment.clock, module.audit) });
    },
    health: () => ({ ready: db.connection.readyState === 1, subgraph: module.name }),
    ready: async () => {
      const database = await pingDatabase(db.connection);
      return { ready: database.reachable, subgraph: module.name, database };
    },
  });
  const startBackground = () => {
    module.audit.start?.();
    module.start?.();
  };
  if (!options.deferBackground) startBackground();
  return {
    ...listening,
    name: module.name,
    schema,
    connection: db.connection,
    dbCommands: db.commands,
    startBackground,
    stop: async () => {
      await module.stop?.();
      await module.audit.stop?.();
      await listening.close();
      await apollo.stop();
      await db.close();
    },
  };
}

/**
 * Hands the request's audit trail to the subgraph's sink before the response leaves, so nothing is
 * answered that is not recorded. When the sink cannot store or queue the events (its database is
 * down), the data read is withheld and the caller gets AUDIT_UNAVAILABLE instead — a sensitive read
 * never goes out unaudited — or AUDIT_BACKLOG_FULL when a department's audit outbox is at its bound
 * (kit/audit.ts). (A mutation's effect is already written by then; its answer says so.) A read the
 * gateway may share (SHARED_READS_HEADER) lists its audited reads in the answer's extensions, so the
 * gateway records them for every caller it gives the answer to.
 */
export function auditPlugin(module: Pick<AnySubgraphModule, 'audit' | 'name'>, environment: SubgraphEnvironment): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, response, operation }) {
          const events = contextValue.audit.take();
          if (events.length === 0) return;
          try {
            await module.audit.record(events);
            // The gateway may give this answer to other callers of the same identity: it records the same reads for each.
            if (contextValue.fromGateway && operation?.operation === 'query' && request.http?.headers.get(SHARED_READS_HEADER) && response.body.kind === 'single') {
              const reads = auditedReads(events);
              if (reads.length > 0) response.body.singleResult.extensions = { ...response.body.singleResult.extensions, auditedReads: reads };
            }
          } catch (error) {
            // The failure itself is logged (with its stack) by the sink's counter; this says what it cost.
            environment.log(`audit: ${events.length} events could not be recorded; the answer is withheld: ${(error as Error).message}`, 'warn', {
              requestId: contextValue.requestId,
              events: events.length,
            });
            if (response.body.kind !== 'single') return;
            const mutation = operation?.operation === 'mutation';
            response.body.singleResult.data = null;
            // A full backlog says so (and how full): the caller should slow down, not just retry.
            const backlogFull = error instanceof GraphQLError && error.extensions.code === 'AUDIT_BACKLOG_FULL';
            response.body.singleResult.errors = [(backlogFull ? error : auditUnavailable(mutation)).toJSON()];
          }
        },
      };
    },
  };
}

/**
 * The subgraph's audit sink, counting what it queued (a department's outbox) or stored (the
 * window's archive), and logging what failed (once, with its stack: the caller only sees AUDIT_UNAVAILABLE).
 */
function countedAudit(sink: AuditSink, metrics: Pick<SubgraphMetrics, 'auditEvents'>, logger: Logger): AuditSink {
  const handedOver = 'outbox' in sink ? 'queued' : 'stored';
  return {
    ...sink,
    async record(events) {
      try {
        await sink.record(events);
      } catch (error) {
        // A full backlog is load, not a fault: counted apart, and not logged with a stack per request.
        if (error instanceof GraphQLError && error.extensions.code === 'AUDIT_BACKLOG_FULL') {
          metrics.auditEvents.inc({ outcome: 'refused' }, events.length);
          throw error;
        }
        metrics.auditEvents.inc({ outcome: 'failed' }, events.length);
        logger.error({ requestId: events[0]?.requestId, events: events.length, err: error }, `audit: ${events.length} event(s) could not be ${handedOver}: ${(error as Error)?.message}`);
        throw error;
      }
      metrics.auditEvents.inc({ outcome: handedOver }, events.length);
    },
  };
}

/** Whether the database answers a ping in time (the subgraph's readiness). */
async function pingDatabase(connection: Connection): Promise<{ reachable: boolean; error?: string }> {
  if (connection.readyState !== 1 || !connection.db) return { reachable: false, error: 'not connected' };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      inBackground(() => connection.db!.admin().ping()),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${READY_PING_TIMEOUT_MS} ms`)), READY_PING_TIMEOUT_MS))),
    ]);
    return { reachable: true };
  } catch (error) {
    return { reachable: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** One resolver map from several (e.g. a department's read view and its case desk), type by type. */
export function mergeResolvers<Ctx>(...maps: Resolvers<Ctx>[]): Resolvers<Ctx> {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, value] of Object.entries(map)) {
      merged[type] = value instanceof GraphQLScalarType ? value : { ...(merged[type] as object | undefined), ...value };
    }
  }
  return merged as Resolvers<Ctx>;
}
