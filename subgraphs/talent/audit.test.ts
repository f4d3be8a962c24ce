// The audit archive (issue 4): append-only, each record stored once, read by coordinators only;
// a record lists every talent a request read (issue 12) and is found by any of them. `event(n)` is
// a record as a sender from before issue 12 hands it over (one read), still taken.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { Viewer } from '../kit/context';
import type { Model } from 'mongoose';
import { storeAuditEvents, type AuditEventDoc, type AuditEventInput } from './audit';
import { buildTalentSubgraph } from './server';

let fixture: SubgraphFixture;
beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph);
});
afterAll(() => fixture.close());
beforeEach(() => fixture.clear());

const TALENT = '007a1e470000000000000001';
const event = (n: number, overrides: Record<string, unknown> = {}) => ({
  id: `0000000000000000000000${String(n).padStart(2, '0')}`,
  at: `2026-11-24T00:0${n}:00+08:00`, // n < 10: minute n of the day
  requestId: `req-${n}`,
  subject: n % 2 === 0 ? 'coordinator-li' : 'health-wang',
  role: n % 2 === 0 ? 'coordinator' : 'department_staff',
  department: n % 2 === 0 ? null : 'health',
  talentId: TALENT,
  kind: 'READ',
  operation: 'Talent.health',
  fields: ['Talent.health.checkup'],
  outcome: 'OK',
  source: 'health',
  ...overrides,
});

const RECORD = `mutation($events: [AuditEventInput!]!) { recordAuditEvents(events: $events) }`;
const LIST = `query($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id at requestId subject role department talentId kind operation fields outcome source } }
  }
}`;
const coordinator: Viewer = { subject: 'c', role: 'coordinator' };

async function list(variables: Record<string, unknown>, viewer: Viewer = coordinator) {
  return fixture.run<{ auditEvents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Record<string, unknown> }[] } | null }>(LIST, variables, viewer);
}

const OTHER = '007a1e470000000000000002';
/** One request's record as kit/audit.ts makes it: a page of talents, one of them refused. */
const pageRecord = (n: number) => ({
  id: `0000000000000000000000${String(n).padStart(2, '0')}`,
  at: `2026-11-24T00:0${n}:00+08:00`,
  requestId: `page-${n}`,
  subject: 'coordinator-li',
  role: 'coordinator',
  department: null,
  kind: 'READ',
  outcome: 'FORBIDDEN',
  source: 'talent',
  reads: [
    { talentId: TALENT, operation: 'IdDocument.number', fields: ['IdDocument.number(full)'], outcome: 'OK' },
    { talentId: TALENT, operation: 'Talent.phone', fields: ['Talent.phone(full)'], outcome: 'OK' },
    { talentId: OTHER, operation: 'Talent.phone', fields: ['Talent.phone(full)'], outcome: 'FORBIDDEN' },
  ],
});
const READS = `query($filter: AuditEventFilter) {
  auditEvents(first: 10, filter: $filter) { totalCount edges { node { requestId talentIds talentId operation fields outcome reads { talentId operation fields outcome } } } }
}`;

