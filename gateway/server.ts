// The gateway: @apollo/server over @apollo/gateway, reading the supergraph file.
// Builds and starts; index.ts decides the port and handles signals.
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { performance } from 'node:perf_hooks';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { headerValue, serveGraphQL, type Listening } from '../subgraphs/kit/http';
import { isSubgraphName } from '../subgraphs/kit/departments';
import type { GatewayConfig } from './config';
import type { Env } from '../subgraphs/kit/config';
import type { Viewer } from '../subgraphs/kit/context';
import { bearerToken, createVerifier, readIdentityConfig } from '../subgraphs/kit/identity';
import { createServiceTokens, type ServiceTokens } from '../subgraphs/kit/service-token';
import { ANONYMOUS_CLIENT_HEADER, GATEWAY_TOKEN_HEADER } from '../subgraphs/kit/representations';
import { auditUnavailable, SHARED_READS_HEADER } from '../subgraphs/kit/audit';
import { listedReads, sharedReadRecords, sharedReads, windowArchive, type SharedReads } from './shared-reads';
import { accessPlugin, suggestionPlugin } from './auth';
import { errorFormatter, PersistedDocumentsCache, readSafelist, safelistPlugin } from './hardening';
import { serveGraphiql } from './graphiql';
import { workbenchDocuments, workbenchRoute } from './workbench';
import { armorFor, parseOptionsFor, parserLimitsPlugin } from './limits';
import { operationChoicePlugin } from './operations';
import { supergraphFromFile } from './supergraph-file';
import { refusedByDepartment, unreachableErrors } from './unreachable';
import { useRealScalars, variablesPlugin } from './variables';
import { createSubgraphClients } from './subgraph-client';
import { callerIdentity, copyOfAnswer, fetchKey, InFlightFetches, isSharableRead, restrictCachePolicy } from './deduplicate';
import { catalogCachePlugin } from './catalog-cache';
import { createRateLimiter } from './rate-limits';
import { gatewayReadiness, probeTimeoutMs } from './health';
import { processLogger, type Logger } from '../subgraphs/kit/observability/logger';
import { createServiceMetrics, gatewayMetrics, type GatewayMetrics } from '../subgraphs/kit/observability/metrics';
import { currentRequest, observabilityPlugin } from '../subgraphs/kit/observability/requests';
import { inSpan, SpanKind, SpanStatusCode, traceHeaders } from '../subgraphs/kit/observability/tracing';

export interface GatewayContext {
  requestId: string;
  viewer: Viewer | null;
  /** The caller's own token, passed on so each subgraph verifies it again. */
  token: string | null;
  /** The caller's network address, passed on for a caller without a token (per-caller limits). */
  clientAddress: string | null;
  serviceToken: ServiceTokens;
}

export interface GatewayOptions {
  /** Where identity settings are read from (tests pass their own). */
  env?: Env;
  /** Called with each query plan (tests assert that departments are fetched in parallel). */
  onQueryPlan?(plan: QueryPlan): void;
  /** Called with each request sent to a subgraph (tests count them: one per department, whatever the page size). */
  onSubgraphRequest?(subgraph: string): void;
  /** Test only: awaited before each fetch is sent, so a test can hold it until identical fetches have joined it. */
  holdSubgraphFetch?(subgraph: string): Promise<void>;
  /** Called with each fetch that was not sent but shared an identical one in flight (tests count them). */
  onSharedFetch?(subgraph: string): void;
  log?(message: string): void;
  /** Where request lines and errors go; the process's logger (a child named "gateway") unless given. */
  logger?: Logger;
}

export interface RunningGateway extends Listening {
  gateway: ApolloGateway;
  stop(): Promise<void>;
}

/** What a data source needs from the gateway around it. */
interface DepartmentSetup {
  metrics: GatewayMetrics;
  logger: Logger;
  /** Reads in flight, shared by identical ones (null: GATEWAY_DEDUPLICATE=0). */
  inFlight: InFlightFetches<GatewayGraphQLResponse> | null;
  /** Where the sensitive reads of a shared answer are stored for each caller it was given to. */
  sharedReads: SharedReads;
  hooks: Pick<GatewayOptions, 'onSubgraphRequest' | 'holdSubgraphFetch' | 'onSharedFetch'>;
}

