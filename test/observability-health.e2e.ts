// Health (issue 11, Observability): /health/live says the process runs; /health/ready says a
// subgraph's database answers (503 when it does not) and, at the gateway, that the supergraph is loaded with each
// subgraph's reachability listed. A department that is down is listed as unreachable without
// making the gateway unready: it still answers every other department's part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { startHarness, type Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness?.stop());

const get = async (url: string, path: string) => {
  const response = await fetch(url.replace('/graphql', path));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('health', () => {
  it('answers live and ready in every subgraph, ready meaning its database answers', async () => {
    for (const name of SUBGRAPH_NAMES) {
      expect(await get(harness.subgraphs[name].url, '/health/live')).toEqual({ status: 200, body: { live: true, service: name } });
      expect(await get(harness.subgraphs[name].url, '/health/ready')).toEqual({ status: 200, body: { ready: true, subgraph: name, database: { reachable: true } } });
    }
  });

  it('answers not ready, and still live, when a subgraph has lost its database', async () => {
    await harness.subgraphs.education.connection.close();
    try {
      expect(await get(harness.subgraphs.education.url, '/health/ready')).toEqual({
        status: 503,
        body: { ready: false, subgraph: 'education', database: { reachable: false, error: 'not connected' } },
      });
      expect((await get(harness.subgraphs.education.url, '/health/live')).status).toBe(200);
      const gateway = await get(harness.gatewayUrl, '/health/ready');
      expect((gateway.body.subgraphs as Record<string, unknown>).education).toMatchObject({ reachable: true, ready: false });
    } finally {
      await harness.startSubgraph('education');
    }
  });

  it('lists every subgraph\'s reachability in the gateway\'s readiness', async () => {
    expect(await get(harness.gatewayUrl, '/health/live')).toEqual({ status: 200, body: { live: true, service: 'gateway' } });
    const ready = await get(harness.gatewayUrl, '/health/ready');
    expect(ready).toEqual({
      status: 200,
      body: {
        ready: true,
        service: 'gateway',
        supergraph: 'loaded',
        subgraphs: Object.fromEntries(
          [...SUBGRAPH_NAMES].sort().map((name) => [name, { url: harness.subgraphs[name].url.replace('/graphql', '/health/ready'), reachable: true, ready: true, latencyMs: expect.any(Number) }]),
        ),
      },
    });
    // The old endpoint still answers as before.
    expect(await get(harness.gatewayUrl, '/health')).toEqual({ status: 200, body: { ready: true, service: 'gateway' } });
  });

  it('lists a department that is down as unreachable and stays ready for the others', async () => {
    await harness.stopSubgraph('customs');
    try {
      const ready = await get(harness.gatewayUrl, '/health/ready');
      expect(ready.status).toBe(200);
      const subgraphs = ready.body.subgraphs as Record<string, { reachable: boolean; ready: boolean; error?: string }>;
      expect(subgraphs.customs).toEqual({ url: expect.stringContaining('/health/ready'), reachable: false, ready: false, error: expect.any(String) });
      expect(Object.entries(subgraphs).filter(([, probe]) => !probe.reachable).map(([name]) => name)).toEqual(['customs']);
    } finally {
      await harness.startSubgraph('customs');
    }
  });
});
