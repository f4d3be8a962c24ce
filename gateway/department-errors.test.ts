// What the gateway makes of a department's errors: a department that refuses the request (HTTP 4xx
// with GraphQL errors) refused the caller's input, and the caller gets those errors (BAD_USER_INPUT,
// not "cannot be reached"); a department that is down (5xx, 404, no answer) is an outage of its own
// fields; and a department's stack trace never reaches the caller unless asked for.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, COORDINATOR } from '../test/tokens';
import { readGatewayConfig } from './config';
import { startGateway, type RunningGateway } from './server';

/** A stand-in for the talent subgraph that answers whatever the test sets next. */
let next: { status: number; body: unknown } = { status: 200, body: {} };
let department: Server;
let running: RunningGateway;
/** A gateway with a short deadline, and the department's answers it keeps waiting for (released at the end). */
let impatient: RunningGateway;
const unanswered: (() => void)[] = [];

beforeAll(async () => {
  department = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (next.status === 0) return unanswered.push(() => response.end());
      response.writeHead(next.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => department.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(department.address() as AddressInfo).port}/graphql`;
  running = await startGateway({ ...readGatewayConfig({}), port: 0, subgraphUrls: { talent: url } }, { log: () => {}, env: {} });
  impatient = await startGateway({ ...readGatewayConfig({}), port: 0, subgraphUrls: { talent: url }, subgraphTimeoutMs: 200 }, { log: () => {}, env: {} });
});
afterAll(async () => {
  for (const release of unanswered.splice(0)) release();
  await running.stop();
  await impatient.stop();
  await new Promise((resolve) => department.close(resolve));
});

async function askTalents(gateway = running) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await bearer(COORDINATOR)) },
    body: JSON.stringify({ query: '{ talents(first: 1) { totalCount } }' }),
  });
  return (await response.json()) as { data?: unknown; errors: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[] };
}

const STACK = ['GraphQLError: bad', '    at checkText (/srv/app/subgraphs/kit/input-text.ts:42:11)'];

describe('errors from a department', () => {
  it('a 400 with GraphQL errors is the caller’s error, passed on as it is', async () => {
    next = { status: 400, body: { errors: [{ message: '日期无效（bad date）', extensions: { code: 'BAD_USER_INPUT', field: 'filter.since', stacktrace: STACK } }] } };
    expect(await askTalents()).toEqual({
      data: null,
      errors: [{ message: '日期无效（bad date）', extensions: { code: 'BAD_USER_INPUT', field: 'filter.since', subgraph: 'talent', serviceName: 'talent' } }],
    });
  });

  it('a 401 from the department is the caller’s token refused', async () => {
    next = { status: 401, body: { errors: [{ message: '身份凭证无效（the token is not valid）', extensions: { code: 'UNAUTHENTICATED' } }] } };
    expect((await askTalents()).errors.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('a 5xx, a 404 or a 4xx without GraphQL errors is an outage of the department’s fields', async () => {
    for (const answer of [
      { status: 503, body: { errors: [{ message: 'down', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } },
      { status: 404, body: { errors: [{ message: 'not here', extensions: { code: 'NOT_FOUND' } }] } },
      { status: 400, body: { message: 'not GraphQL' } },
    ]) {
      next = answer;
      const result = await askTalents();
      expect(result.errors.map((error) => [error.extensions.code, error.path]), JSON.stringify(answer)).toEqual([['SUBGRAPH_UNAVAILABLE', ['talents']]]);
    }
  });

  it('a stack trace in a department’s error is removed', async () => {
    next = { status: 200, body: { data: { talents: null }, errors: [{ message: 'boom', path: ['talents'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: STACK } }] } };
    const result = await askTalents();
    expect(result.errors).toEqual([{ message: 'boom', path: ['talents'], extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'talent' } }]);
  });

  it('a department past its deadline (SUBGRAPH_TIMEOUT_MS) is an outage of its fields, counted as a timeout', async () => {
    next = { status: 0, body: null };
    const result = await askTalents(impatient);
    expect(result.errors.map((error) => [error.extensions.code, error.extensions.reason, error.path])).toEqual([['SUBGRAPH_UNAVAILABLE', 'TimeoutError', ['talents']]]);
    const metrics = await (await fetch(impatient.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toContain('gateway_subgraph_fetch_errors_total{subgraph="talent",reason="timeout"} 1');
  });
});
