// The dispatcher (并行办理, 004 第十条) on the state kept in each case: with two window replicas
// working the same database each part is handed out once; a department refusing a part for good
// dead-letters it for coordinators (deliveryFailed) until they retry it; a department that is down
// delays its part; events a crash left in the case are archived once; a withdrawal recalls only the
// parts a department may hold. The departments are a fake HTTP service that counts what it gets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../../test/environment';
import { addDays, todayInChina } from '../../kit/dates';
import { DEPARTMENT_NAMES } from '../../kit/departments';
import { MAX_ATTEMPTS } from '../../kit/delivery';
import { registerCaseModels, type CaseDoc } from '../case-model';
import { buildTalentSubgraph } from '../server';
import { caseHandOverFigures, createDispatcher } from './dispatch';
import { refreshWorkDueAt } from './case-store';
import { BAIYUN, insertTestTalents } from './fixtures';

type Mode = 'accept' | 'refuse' | 'down';
const modes = new Map<string, Mode>();
const received = new Map<string, number>();
const recalled = new Map<string, number>();
let departments: Server;
let urls: Record<string, string>;

function startDepartments(): Promise<void> {
  departments = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const department = (request.url ?? '/').slice(1);
      const mode = modes.get(department) ?? 'accept';
      if (mode === 'down') {
        response.writeHead(503).end();
        return;
      }
      const { query, variables } = JSON.parse(body) as { query: string; variables: { input?: { caseId: string; item: string }; caseId?: string } };
      if (mode === 'refuse') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: '表单不符合规定', extensions: { code: 'BAD_USER_INPUT' } }] }));
        return;
      }
      const key = query.includes('withdraw') ? `${department}:${variables.caseId}` : `${variables.input!.caseId}:${variables.input!.item}`;
      const counts = query.includes('withdraw') ? recalled : received;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const field = query.match(/(receive|withdraw)\w+/)![0];
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { [field]: query.includes('withdraw') ? [] : { id: 'task', status: 'RECEIVED' } } }));
    });
  });
  return new Promise((resolve) => departments.listen(0, '127.0.0.1', resolve));
}

let fixture: SubgraphFixture;
const clock = new TestClock();
const today = () => todayInChina(clock.now());

beforeAll(async () => {
  await startDepartments();
  const port = (departments.address() as AddressInfo).port;
  urls = Object.fromEntries(DEPARTMENT_NAMES.map((name) => [name, `http://127.0.0.1:${port}/${name}`]));
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment(urls, clock));
});
beforeEach(async () => {
  clock.set(new Date());
  modes.clear();
  received.clear();
  recalled.clear();
  await fixture.clear();
  await insertTestTalents(fixture.connection, today());
});
afterAll(async () => {
  await fixture.close();
  await new Promise((resolve) => departments.close(resolve));
});

const replica = () => createDispatcher(testEnvironment(urls, clock), registerCaseModels(fixture.connection));
const stored = (id: string) => fixture.connection.models.Case.findById(id).lean<CaseDoc>();

