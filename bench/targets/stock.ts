// Stock @apollo/gateway: a plain ApolloGateway and ApolloServer over the committed supergraph, as
// its documentation sets it up. The only additions are what the subgraphs require to answer: the
// caller's Authorization header passed on, and the gateway header (a service token) so @requires
// fields in representations are trusted. Nothing else of ours (no limits, metrics, logging).
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GATEWAY_TOKEN_HEADER } from '../../subgraphs/kit/representations';
import { isSubgraphName } from '../../subgraphs/kit/departments';
import { exitWithParent } from '../../subgraphs/kit/run';
import { readTargetEnv } from './target-env';

interface StockContext {
  authorization?: string;
}

const target = readTargetEnv('stock');
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

const gateway = new ApolloGateway({
  supergraphSdl: target.supergraphSdl,
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource<StockContext>({
      url: isSubgraphName(name) ? target.subgraphUrls[name] : url,
      async willSendRequest({ request, context }) {
        if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        request.http?.headers.set(GATEWAY_TOKEN_HEADER, await target.serviceToken());
      },
    }),
});
const server = new ApolloServer<StockContext>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: target.port },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
console.log(`stock @apollo/gateway at ${url}`);
const stop = () => void server.stop().finally(() => process.exit(0));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, stop);
exitWithParent(stop);
