// The direct-parallel client, served over HTTP so the load generator drives it like the gateways:
// no parsing, validation or planning of the caller's operation — it knows the benchmark's four
// operations and runs each one's fixed plan (bench/direct-plan.ts): the window first, then the six
// departments' `_entities` fetches side by side, merged into one answer. It calls the subgraphs
// through the same keep-alive pools as our gateway (gateway/subgraph-client.ts), so what it saves
// is the gateway's own work: the floor any gateway over these subgraphs can reach.
import { createServer, type ServerResponse } from 'node:http';
import { GATEWAY_TOKEN_HEADER } from '../../subgraphs/kit/representations';
import { BENCH_QUERIES } from '../queries';
import { departmentFieldRequires, directPlan, entitiesAt, representationFor, type DirectPlan } from '../direct-plan';
import { createSubgraphClients } from '../../gateway/subgraph-client';
import { readBody, readTargetEnv, stopOnSignal } from './target-env';

/** As long as the load generator waits for an answer (bench/load.ts). */
const ANSWER_TIMEOUT_MS = 30_000;

type Json = Record<string, unknown>;
interface GraphQLAnswer {
  data?: Json | null;
  errors?: unknown[];
}

const target = readTargetEnv('direct');
const requiresOf = departmentFieldRequires(target.supergraphSdl);
const plans = new Map<string, DirectPlan>(Object.values(BENCH_QUERIES).map((query) => [query.operationName, directPlan(query.document, requiresOf)]));
const clients = createSubgraphClients(ANSWER_TIMEOUT_MS);
const fetchers = new Map(Object.values(target.subgraphUrls).map((url) => [url, clients.fetcherFor(url)]));

async function post(url: string, authorization: string, query: string, variables: Json): Promise<GraphQLAnswer> {
  const response = await fetchers.get(url)!(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, [GATEWAY_TOKEN_HEADER]: await target.serviceToken() },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer;
}

async function run(plan: DirectPlan, variables: Json, authorization: string): Promise<GraphQLAnswer> {
  const root = await post(target.subgraphUrls.talent, authorization, plan.rootDocument, variables);
  if (!root.data || plan.departments.length === 0) return root;
  const entities = entitiesAt(root.data, plan.entityPath);
  const errors = [...(root.errors ?? [])];
  await Promise.all(
    plan.departments.map(async ({ department, field, document }) => {
      if (entities.length === 0) return;
      const representations = entities.map((entity) => representationFor(entity, plan.entityType!, plan.requires[department] ?? []));
      const answer = await post(target.subgraphUrls[department], authorization, document, { representations });
      const parts = (answer.data?._entities as (Json | null)[] | undefined) ?? [];
      entities.forEach((entity, index) => (entity[field] = parts[index]?.[field] ?? null));
      errors.push(...(answer.errors ?? []));
    }),
  );
  for (const entity of entities) for (const name of plan.addedFields) delete entity[name];
  return errors.length > 0 ? { data: root.data, errors } : { data: root.data };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const server = createServer((request, response) => {
  void (async () => {
    try {
      const body = JSON.parse(await readBody(request)) as { operationName?: string; variables?: Json };
      const plan = plans.get(body.operationName ?? '');
      if (!plan) return send(response, 400, { errors: [{ message: `unknown operation ${body.operationName}` }] });
      send(response, 200, await run(plan, body.variables ?? {}, request.headers.authorization ?? ''));
    } catch (error) {
      send(response, 500, { errors: [{ message: (error as Error).message }] });
    }
  })();
});
server.listen(target.port, () => console.log(`direct-parallel client at http://localhost:${target.port}/graphql`));
stopOnSignal(server, () => clients.close());
