// A shared answer's sensitive reads stay on record for every caller (issue 12): the subgraph lists what
// it audited, the gateway stores the same reads for each caller it shared the answer with, under that
// caller's request id, before the answer leaves — and when the archive cannot take them, that caller
// gets no data from the shared fetch. A stand-in window answers the reads and the archive calls.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_REQUESTS_PER_RECORD, SHARED_READS_HEADER } from '../subgraphs/kit/audit';
import { bearer, COORDINATOR } from '../test/tokens';
import { readGatewayConfig } from './config';
import { startGateway, type RunningGateway } from './server';
import { listedReads, mergeSharedRecords, sharedReadRecords } from './shared-reads';

const TALENT = '64b000000000000000000001';
const READS = [{ talentId: TALENT, operation: 'Talent.phone', fields: ['Talent.phone'], outcome: 'OK' as const }];

/** What the stand-in window saw and how it answers the archive. */
const window = { reads: [] as { sharedReadsHeader: string | undefined }[], archived: [] as unknown[][], refuseArchive: false };
let server: Server;
let gateway: RunningGateway;
/** Callers that joined the fetch in flight; the held fetch goes out once `joiners` have joined. */
let joined = 0;
let joiners = 1;
let release: (() => void) | null = null;
/** Settles once the sender's fetch is held at the window, so the callers after it join that fetch. */
let fetchHeld: Promise<void>;
let held: () => void;
const expectHold = () => (fetchHeld = new Promise<void>((resolve) => (held = resolve)));
expectHold();

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { query, variables } = JSON.parse(body) as { query: string; variables: { events?: unknown[] } };
      response.writeHead(200, { 'content-type': 'application/json' });
      if (query.includes('recordAuditEvents')) {
        if (window.refuseArchive) return response.end(JSON.stringify({ errors: [{ message: 'archive down' }] }));
        window.archived.push(variables.events ?? []);
        return response.end(JSON.stringify({ data: { recordAuditEvents: variables.events?.length ?? 0 } }));
      }
      window.reads.push({ sharedReadsHeader: request.headers[SHARED_READS_HEADER] as string | undefined });
      response.end(JSON.stringify({ data: { talents: { totalCount: 1 } }, extensions: { auditedReads: READS } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  gateway = await startGateway(
    { ...readGatewayConfig({}), port: 0, subgraphUrls: { talent: url } },
    {
      log: () => {},
      env: {},
      holdSubgraphFetch: () => {
        held();
        return new Promise<void>((resolve) => (release = resolve));
      },
      onSharedFetch: () => {
        joined += 1;
        if (joined === joiners) release?.();
      },
    },
  );
});
afterAll(async () => {
  await gateway.stop();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  Object.assign(window, { reads: [], archived: [], refuseArchive: false });
  joined = 0;
  joiners = 1;
  expectHold();
});

async function ask(requestId: string) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(await bearer(COORDINATOR)) },
    body: JSON.stringify({ query: '{ talents(first: 1) { totalCount } }' }),
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

/** The sender's request first; once its fetch is held at the window, the sharers', which join it. */
async function askTogether(sender: string, sharers: string[]) {
  const sent = ask(sender);
  await fetchHeld;
  return Promise.all([sent, ...sharers.map(ask)]);
}

describe('a shared answer\'s audited reads', () => {
  it('are stored for the caller who shared it, under its own request id, before its answer leaves', async () => {
    const [sender, sharer] = await askTogether('sent-1', ['shared-1']);
    expect(joined).toBe(1);
    expect(window.reads).toEqual([{ sharedReadsHeader: '1' }]);
    expect(sender).toEqual({ data: { talents: { totalCount: 1 } } });
    expect(sharer).toEqual(sender);
    // The window keeps the sender's record itself; the gateway stores the sharer's, as the window would have.
    expect(window.archived).toHaveLength(1);
    expect(window.archived[0]).toEqual([
      expect.objectContaining({ requestId: 'shared-1', subject: COORDINATOR.subject, role: 'coordinator', kind: 'READ', outcome: 'OK', source: 'talent', reads: READS }),
    ]);
  });

  it('are stored once for all the callers who shared one answer, the record listing each of their request ids', async () => {
    joiners = 3;
    const answers = await askTogether('sent-3', ['shared-3a', 'shared-3b', 'shared-3c']);
    expect(joined).toBe(3);
    expect(window.reads).toHaveLength(1);
    for (const answer of answers) expect(answer).toEqual({ data: { talents: { totalCount: 1 } } });
    // The sharers in the order their requests reached the gateway; requestId is the first of them.
    expect(window.archived).toEqual([[expect.objectContaining({ subject: COORDINATOR.subject, source: 'talent', reads: READS })]]);
    const [record] = window.archived[0] as { requestId: string; requestIds: string[] }[];
    expect([...record.requestIds].sort()).toEqual(['shared-3a', 'shared-3b', 'shared-3c']);
    expect(record.requestId).toBe(record.requestIds[0]);
  });

  it('withhold the answer of the caller who shared it when the archive cannot store them', async () => {
    window.refuseArchive = true;
    const [sender, sharer] = await askTogether('sent-2', ['shared-2']);
    expect(sender).toEqual({ data: { talents: { totalCount: 1 } } });
    expect(sharer.data).toBeNull();
    expect(sharer.errors?.map((error) => error.extensions.code)).toEqual(['AUDIT_UNAVAILABLE']);
  });
});