/**
 * Passes the request id (and, later, the verified identity) on to every subgraph, and turns
 * a department that cannot be reached into errors on the paths it would have answered.
 */
class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly setup: DepartmentSetup,
  ) {
    super(options);
  }

  /** The fetches sent under a sharing key (`process`), whose answers other callers may be given. */
  private readonly mayBeShared = new WeakSet<object>();

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('requestId' in context)) return;
    this.setup.hooks.onSubgraphRequest?.(this.subgraph);
    request.http?.headers.set('x-request-id', context.requestId);
    // A signed-in caller's own token; for an anonymous caller (the public catalog only, see
    // auth.ts) the gateway's service identity, since no subgraph answers without a token.
    const serviceToken = await context.serviceToken();
    request.http?.headers.set('authorization', `Bearer ${context.token ?? serviceToken}`);
    // Says "the gateway sent this": a subgraph then trusts the non-key fields of the entity
    // representations (e.g. Talent.program for @requires), which the gateway fetched from their owner.
    request.http?.headers.set(GATEWAY_TOKEN_HEADER, serviceToken);
    if (!context.token && context.clientAddress) request.http?.headers.set(ANONYMOUS_CLIENT_HEADER, context.clientAddress);
    if (this.mayBeShared.has(request)) request.http?.headers.set(SHARED_READS_HEADER, '1');
    // The fetch's span goes with it (W3C traceparent): the subgraph's spans join the caller's trace.
    for (const [name, value] of Object.entries(traceHeaders())) request.http?.headers.set(name, value);
  }

  /**
   * A read identical to one in flight for the same identity waits for that answer (gateway/deduplicate.ts);
   * anything else is sent.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // A caller's request has the gateway's context; the gateway's own (health checks, schema loading) does not.
    if (!('requestId' in options.context)) return this.answer(options);
    const context = options.context as GatewayContext;
    const record = currentRequest();
    record?.subgraphs.push(this.subgraph);
    const key = this.sharingKey(options);
    if (!key || !this.setup.inFlight) return this.fetchObserved(options);
    const inFlight = this.setup.inFlight.joinable(key);
    if (!inFlight) {
      // Others may share this answer: the subgraph lists the reads it audited, to be recorded for each of them.
      this.mayBeShared.add(options.request);
      return this.setup.inFlight.send(key, record?.requestId ?? null, () => this.fetchObserved(options), copyOfAnswer);
    }
    this.setup.metrics.sharedFetches.inc({ subgraph: this.subgraph });
    record?.sharedFetches.push({ subgraph: this.subgraph, sentBy: inFlight.requestId });
    this.setup.hooks.onSharedFetch?.(this.subgraph);
    const answer = copyOfAnswer(await inFlight.answer);
    try {
      this.oweSharedReads(answer, context, record?.requestId ?? context.requestId);
    } catch (error) {
      this.setup.logger.error({ requestId: context.requestId, subgraph: this.subgraph, err: error }, `${this.subgraph}: ${(error as Error).message}`);
      return { errors: [auditUnavailable(false).toJSON()] };
    }
    // The shared answer's Cache-Control header limits this request's cache policy as it limited the sender's.
    if (this.honorSubgraphCacheControlHeader && 'incomingRequestContext' in options) restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, answer.http?.headers.get('cache-control'));
    return answer;
  }

  /**
   * The sensitive reads of a shared answer, stored for this caller as the subgraph recorded them for
   * the one who sent it (the write starts now; the answer waits for it: SharedReads).
   */
  private oweSharedReads(answer: GatewayGraphQLResponse, context: GatewayContext, requestId: string): void {
    const reads = listedReads(answer.extensions);
    if (reads && isSubgraphName(this.subgraph)) this.setup.sharedReads.owe(context, sharedReadRecords(this.subgraph, requestId, context.viewer, reads));
  }

  /** Subgraph, query text, variables and the caller's identity; null for what must never be shared. */
  private sharingKey(options: GraphQLDataSourceProcessOptions<GatewayContext>): string | null {
    if (!this.setup.inFlight || !('incomingRequestContext' in options)) return null;
    const { request, context } = options;
    if (!request.query || !isSharableRead(options.incomingRequestContext.operation, options.document, request.query)) return null;
    const identity = callerIdentity(context.viewer, context.clientAddress);
    return identity ? fetchKey(this.subgraph, request.query, request.variables, identity) : null;
  }

  /** Every fetch of a caller's operation is timed, traced as a client span and, when it fails, counted and logged. */
  private async fetchObserved(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const record = currentRequest();
    const started = performance.now();
    return inSpan(`subgraph ${this.subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'tgc.subgraph': this.subgraph, 'url.full': this.url ?? '' } }, async (span) => {
      let outcome: 'ok' | 'error' = 'ok';
      try {
        await this.setup.hooks.holdSubgraphFetch?.(this.subgraph);
        return await this.answer(options, (reason, error) => {
          outcome = 'error';
          span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
          this.setup.metrics.fetchErrors.inc({ subgraph: this.subgraph, reason });
          this.setup.logger.warn(
            { requestId: record?.requestId, traceId: record?.traceId, subgraph: this.subgraph, reason, err: error },
            `${this.subgraph} 部门服务请求失败（${reason}）: ${(error as Error)?.message}`,
          );
        });
      } finally {
        this.setup.metrics.fetchDuration.observe({ subgraph: this.subgraph, outcome }, (performance.now() - started) / 1000);
      }
    });
  }

  private async answer(options: GraphQLDataSourceProcessOptions<GatewayContext>, failed?: (reason: string, error: unknown) => void): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const refused = refusedByDepartment(this.subgraph, error);
      failed?.(refused ? 'refused' : (error as Error)?.name === 'TimeoutError' ? 'timeout' : 'unreachable', error);
      return { errors: refused ?? unreachableErrors(this.subgraph, options.request.query, options.request.variables, error) };
    }
  }
}

export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? processLogger().child({ service: 'gateway' });
  const log = options.log ?? ((message: string) => logger.info(message));
  const metrics = createServiceMetrics();
  const fetchMetrics = gatewayMetrics(metrics.registry);
  // Nothing phones home: @apollo/gateway's anonymous usage telemetry (and its cloud metadata
  // probes) stays off unless an operator turns it on by setting the variable themselves.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  let loaded = false;
  /** Each subgraph's address as the gateway calls it (readiness probes it). */
  const subgraphUrls = new Map<string, string>();
  // One keep-alive pool per subgraph, kept across supergraph reloads, closed when the gateway stops.
  const clients = createSubgraphClients(config.subgraphTimeoutMs);
  const identity = readIdentityConfig(options.env ?? process.env);
  const verify = await createVerifier(identity);
  const serviceToken = createServiceTokens(identity, 'gateway', options.env ?? process.env);
  const setup: DepartmentSetup = {
    metrics: fetchMetrics,
    logger,
    inFlight: config.deduplicate ? new InFlightFetches<GatewayGraphQLResponse>() : null,
    // Through the window's keep-alive pool, as the gateway's fetches.
    sharedReads: sharedReads(windowArchive(() => subgraphUrls.get('talent'), serviceToken, (url, init) => clients.fetcherFor(url)(url, init)), (events, error) => {
      const outcome = error ? 'failed' : 'recorded';
      for (const event of events) fetchMetrics.sharedReadRecords.inc({ subgraph: event.source, outcome });
      if (error) logger.error({ requestId: events[0]?.requestId, records: events.length, err: error }, `共享答复的审计记录未能保存，答复不予返回（the audit records of shared answers could not be stored; the answer is withheld）: ${(error as Error)?.message}`);
    }),
    hooks: { onSubgraphRequest: options.onSubgraphRequest, holdSubgraphFetch: options.holdSubgraphFetch, onSharedFetch: options.onSharedFetch },
  };
  const gateway = new ApolloGateway({
    logger,
    supergraphSdl: supergraphFromFile(config.supergraphPath, log, options.log ?? ((message) => logger.warn(message))),
    buildService: ({ name, url }) => {
      const target = (isSubgraphName(name) && config.subgraphUrls[name]) || url;
      if (target) subgraphUrls.set(name, target);
      // Each department call has its deadline in its pool (subgraph-client.ts): a slow one costs its field, not the answer.
      return new DepartmentDataSource(name, { url: target, fetcher: target ? clients.fetcherFor(target) : undefined }, setup);
    },
    experimental_didResolveQueryPlan: options.onQueryPlan ? ({ queryPlan }) => options.onQueryPlan!(queryPlan) : undefined,
  });
  // Registered before Apollo Server's own listener (apollo.start below), so the schema it takes has the real scalars.
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    useRealScalars(apiSchema);
    loaded = true;
  });

  const armor = armorFor(config.limits);
  const admit = createRateLimiter(config.rateLimits);
  const safelist = config.safelistPath ? readSafelist(config.safelistPath) : null;
  // Operations known by their hash alone: the workbench's manifest and a safelist's texts.
  const knownDocuments = new Map([...workbenchDocuments(config.workbenchDir), ...[...(safelist ?? [])].filter((entry): entry is [string, string] => entry[1] !== null)]);
  const workbench = workbenchRoute({ dir: config.workbenchDir, devTokens: config.devTokens ? identity : null });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    ...armor,
    plugins: [
      observabilityPlugin<GatewayContext>(logger),
      // First: a request naming no runnable operation is refused for that, before the access check.
      operationChoicePlugin<GatewayContext>(),
      variablesPlugin<GatewayContext>(),
      parserLimitsPlugin<GatewayContext>(config.limits),
      ...armor.plugins,
      accessPlugin<GatewayContext>(),
      suggestionPlugin<GatewayContext>(),
      // After the access check: a cached answer is only ever served to a caller allowed to ask.
      catalogCachePlugin<GatewayContext>(),
      // Before the answer leaves: the sensitive reads of every shared part are on record for this caller too.
      setup.sharedReads.plugin<GatewayContext>(),
      ...(safelist ? [safelistPlugin<GatewayContext>(new Set(safelist.keys()))] : []),
      ApolloServerPluginLandingPageDisabled(),
      // No usage or schema reports to Apollo's servers, even with APOLLO_KEY in the environment.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
    persistedQueries: { cache: new PersistedDocumentsCache(knownDocuments) },
    formatError: errorFormatter(config),
    includeStacktraceInErrorResponses: config.stacktraces && !config.maskErrors,
    validationRules: armor.validationRules,
    parseOptions: parseOptionsFor(config.limits),
    // gateway/index.ts handles signals and stops the server in order.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const readinessTimeoutMs = probeTimeoutMs(options.env ?? process.env);
  const listening = await serveGraphQL(apollo, {
    port: config.port,
    service: 'gateway',
    logger,
    metrics,
    ready: () => gatewayReadiness(loaded, subgraphUrls, readinessTimeoutMs),
    context: async (request, requestId) => {
      const token = bearerToken(headerValue(request, 'authorization'));
      const viewer = token ? await verify(token) : null;
      const clientAddress = clientAddressOf(request, config.trustProxy);
      // Over a limit: 429 with Retry-After (an error thrown here carries its HTTP status and headers).
      await admit(viewer, clientAddress);
      return { requestId, token, clientAddress, viewer, serviceToken };
    },
    health: () => ({ ready: loaded, service: 'gateway' }),
    route: async (request, response) => serveGraphiql(request, response) || (await workbench(request, response)),
  });
  return {
    ...listening,
    gateway,
    stop: async () => {
      await listening.close();
      await apollo.stop();
      await clients.close();
    },
  };
}

/**
 * The caller's network address: the socket's, or — behind a proxy the operator trusts
 * (GATEWAY_TRUST_PROXY=1, e.g. the Ingress) — the last address in X-Forwarded-For, the one that proxy
 * appended; anything before it the caller could have written.
 */
export function clientAddressOf(request: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = headerValue(request, 'x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean).at(-1);
    if (forwarded) return forwarded;
  }
  return request.socket.remoteAddress ?? null;
}
