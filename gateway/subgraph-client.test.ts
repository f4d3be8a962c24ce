// The gateway's subgraph client (issue 12): keep-alive connections per subgraph, the host looked up
// once, the Host header kept, and failures in the shapes gateway/unreachable.ts names — a deadline
// passed is a TimeoutError, a department not answering at all a TypeError (as fetch gave them).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphClients, rememberedLookup, type SubgraphClients } from './subgraph-client';

let server: Server;
let port: number;
let connections = 0;
const seen: IncomingMessage['headers'][] = [];
/** Requests the server holds without answering (a department past its deadline), released at the end. */
const held: (() => void)[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume();
    request.on('end', () => {
      if (request.url === '/slow') return held.push(() => response.end());
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60, public' });
      response.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
let clients: SubgraphClients | null = null;
afterEach(async () => {
  for (const release of held.splice(0)) release();
  await clients?.close();
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const post = { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' }, body: '{"query":"{ ok }"}' };

describe('the subgraph client', () => {
  it('keeps one connection alive for many calls, sends the Host header of the URL and the caller’s headers', async () => {
    clients = createSubgraphClients(5_000);
    const url = `http://localhost:${port}/graphql`;
    const fetcher = clients.fetcherFor(url);
    const before = connections;
    seen.length = 0;
    for (let call = 0; call < 10; call += 1) {
      const response = await fetcher(url, post);
      expect(response.ok).toBe(true);
      expect(response.headers.get('cache-control')).toBe('max-age=60, public');
      expect(await response.json()).toEqual({ data: { ok: true } });
    }
    // A connection is free again a moment after its body ends, so calls back to back may alternate two.
    expect(connections - before).toBeLessThanOrEqual(2);
    expect(seen.map((headers) => [headers.host, headers['x-request-id']])).toEqual(Array(10).fill([`localhost:${port}`, 'r-1']));
  });

  it('reads and parses the body once, however often it is asked for', async () => {
    clients = createSubgraphClients(5_000);
    const url = `http://127.0.0.1:${port}/graphql`;
    const response = await clients.fetcherFor(url)(url, post);
    const parsed = await response.json();
    expect(await response.json()).toBe(parsed);
    expect(await response.text()).toBe('{"data":{"ok":true}}');
    expect(response.bodyUsed).toBe(true);
  });

  it('turns a deadline passed into a TimeoutError', async () => {
    clients = createSubgraphClients(100);
    const url = `http://127.0.0.1:${port}/slow`;
    const failure = await clients.fetcherFor(url)(url, post).then(() => null, (error: Error) => error);
    expect(failure?.name).toBe('TimeoutError');
  });

  it('turns a department that does not answer at all into a TypeError, as fetch does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise((resolve) => closed.close(resolve));
    clients = createSubgraphClients(5_000);
    const failure = await clients.fetcherFor(url)(url, post).then(() => null, (error: Error) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure?.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });
});

describe('the remembered host look-up', () => {
  const answer = (options: { all?: boolean; family?: number }, lookup: ReturnType<typeof rememberedLookup>) =>
    new Promise<unknown>((resolve, reject) => lookup('department.internal', options as never, (error, address, family) => (error ? reject(error) : resolve(options.all ? address : [address, family]))));

  it('asks the resolver once per host for a while, then again; a failure is not remembered', async () => {
    let clock = 0;
    let asked = 0;
    let failNext = true;
    const addresses: LookupAddress[] = [{ address: '10.0.0.7', family: 4 }, { address: 'fd00::7', family: 6 }];
    const lookup = rememberedLookup(async () => {
      asked += 1;
      if (failNext) {
        failNext = false;
        throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
      }
      return addresses;
    }, () => clock);
    await expect(answer({ all: true }, lookup)).rejects.toThrow(/EAI_AGAIN/);
    expect(await answer({ all: true }, lookup)).toEqual(addresses);
    expect(await answer({ family: 6 }, lookup)).toEqual(['fd00::7', 6]);
    expect(await answer({}, lookup)).toEqual(['10.0.0.7', 4]);
    expect(asked).toBe(2);
    clock += 31_000;
    await answer({ all: true }, lookup);
    expect(asked).toBe(3);
  });
});