describe('merging the records of one shared answer', () => {
  const viewer = { subject: 'u1', role: 'coordinator' as const };
  const at = (second: number) => () => new Date(Date.UTC(2026, 11, 7, 8, 0, second));
  const recordOf = (requestId: string, second: number, reads = READS, who: { subject: string; role: 'coordinator' | 'specialist' } = viewer) => sharedReadRecords('health', requestId, who, reads, at(second))[0];

  it('makes one record of the same reads by the same identity, listing every request, at the earliest time', () => {
    const [merged, ...rest] = mergeSharedRecords([recordOf('r-2', 5), recordOf('r-1', 3), recordOf('r-3', 4)]);
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({ requestId: 'r-2', requestIds: ['r-2', 'r-1', 'r-3'], at: at(3)().toISOString(), subject: 'u1', source: 'health', reads: READS });
  });

  it('keeps apart what differs in reads or in who read it, and a lone record as it was', () => {
    const otherReads = [{ ...READS[0], fields: ['Talent.phone(full)'] }];
    const lone = recordOf('r-1', 1);
    expect(mergeSharedRecords([lone])).toEqual([lone]);
    const kept = mergeSharedRecords([lone, recordOf('r-2', 1, otherReads), recordOf('r-3', 1, READS, { subject: 'u2', role: 'coordinator' }), recordOf('r-4', 1, READS, { subject: 'u1', role: 'specialist' })]);
    expect(kept.map((record) => record.requestIds ?? record.requestId)).toEqual(['r-1', 'r-2', 'r-3', 'r-4']);
  });

  it(`lists at most ${MAX_REQUESTS_PER_RECORD} requests in one record`, () => {
    const records = Array.from({ length: MAX_REQUESTS_PER_RECORD + 2 }, (_, n) => recordOf(`r-${n}`, 1));
    const merged = mergeSharedRecords(records);
    expect(merged.map((record) => record.requestIds?.length)).toEqual([MAX_REQUESTS_PER_RECORD, 2]);
  });
});

describe('reading what a subgraph listed', () => {
  it('takes the listed reads, none when nothing sensitive was read, and refuses a malformed list', () => {
    expect(listedReads({ auditedReads: READS })).toEqual(READS);
    expect(listedReads(undefined)).toBeNull();
    expect(listedReads({ auditedReads: [] })).toBeNull();
    expect(() => listedReads({ auditedReads: [{ talentId: TALENT, operation: 'Talent.phone', fields: 'Talent.phone', outcome: 'OK' }] })).toThrow(/unknown form/);
  });

  it('makes records for a person, none for a service', () => {
    const at = new Date('2026-12-06T08:00:00Z');
    const [record] = sharedReadRecords('health', 'r-1', { subject: 'u1', role: 'coordinator' }, [{ ...READS[0], operation: 'Talent.health', fields: ['Talent.health.checkup'] }], () => at);
    expect(record).toMatchObject({ requestId: 'r-1', subject: 'u1', role: 'coordinator', source: 'health', at: at.toISOString(), reads: [{ talentId: TALENT, operation: 'Talent.health', fields: ['Talent.health.checkup'], outcome: 'OK' }] });
    expect(sharedReadRecords('health', 'r-2', { subject: 'gateway', role: 'service' }, READS)).toEqual([]);
  });
});