async function newCase(key = `req-${Math.random().toString(36).slice(2, 12)}`): Promise<string> {
  const result = await fixture.run<{ submitCase: { id: string } }>(`mutation($input: SubmitCaseInput!) { submitCase(input: $input) { id } }`, {
    input: {
      requestKey: key,
      talentId: BAIYUN,
      items: [
        { service: 'LEGAL_CONSULTATION', legalConsultation: { topic: '劳动合同纠纷', category: 'CONSULTATION', personalMatter: true, channel: 'PHONE' } },
        { service: 'FREE_ANNUAL_CHECKUP', checkup: { preferredDate: addDays(today(), 10), hospital: null } },
      ],
      materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'CHECKUP_RECEIPT'],
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.submitCase.id;
}

/** Runs rounds of every given replica side by side until no case has work due now. */
async function settle(...replicas: ReturnType<typeof replica>[]): Promise<void> {
  for (const each of replicas) each.start();
  for (let round = 0; round < 50; round += 1) {
    await Promise.all(replicas.map((each) => each.drain()));
    if ((await fixture.connection.models.Case.countDocuments({ workDueAt: { $lte: clock.now() } })) === 0) break;
  }
  await Promise.all(replicas.map((each) => each.stop()));
}

describe('the dispatcher', () => {
  it('hands each part out once with two window replicas working the same cases', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => newCase()));
    await settle(replica(), replica());
    expect(received.size).toBe(24);
    expect([...received.values()].every((count) => count === 1)).toBe(true);
    for (const id of ids) {
      const current = await stored(id);
      expect(current!.items.map((item) => [item.status, item.dispatch.state])).toEqual([['DELIVERED_TO_DEPARTMENT', 'DONE'], ['DELIVERED_TO_DEPARTMENT', 'DONE']]);
      expect(current!.workDueAt).toBeNull();
    }
    const timeline = await fixture.connection.models.CaseEvent.find({ caseId: ids[0] }).lean<{ kind: string }[]>();
    expect(timeline.map((event) => event.kind).sort()).toEqual(['DISPATCHED', 'DISPATCHED', 'SUBMITTED']);
  });

  it('dead-letters a part its department refuses for good, shows it to coordinators, and sends it again on retry', async () => {
    modes.set('health', 'refuse');
    const id = await newCase();
    await settle(replica());
    const failed = await stored(id);
    expect(failed!.deliveryFailed).toBe(true);
    expect(failed!.items.map((item) => [item.department, item.dispatch.state])).toEqual([['legal', 'DONE'], ['health', 'DEAD']]);
    const board = await fixture.run<{ cases: { totalCount: number; edges: { node: { id: string; deliveryFailed: boolean; items: { delivery: unknown }[] } }[] } }>(
      `{ cases(first: 10, filter: { deliveryFailed: true }) { totalCount edges { node { id deliveryFailed items { delivery { kind state attempts lastError } } timeline { kind } } } } }`,
    );
    expect(board.errors).toBeUndefined();
    expect(board.data!.cases.totalCount).toBe(1);
    expect(board.data!.cases.edges[0].node).toMatchObject({
      id,
      deliveryFailed: true,
      items: [{ delivery: { kind: 'DISPATCH', state: 'DELIVERED', attempts: 1, lastError: null } }, { delivery: { kind: 'DISPATCH', state: 'FAILED', attempts: 1, lastError: expect.stringContaining('表单不符合规定') } }],
      timeline: expect.arrayContaining([{ kind: 'DELIVERY_FAILED' }]),
    });

    modes.delete('health');
    const retried = await fixture.run(`mutation($id: ID!) { retryCaseDelivery(caseId: $id) { deliveryFailed items { delivery { state } } } }`, { id });
    expect(retried.errors).toBeUndefined();
    expect(retried.data).toEqual({ retryCaseDelivery: { deliveryFailed: false, items: [{ delivery: { state: 'DELIVERED' } }, { delivery: { state: 'PENDING' } }] } });
    await settle(replica());
    expect((await stored(id))!.items.map((item) => item.dispatch.state)).toEqual(['DONE', 'DONE']);
    const again = await fixture.run(`mutation($id: ID!) { retryCaseDelivery(caseId: $id) { id } }`, { id });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'NO_FAILED_DELIVERY' });
  });

  it('does not put back a due time the archive cleared while a stale refresh was computing', async () => {
    const id = await newCase();
    await settle(replica());
    const settled = (await stored(id))!;
    expect(settled.workDueAt).toBeNull();
    // Another replica read the case before the last write (a lease running, events not yet archived),
    // and writes only now: the same version, but workDueAt has moved on since it read.
    const stale = { ...settled, unarchived: [{ kind: 'DISPATCHED' }], workDueAt: new Date(clock.now().getTime() + 60_000) };
    const models = registerCaseModels(fixture.connection);
    const findById = models.Case.findById;
    models.Case.findById = (() => ({ lean: async () => stale })) as unknown as typeof findById;
    try {
      await refreshWorkDueAt(models, id, clock.now);
    } finally {
      models.Case.findById = findById;
    }
    expect((await stored(id))!.workDueAt).toBeNull();
  });

  it('counts for /metrics, per department, the parts still to hand out and the dead-lettered ones', async () => {
    modes.set('legal', 'down');
    modes.set('health', 'refuse');
    await newCase();
    await settle(replica());
    clock.advance(90_000);
    const figures = await caseHandOverFigures(registerCaseModels(fixture.connection), clock.now());
    expect(figures).toEqual([
      { outbox: 'case_dispatch', destination: 'health', pending: 0, oldestPendingSeconds: 0, dead: 1 },
      { outbox: 'case_dispatch', destination: 'legal', pending: 1, oldestPendingSeconds: expect.any(Number), dead: 0 },
    ]);
    expect(figures[1].oldestPendingSeconds).toBeGreaterThanOrEqual(90);
  });

  it('keeps retrying a department that is down, later each time, and gives up only after the limit', async () => {
    modes.set('legal', 'down');
    const id = await newCase();
    const dispatcher = replica();
    await settle(dispatcher);
    let current = (await stored(id))!;
    expect(current.items[0].dispatch).toMatchObject({ state: 'PENDING', attempts: 1 });
    expect(current.items[1].dispatch.state).toBe('DONE');
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      clock.advance(61_000);
      await settle(dispatcher);
      current = (await stored(id))!;
      expect(current.items[0].dispatch.attempts).toBe(attempt);
    }
    expect(current.items[0].dispatch.state).toBe('DEAD');
    expect(current.deliveryFailed).toBe(true);
  });

  it('archives the events a crash left in the case, once', async () => {
    const id = await newCase();
    // As if the window stopped right after storing a change: events in the case, not yet in the archive.
    await fixture.connection.models.CaseEvent.deleteMany({ caseId: id });
    const current = (await stored(id))!;
    await fixture.connection.models.Case.updateOne({ _id: id }, { $set: { unarchived: [{ _id: `${id}:00001`, caseId: id, at: current.acceptedAt, kind: 'SUBMITTED', department: null, service: null, message: '窗口受理' }], workDueAt: new Date(0) } });
    await settle(replica(), replica());
    const kinds = (await fixture.connection.models.CaseEvent.find({ caseId: id }).lean<{ kind: string }[]>()).map((event) => event.kind).sort();
    expect(kinds).toEqual(['DISPATCHED', 'DISPATCHED', 'SUBMITTED']);
    expect((await stored(id))!.unarchived).toEqual([]);
  });

  it('withdrawn before hand-out: nothing is sent; withdrawn after: each department holding a part is told once', async () => {
    const early = await newCase();
    const late = await newCase();
    await settle(replica());
    const early2 = await newCase();
    for (const id of [late, early2]) {
      const result = await fixture.run(`mutation($id: ID!) { withdrawCase(caseId: $id, reason: "不再需要") { status } }`, { id });
      expect(result.errors).toBeUndefined();
    }
    await settle(replica(), replica());
    expect([...received.keys()].filter((key) => key.startsWith(early2))).toEqual([]);
    expect((await stored(early2))!.items.map((item) => [item.dispatch.state, item.recall])).toEqual([['CANCELLED', null], ['CANCELLED', null]]);
    expect([...recalled.entries()].sort()).toEqual([[`health:${late}`, 1], [`legal:${late}`, 1]]);
    expect((await stored(late))!.items.map((item) => item.recall?.state)).toEqual(['DONE', 'DONE']);
    expect((await stored(early))!.status).toBe('IN_PROGRESS');
  });
});