describe('records of many reads (issue 12)', () => {
  it('stores a call of several records with one insert, each once however often it is sent', async () => {
    fixture.dbCommands.reset();
    expect((await fixture.run(RECORD, { events: [pageRecord(1), pageRecord(2), pageRecord(3)] })).data).toEqual({ recordAuditEvents: 3 });
    expect(fixture.dbCommands.snapshot()).toEqual({ 'insert audit_events': 1 });
    // An outbox re-delivers a batch whose answer it lost, with one new record in it.
    expect((await fixture.run(RECORD, { events: [pageRecord(1), pageRecord(2), pageRecord(3), pageRecord(4)] })).data).toEqual({ recordAuditEvents: 1 });
    expect((await list({ first: 10 })).data!.auditEvents!.totalCount).toBe(4);
  });

  it('stores the records of calls arriving together with one insert, and tells each call how many of its own were new', async () => {
    await fixture.run(RECORD, { events: [pageRecord(1)] });
    fixture.dbCommands.reset();
    const answers = await Promise.all([[pageRecord(1), pageRecord(2)], [pageRecord(3)], [pageRecord(4), pageRecord(5)]].map((events) => fixture.run(RECORD, { events })));
    expect(answers.map((answer) => answer.data)).toEqual([{ recordAuditEvents: 1 }, { recordAuditEvents: 1 }, { recordAuditEvents: 2 }]);
    // One insert for the three calls; it met the record already stored, so the batch was inserted again one by one.
    expect(fixture.dbCommands.snapshot()).toEqual({ 'insert audit_events': 1 + 5 });
    fixture.dbCommands.reset();
    await Promise.all([[pageRecord(6)], [pageRecord(7)], [pageRecord(8)]].map((events) => fixture.run(RECORD, { events })));
    expect(fixture.dbCommands.snapshot()).toEqual({ 'insert audit_events': 1 });
    expect((await list({ first: 10 })).data!.auditEvents!.totalCount).toBe(8);
  });

  it('holds records that arrive while an insert is in flight, and stores them together in the next one', async () => {
    const model = fixture.connection.models.AuditEvent as Model<AuditEventDoc>;
    const insertMany = model.insertMany;
    const inserted: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    model.insertMany = (async (documents: unknown[], options: unknown) => {
      inserted.push(documents.length);
      if (inserted.length === 1) {
        started();
        await held;
      }
      return (insertMany as (...args: unknown[]) => Promise<unknown>).call(model, documents, options);
    }) as unknown as typeof model.insertMany;
    const store = (...events: Record<string, unknown>[]) => storeAuditEvents(model, events as unknown as AuditEventInput[]);
    try {
      const first = store(pageRecord(1));
      await firstStarted;
      // Two more calls in two later ticks, while the first insert is in flight (a call queues its records before its first await).
      const second = store(pageRecord(2));
      await new Promise((resolve) => setImmediate(resolve));
      const third = store(pageRecord(3), pageRecord(4));
      release();
      expect(await Promise.all([first, second, third])).toEqual([1, 1, 2]);
      expect(inserted).toEqual([1, 3]);
    } finally {
      model.insertMany = insertMany;
    }
  });

  it('keeps a shared answer\'s record once for every request it lists, found by any of them', async () => {
    const shared = { ...pageRecord(1), requestId: 'shared-a', requestIds: ['shared-a', 'shared-b', 'shared-c'] };
    expect((await fixture.run(RECORD, { events: [shared, pageRecord(2)] })).data).toEqual({ recordAuditEvents: 2 });
    const byRequest = async (requestId: string) =>
      (await fixture.run<{ auditEvents: { edges: { node: { requestId: string; requestIds: string[] } }[] } }>(`query($filter: AuditEventFilter) { auditEvents(first: 10, filter: $filter) { edges { node { requestId requestIds } } } }`, { filter: { requestId } }, coordinator)).data!.auditEvents.edges.map((edge) => edge.node);
    for (const requestId of ['shared-a', 'shared-b', 'shared-c']) expect(await byRequest(requestId)).toEqual([{ requestId: 'shared-a', requestIds: ['shared-a', 'shared-b', 'shared-c'] }]);
    // A record of one request lists that one.
    expect(await byRequest('page-2')).toEqual([{ requestId: 'page-2', requestIds: ['page-2'] }]);
    // The list must hold the record's own request id.
    const stray = await fixture.run(RECORD, { events: [{ ...pageRecord(3), requestIds: ['someone-else'] }] });
    expect(stray.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events.0.requestIds' });
    expect((await list({ first: 10 })).data!.auditEvents!.totalCount).toBe(2);
  });

  it('finds a record by any talent it lists, and by an outcome any of its reads had', async () => {
    await fixture.run(RECORD, { events: [pageRecord(1), event(2, { talentId: OTHER })] });
    const read = async (filter: Record<string, unknown>) =>
      (await fixture.run<{ auditEvents: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(READS, { filter }, coordinator)).data!.auditEvents;
    const byOther = await read({ talentId: OTHER });
    expect(byOther.edges.map((edge) => edge.node.requestId)).toEqual(['req-2', 'page-1']);
    expect(byOther.edges[1].node).toEqual({
      requestId: 'page-1',
      talentIds: [TALENT, OTHER],
      talentId: null,
      operation: 'IdDocument.number, Talent.phone',
      fields: ['IdDocument.number(full)', 'Talent.phone(full)'],
      outcome: 'FORBIDDEN',
      reads: pageRecord(1).reads,
    });
    // A record from before issue 12 reads as one read of one talent.
    expect(byOther.edges[0].node).toMatchObject({ talentIds: [OTHER], talentId: OTHER, reads: [{ talentId: OTHER, operation: 'Talent.health', fields: ['Talent.health.checkup'], outcome: 'OK' }] });
    expect((await read({ talentId: TALENT })).edges.map((edge) => edge.node.requestId)).toEqual(['page-1']);
    expect((await read({ outcome: 'OK' })).totalCount).toBe(2);
    expect((await read({ outcome: 'FORBIDDEN' })).edges.map((edge) => edge.node.requestId)).toEqual(['page-1']);
  });

  it('refuses a record without reads, or with a malformed talent among them', async () => {
    const empty = await fixture.run(RECORD, { events: [{ ...pageRecord(5), reads: [] }] });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events.0.reads' });
    const bad = await fixture.run(RECORD, { events: [{ ...pageRecord(6), reads: [{ talentId: 'nope', operation: 'Talent.phone', fields: [], outcome: 'OK' }] }] });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events.0.reads.0.talentId' });
    expect((await list({ first: 10 })).data!.auditEvents!.totalCount).toBe(0);
  });
});

describe('the audit archive', () => {
  it('stores each event once: a resend, even with other content, changes nothing', async () => {
    expect((await fixture.run(RECORD, { events: [event(1), event(2)] })).data).toEqual({ recordAuditEvents: 2 });
    expect((await fixture.run(RECORD, { events: [event(1, { subject: 'someone-else', outcome: 'FORBIDDEN' })] })).data).toEqual({ recordAuditEvents: 0 });
    // A retried batch with one event already stored and one new: the new one is stored, the old one left.
    expect((await fixture.run(RECORD, { events: [event(2, { subject: 'someone-else' }), event(3)] })).data).toEqual({ recordAuditEvents: 1 });
    const answer = await list({ first: 10 });
    expect(answer.data!.auditEvents!.totalCount).toBe(3);
    expect(answer.data!.auditEvents!.edges.slice(1).map((edge) => edge.node)).toEqual([
      { ...event(2), at: '2026-11-23T16:02:00.000Z', role: 'COORDINATOR' },
      { ...event(1), at: '2026-11-23T16:01:00.000Z', role: 'DEPARTMENT_STAFF', department: 'HEALTH' },
    ]);
  });

  it('refuses malformed events with the field, storing none of them', async () => {
    const bad = await fixture.run(RECORD, { events: [event(3), event(4, { talentId: 'nope' })] });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events.1.talentId' });
    const role = await fixture.run(RECORD, { events: [event(5, { role: 'root' })] });
    expect(role.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events.0.role' });
    expect((await list({ first: 10 })).data!.auditEvents!.totalCount).toBe(0);
  });

  it('refuses an overlong request id, subject or operation, or an unknown source, with the field, storing none of them', async () => {
    const long = (length: number) => 'x'.repeat(length);
    const cases: [Record<string, unknown>, string][] = [
      [event(4, { requestId: long(101) }), 'events.1.requestId'],
      [event(4, { subject: long(201) }), 'events.1.subject'],
      [{ ...pageRecord(4), reads: [{ talentId: TALENT, operation: long(201), fields: [], outcome: 'OK' }] }, 'events.1.reads.0.operation'],
      [{ ...pageRecord(4), requestIds: ['page-4', long(101)] }, 'events.1.requestIds.1'],
      [event(4, { source: 'nowhere' }), 'events.1.source'],
    ];
    for (const [bad, field] of cases) {
      const answer = await fixture.run(RECORD, { events: [event(3), bad] });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await list({ first: 10 })).data!.auditEvents!.totalCount).toBe(0);
  });

  it('is recorded only by services', async () => {
    const answer = await fixture.run(RECORD, { events: [event(6)] }, coordinator);
    expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('pages newest first and filters', async () => {
    await fixture.run(RECORD, { events: [1, 2, 3, 4, 5].map((n) => event(n)) });
    const first = await list({ first: 2 });
    expect(first.data!.auditEvents!.edges.map((edge) => edge.node.requestId)).toEqual(['req-5', 'req-4']);
    const second = await list({ first: 2, after: first.data!.auditEvents!.pageInfo.endCursor });
    expect(second.data!.auditEvents!.edges.map((edge) => edge.node.requestId)).toEqual(['req-3', 'req-2']);
    const staffOnly = await list({ first: 10, filter: { role: 'DEPARTMENT_STAFF' } });
    expect(staffOnly.data!.auditEvents!.edges.map((edge) => edge.node.requestId)).toEqual(['req-5', 'req-3', 'req-1']);
    const window = await list({ first: 10, filter: { from: '2026-11-24T00:02:00+08:00', to: '2026-11-24T00:03:00+08:00' } });
    expect(window.data!.auditEvents!.edges.map((edge) => edge.node.requestId)).toEqual(['req-3', 'req-2']);
    const backwards = await list({ first: 10, filter: { from: '2026-11-24T00:03:00+08:00', to: '2026-11-24T00:02:00+08:00' } });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
    expect((await list({ first: 1, after: 'garbage' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('is read by coordinators only', async () => {
    for (const viewer of [
      { subject: 's', role: 'specialist' },
      { subject: 'h', role: 'department_staff', department: 'health' },
      { subject: 't', role: 'talent', talentId: TALENT },
      { subject: 'a', role: 'analyst' },
    ] as Viewer[]) {
      const answer = await list({ first: 1 }, viewer);
      expect(answer.data).toEqual({ auditEvents: null });
      expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
