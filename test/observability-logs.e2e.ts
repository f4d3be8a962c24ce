// Logs (issue 11, Observability): one talent view leaves one structured line in the gateway and one
// in each subgraph, all with the caller's request id and one trace id, the operation, the role,
// the duration and the outcome, and at the gateway the subgraphs it called. A department that
// cannot be reached is logged at warn with its reason; an outbox that cannot hand its audit events
// to the window logs each retry at warn.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { createLogger, setProcessLogger } from '../subgraphs/kit/observability/logger';
import { startTracing } from '../subgraphs/kit/observability/tracing';
import { eventually, startHarness, type Harness } from './harness';
import { TALENT_VIEW } from './queries';

type Line = Record<string, unknown> & { service: string; level: number; msg: string };
const lines: Line[] = [];
let harness: Harness;
let talentId: string;

beforeAll(async () => {
  startTracing('e2e', { env: {} });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  setProcessLogger(createLogger({ destination, level: 'info', env: {} }));
  harness = await startHarness({ demoTalents: 3 });
  const talent = await harness.subgraphs.talent.connection.models.Talent.findOne({}, { _id: 1 }).lean<{ _id: { toString(): string } }>();
  talentId = talent!._id.toString();
});
afterAll(() => harness?.stop());

describe('logs', () => {
  it('writes one line per request in every process it crossed, with one request id and one trace id', async () => {
    const result = await harness.query(TALENT_VIEW, { id: talentId }, { 'x-request-id': 'logs-e2e-view-1' });
    expect(result.errors).toBeUndefined();
    const mine = await eventually(
      async () => lines.filter((line) => line.requestId === 'logs-e2e-view-1' && line.level === 30),
      (found) => found.length === SUBGRAPH_NAMES.length + 1,
    );
    const gateway = mine.find((line) => line.service === 'gateway')!;
    expect(gateway).toMatchObject({ operation: 'TalentView', role: 'coordinator', outcome: 'ok', status: 200, msg: expect.stringContaining('TalentView ok in') });
    expect(gateway.durationMs).toBeGreaterThan(0);
    expect([...(gateway.subgraphs as string[])].sort()).toEqual([...SUBGRAPH_NAMES].sort());
    // The talent first, then the six departments (their order among themselves is the race's).
    expect((gateway.subgraphs as string[])[0]).toBe('talent');
    expect(gateway.traceId).toMatch(/^[0-9a-f]{32}$/);
    for (const name of SUBGRAPH_NAMES) {
      const own = mine.filter((line) => line.service === name);
      expect(own, name).toHaveLength(1);
      expect(own[0], name).toMatchObject({ traceId: gateway.traceId, role: 'coordinator', outcome: 'ok', operation: expect.stringMatching(/^TalentView__/) });
    }
  });

  it('logs a department that cannot be reached at warn, with its reason, and the request as partial', async () => {
    await harness.stopSubgraph('housing');
    try {
      const result = await harness.query(TALENT_VIEW, { id: talentId }, { 'x-request-id': 'logs-e2e-down-1' });
      expect(result.errors?.map((error) => error.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');
      const warned = lines.filter((line) => line.requestId === 'logs-e2e-down-1' && line.level === 40);
      expect(warned).toEqual([expect.objectContaining({ service: 'gateway', subgraph: 'housing', reason: 'unreachable', err: expect.objectContaining({ stack: expect.any(String) }) })]);
      expect(lines.find((line) => line.requestId === 'logs-e2e-down-1' && line.level === 30 && line.service === 'gateway')).toMatchObject({
        outcome: 'partial',
        errorCodes: ['SUBGRAPH_UNAVAILABLE'],
      });
    } finally {
      await harness.startSubgraph('housing');
    }
  });

  it('logs each retry of an outbox that cannot reach the window at warn', async () => {
    await harness.stopSubgraph('talent');
    try {
      // An audit hand-over due now in the legal department's outbox, for the window, which is down.
      const outbox = harness.subgraphs.legal.connection.models.Outbox_audit_outbox;
      await outbox.collection.insertOne({
        key: 'logs-e2e:retry',
        destination: 'talent',
        payload: { events: [] },
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: new Date(0),
        lockedUntil: null,
        lastError: null,
        deliveredAt: null,
        trace: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      const retry = await eventually(async () => lines.find((line) => line.key === 'logs-e2e:retry'), Boolean);
      expect(retry).toMatchObject({ level: 40, outbox: 'audit_outbox', destination: 'talent', attempts: 1, msg: expect.stringContaining('not delivered (attempt 1') });
    } finally {
      await harness.startSubgraph('talent');
    }
  });
});
