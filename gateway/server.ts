// The gateway: @apollo/server over @apollo/gateway, reading the supergraph file.
// Builds and starts; index.ts decides the port and handles signals.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { headerValue, serveGraphQL, type Listening } from '../subgraphs/kit/http';
import { isSubgraphName } from '../subgraphs/kit/departments';
import type { GatewayConfig } from './config';
import { serveGraphiql } from './graphiql';
import { armorFor, parseOptionsFor } from './limits';
import { supergraphFromFile } from './supergraph-file';
import { unreachableErrors } from './unreachable';

export interface GatewayContext {
  requestId: string;
  authorization?: string;
}

export interface GatewayOptions {
  /** Called with each query plan (tests assert that departments are fetched in parallel). */
  onQueryPlan?(plan: QueryPlan): void;
  log?(message: string): void;
}

export interface RunningGateway extends Listening {
  gateway: ApolloGateway;
  stop(): Promise<void>;
}

/**
 * Passes the request id (and, later, the verified identity) on to every subgraph, and turns
 * a department that cannot be reached into errors on the paths it would have answered.
 */
class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
  ) {
    super(options);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('requestId' in context)) return;
    request.http?.headers.set('x-request-id', context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      return { errors: unreachableErrors(this.subgraph, options.request.query, options.request.variables, error) };
    }
  }
}

export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<RunningGateway> {
  const log = options.log ?? ((message: string) => console.log(`[gateway] ${message}`));
  let loaded = false;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, log),
    buildService: ({ name, url }) =>
      new DepartmentDataSource(name, {
        url: (isSubgraphName(name) && config.subgraphUrls[name]) || url,
        // Each department call has its own deadline: a slow one costs its field, not the answer.
        fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(config.subgraphTimeoutMs) } as RequestInit) as never,
      }),
    experimental_didResolveQueryPlan: options.onQueryPlan ? ({ queryPlan }) => options.onQueryPlan!(queryPlan) : undefined,
  });
  gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });

  const armor = armorFor(config.limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...armor,
    plugins: [...armor.plugins, ApolloServerPluginLandingPageDisabled()],
    validationRules: armor.validationRules,
    parseOptions: parseOptionsFor(config.limits),
    // gateway/index.ts handles signals and stops the server in order.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const listening = await serveGraphQL(apollo, {
    port: config.port,
    context: async (request, requestId) => ({ requestId, authorization: headerValue(request, 'authorization') }),
    health: () => ({ ready: loaded, service: 'gateway' }),
    route: serveGraphiql,
  });
  return {
    ...listening,
    gateway,
    stop: async () => {
      await listening.close();
      await apollo.stop();
    },
  };
}
