// Hive Gateway (@graphql-hive/gateway-runtime) over the committed supergraph, with its defaults.
// Two additions only: the headers the subgraphs require (the caller's Authorization, and the
// gateway header with a service token), and the HTTP transport given explicitly. The runtime
// loads @graphql-mesh/transport-http on demand and that package is not installed here; that
// transport is buildHTTPExecutor from @graphql-tools/executor-http (a dependency of the runtime)
// over the runtime's own fetch, so this is the same, with its defaults: in-flight deduplication
// of identical subgraph queries, and the runtime's fetch hooks (header propagation).
import { createServer } from 'node:http';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { createGatewayRuntime, type GatewayConfigSupergraph } from '@graphql-hive/gateway-runtime';
import { GATEWAY_TOKEN_HEADER } from '../../subgraphs/kit/representations';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/departments';
import { readTargetEnv, stopOnSignal } from './target-env';

const target = readTargetEnv('hive');

type Transports = Exclude<NonNullable<GatewayConfigSupergraph['transports']>, (...args: never[]) => unknown>;
type GetExecutor = Awaited<Extract<Transports[string], { getSubgraphExecutor: unknown }>>['getSubgraphExecutor'];

// The runtime's fetch is called as (url, init, context, info), as executor-http calls it; the two
// packages declare that type separately, hence the cast.
const getSubgraphExecutor: GetExecutor = ({ transportEntry, fetch }) => buildHTTPExecutor({ endpoint: transportEntry.location!, fetch: fetch as never });

const gateway = createGatewayRuntime({
  supergraph: target.supergraphSdl,
  logging: 'warn',
  transports: { http: { getSubgraphExecutor } },
  transportEntries: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { location: target.subgraphUrls[name] }])),
  propagateHeaders: {
    fromClientToSubgraphs: async ({ request }) => ({
      authorization: request.headers.get('authorization'),
      [GATEWAY_TOKEN_HEADER]: await target.serviceToken(),
    }),
  },
});

const server = createServer(gateway);
server.listen(target.port, () => console.log(`Hive Gateway at http://localhost:${target.port}/graphql`));
stopOnSignal(server, async () => await gateway.dispose());
