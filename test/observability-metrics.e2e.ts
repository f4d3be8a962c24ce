// Metrics an operator scrapes (issue 11, Observability): after one talent view the gateway's
// /metrics counts the operation once and each subgraph's fetch once (并行办理: the talent, then the
// six departments), in Prometheus text with HELP/TYPE; each subgraph reports its DB commands'
// latency by collection and command, its audit hand-overs, and its outbox's depth, oldest pending
// age and dead letters by destination, read from its database at scrape time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/departments';
import { startHarness, type Harness } from './harness';
import { TALENT_VIEW } from './queries';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 3 });
});
afterAll(() => harness?.stop());

const scrape = async (url: string) => {
  const response = await fetch(url.replace('/graphql', '/metrics'));
  expect(response.status).toBe(200);
  return response.text();
};

/** The value of one sample, its labels in any order; undefined when there is no such sample. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value) && Object.keys(found).length === Object.keys(labels).length) return Number(match[3]);
  }
  return undefined;
}

describe('metrics', () => {
  it('counts one talent view at the gateway and each subgraph\'s fetch once', async () => {
    const talent = await harness.subgraphs.talent.connection.models.Talent.findOne({}, { _id: 1 }).lean<{ _id: { toString(): string } }>();
    const result = await harness.query(TALENT_VIEW, { id: talent!._id.toString() });
    expect(result.errors).toBeUndefined();

    const text = await scrape(harness.gatewayUrl);
    expect(text).toContain('# HELP gateway_subgraph_fetch_duration_seconds ');
    expect(text).toContain('# TYPE gateway_subgraph_fetch_duration_seconds histogram');
    expect(text).toContain('# TYPE gateway_subgraph_fetch_errors_total counter');
    expect(text).toContain('# TYPE graphql_requests_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    const fetches = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: name, outcome: 'ok' })]));
    expect(fetches).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 1])));
    expect(sample(text, 'graphql_requests_total', { operation: 'TalentView', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'graphql_request_duration_seconds_count', { operation: 'TalentView', outcome: 'ok' })).toBe(1);
    // Each subgraph answered the one fetch it was sent as a request of its own, named by the gateway
    // after the operation (`TalentView__<subgraph>__<n>`).
    for (const name of SUBGRAPH_NAMES) {
      const own = await scrape(harness.subgraphs[name].url);
      const named = [...own.matchAll(/^graphql_requests_total\{operation="TalentView__(\w+?)__\d+",outcome="ok"\} (\d+)$/gm)];
      expect(named.map(([, subgraph, count]) => [subgraph, Number(count)]), name).toEqual([[name, 1]]);
    }
  });

  it('times each subgraph\'s DB commands by collection and command, and counts its audit hand-overs', async () => {
    const talentText = await scrape(harness.subgraphs.talent.url);
    expect(talentText).toContain('# TYPE mongodb_command_duration_seconds histogram');
    expect(sample(talentText, 'mongodb_command_duration_seconds_count', { collection: 'talents', command: 'find', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    // The coordinator read legal records: the legal department queued them for the window's archive.
    const legalText = await scrape(harness.subgraphs.legal.url);
    expect(legalText).toContain('# TYPE audit_events_total counter');
    expect(sample(legalText, 'audit_events_total', { outcome: 'queued' })).toBeGreaterThanOrEqual(1);
  });

  it('shows an outbox\'s pending messages, the oldest one\'s age and its dead letters by destination', async () => {
    const outbox = harness.subgraphs.housing.connection.models.Outbox_audit_outbox;
    const now = Date.now();
    const message = (key: string, status: string, ageSeconds: number) => ({
      key: `metrics-test:${key}`,
      destination: 'archive-test',
      payload: { events: [] },
      status,
      attempts: status === 'DEAD' ? 12 : 1,
      // Not due for an hour: the test's figures stay as written while it reads them.
      nextAttemptAt: new Date(now + 3600_000),
      lockedUntil: null,
      lastError: status === 'DEAD' ? 'refused' : 'down',
      deliveredAt: null,
      trace: null,
      createdAt: new Date(now - ageSeconds * 1000),
      updatedAt: new Date(now),
    });
    await outbox.collection.insertMany([message('a', 'PENDING', 300), message('b', 'PENDING', 20), message('c', 'DEAD', 50)]);

    const text = await scrape(harness.subgraphs.housing.url);
    for (const name of ['outbox_pending_messages', 'outbox_oldest_pending_age_seconds', 'outbox_dead_letters']) {
      expect(text).toContain(`# HELP ${name} `);
      expect(text).toContain(`# TYPE ${name} gauge`);
    }
    const labels = { outbox: 'audit_outbox', destination: 'archive-test' };
    expect(sample(text, 'outbox_pending_messages', labels)).toBe(2);
    expect(sample(text, 'outbox_dead_letters', labels)).toBe(1);
    expect(sample(text, 'outbox_oldest_pending_age_seconds', labels)).toBeGreaterThanOrEqual(300);
    expect(sample(text, 'outbox_oldest_pending_age_seconds', labels)).toBeLessThan(400);
    // Other subgraphs' registries are their own.
    const other: SubgraphName = 'customs';
    expect(sample(await scrape(harness.subgraphs[other].url), 'outbox_pending_messages', labels)).toBeUndefined();
  });
});
