// Careless and hostile requests at the gateway, answered as the caller's mistake (HTTP 4xx with a
// GraphQL body saying what was wrong, Chinese first), never a 500 or an empty answer: an operation
// that cannot be chosen, a query over a limit, oversized headers; and stack traces only on request.
// No department is running: each of these is refused before any would be asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, COORDINATOR } from '../test/tokens';
import { readGatewayConfig } from './config';
import { readQueryLimits } from './limits';
import { startGateway, type RunningGateway } from './server';

let running: RunningGateway;
const limits = readQueryLimits({});

beforeAll(async () => {
  running = await startGateway({ ...readGatewayConfig({}), port: 0 }, { log: () => {}, env: {} });
});
afterAll(() => running.stop());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await bearer(COORDINATOR)), ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe('an operation that cannot be chosen is the caller’s mistake (400)', () => {
  it('an operationName the document does not have', async () => {
    expect(await post({ query: '{ serviceCatalog { code } }', operationName: 'Missing' })).toEqual({
      status: 400,
      body: { errors: [{ message: '文档中没有名为 "Missing" 的操作，可选：(anonymous)（the document has no operation named "Missing"; it has (anonymous)）', extensions: { code: 'BAD_REQUEST' } }] },
    });
    // The same for a caller without a token: the mistake is named, not the missing sign-in.
    expect((await post({ query: 'query Catalog { serviceCatalog { code } }', operationName: 'Missing' }, { authorization: '' })).body.errors![0].message).toMatch(/^文档中没有名为 "Missing" 的操作，可选：Catalog/);
  });

  it('several operations and no operationName', async () => {
    expect(await post({ query: 'query A { serviceCatalog { code } } query B { __typename }' })).toEqual({
      status: 400,
      body: { errors: [{ message: '文档含 2 个操作（A、B），请用 operationName 指明执行哪一个（the document has 2 operations (A, B): say which to run with operationName）', extensions: { code: 'BAD_REQUEST' } }] },
    });
    const twoAnonymous = await post({ query: '{ serviceCatalog { code } } { __typename }' });
    expect(twoAnonymous.status).toBe(400);
    expect(twoAnonymous.body.errors!.map((error) => [error.extensions?.code, error.message])).toEqual(
      Array(2).fill(['GRAPHQL_VALIDATION_FAILED', '无名操作必须是文档中唯一的操作，请为每个操作命名并用 operationName 指明执行哪一个（This anonymous operation must be the only defined operation.）']),
    );
  });

  it('a subscription, which the graph does not offer', async () => {
    expect(await post({ query: 'subscription { x }' })).toEqual({
      status: 400,
      body: { errors: [{ message: '本图不提供 subscription 操作（this graph offers no subscription operations）', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });
});

describe('a query over a limit is refused naming the limit and its value', () => {
  const refusal = async (query: string) => {
    const { status, body } = await post({ query });
    expect(status).toBe(400);
    expect(body.errors, JSON.stringify(body.errors)).toHaveLength(1);
    const { locations: _locations, ...error } = body.errors![0] as { locations?: unknown; message: string; extensions?: Record<string, unknown> };
    return error;
  };

  it('aliases, directives and depth', async () => {
    const aliases = `{ ${Array.from({ length: limits.maxAliases + 1 }, (_, n) => `a${n}: serviceCatalog { code }`).join(' ')} }`;
    expect(await refusal(aliases)).toEqual({
      message: `别名数量超过上限 ${limits.maxAliases}（本查询 ${limits.maxAliases + 1}）（max aliases ${limits.maxAliases} exceeded, found ${limits.maxAliases + 1}）`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases', max: limits.maxAliases, found: limits.maxAliases + 1 },
    });
    const directives = `{ serviceCatalog { ${Array.from({ length: limits.maxDirectives + 1 }, () => 'code @include(if: true)').join(' ')} } }`;
    expect((await refusal(directives)).extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'directives', max: limits.maxDirectives, found: limits.maxDirectives + 1 });
    // case → talent → cases → talent → … → id: depth counts every level, the leaf included.
    const chain = Array.from({ length: limits.maxDepth - 1 }, (_, level) => (level % 2 === 0 ? 'talent' : 'cases'));
    const deep = chain.reduceRight((inner, field) => `${field} { ${inner} }`, 'id');
    const depth = await refusal(`{ case(id: "ffffffffffffffffffffffff") { ${deep} } }`);
    expect(depth.message).toBe(`查询深度超过上限 ${limits.maxDepth}（本查询 ${limits.maxDepth + 1}）（max depth ${limits.maxDepth} exceeded, found ${limits.maxDepth + 1}）`);
  });

  it('cost', async () => {
    const heavy = `{ ${Array.from({ length: 25 }, (_, n) => `t${n}: talents(first: 100) { edges { node { household { transfers { steps { step status completedAt } } } } } }`).join(' ')} }`;
    const cost = await refusal(heavy);
    expect(cost.message).toMatch(new RegExp(`^查询成本超过上限 ${limits.maxCost}（本查询 \\d+）（max cost ${limits.maxCost} exceeded, found \\d+）$`));
    expect(cost.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max: limits.maxCost });
  });

  it('tokens, refused by the parser', async () => {
    const tokens = `{ requirements(items: [${Array.from({ length: limits.maxTokens }, () => 'LEGAL_CONSULTATION').join(' ')}]) { problems { code } } }`;
    expect(await refusal(tokens)).toEqual({
      message: `查询词法单元（token）数量超过上限 ${limits.maxTokens}（max tokens ${limits.maxTokens} exceeded）`,
      extensions: { code: 'GRAPHQL_PARSE_FAILED', limit: 'tokens', max: limits.maxTokens },
    });
  });

  it('fields too many to compare, which graphql-js itself gives up on', async () => {
    const same = `{ ${Array.from({ length: 1300 }, () => 'a: __typename').join(' ')} }`;
    expect(await refusal(same)).toEqual({
      message: '查询中可合并的字段过多，无法校验，请拆分查询（validation aborted: too many fields to compare; split the query）',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'validation' },
    });
  });
});

describe('oversized or malformed HTTP is answered with a GraphQL body, not an empty one', () => {
  it('headers over the limit: 431 saying the limit', async () => {
    for (const size of [20_000, 70_000]) {
      const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-padding': 'x'.repeat(size) }, body: '{"query":"{ __typename }"}' });
      expect(response.status).toBe(431);
      expect(await response.json()).toEqual({ errors: [{ message: '请求头过大，上限 16384 字节（request headers larger than 16384 bytes）', extensions: { code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' } }] });
    }
    // The server is unharmed: the next request is answered.
    expect((await post({ query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('a request that is not HTTP: 400', async () => {
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(running.port, 'localhost', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ errors: [{ message: '请求不是合法的 HTTP（malformed HTTP request）', extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('stack traces', () => {
  const hasStacktrace = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors!.some((error) => 'stacktrace' in (error.extensions ?? {}));

  it('are never in a response by default, even with NODE_ENV=development', async () => {
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development'; // Apollo Server's own default would show them here
    try {
      const development = await startGateway({ ...readGatewayConfig({ NODE_ENV: 'development' }), port: 0 }, { log: () => {}, env: {} });
      const response = await fetch(development.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await bearer(COORDINATOR)) }, body: JSON.stringify({ query: '{ nope }' }) });
      await development.stop();
      expect(hasStacktrace((await response.json()) as { errors: { extensions?: Record<string, unknown> }[] })).toBe(false);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });

  it('are shown when asked for with GRAPHQL_STACKTRACES=1, and never in production', async () => {
    const asked = await startGateway({ ...readGatewayConfig({ GRAPHQL_STACKTRACES: '1' }), port: 0 }, { log: () => {}, env: {} });
    const production = await startGateway({ ...readGatewayConfig({ GRAPHQL_STACKTRACES: '1', NODE_ENV: 'production' }), port: 0 }, { log: () => {}, env: {} });
    const ask = async (gateway: RunningGateway) =>
      (await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await bearer(COORDINATOR)) }, body: JSON.stringify({ query: '{ nope }' }) })).json() as Promise<{ errors: { extensions?: Record<string, unknown> }[] }>;
    try {
      expect(hasStacktrace(await ask(asked))).toBe(true);
      expect(hasStacktrace(await ask(production))).toBe(false);
    } finally {
      await asked.stop();
      await production.stop();
    }
  });
});
