// In-flight deduplication at the gateway (issue 12): identical reads by one identity, in flight
// together, reach each subgraph once and every caller gets the whole answer; another role, another
// subject or a mutation is always sent on its own. Concurrency is made certain, not hoped for: each
// fetch the gateway sends is held until every caller's identical fetch has arrived (sent or shared).
// A shared answer's sensitive reads are still on record for every caller, under its own request id.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '../subgraphs/kit/context';
import { eventually, firstTalentId, startHarness, type GraphQLResponse, type Harness } from './harness';
import { TALENT_VIEW } from './queries';
import { bearer } from './tokens';

/** Holds each sent fetch until `expected` fetches of that subgraph (sent or shared) have arrived since the last reset. */
class ArrivalGate {
  private expected = 1;
  private arrivals = new Map<string, number>();
  private held: { subgraph: string; until: number; release(): void }[] = [];

  reset(expected: number): void {
    this.expected = expected;
    this.arrivals.clear();
  }

  private arrive(subgraph: string): number {
    const count = (this.arrivals.get(subgraph) ?? 0) + 1;
    this.arrivals.set(subgraph, count);
    for (const one of this.held.filter((held) => held.subgraph === subgraph && count >= held.until)) one.release();
    this.held = this.held.filter((held) => !(held.subgraph === subgraph && count >= held.until));
    return count;
  }

  hold = (subgraph: string): Promise<void> => {
    const count = this.arrive(subgraph);
    // A round is `expected` arrivals: the one that opens it waits for the rest.
    const until = Math.ceil(count / this.expected) * this.expected;
    if (count >= until) return Promise.resolve();
    return new Promise((release) => this.held.push({ subgraph, until, release }));
  };

  shared = (subgraph: string): void => void this.arrive(subgraph);
}

const gate = new ArrivalGate();
let harness: Harness;
let talentId: string;

const COORDINATOR_A: Viewer = { subject: 'coordinator-a', role: 'coordinator' };
const COORDINATOR_B: Viewer = { subject: 'coordinator-b', role: 'coordinator' };
const SPECIALIST_A: Viewer = { subject: 'coordinator-a', role: 'specialist' };
const TALENT_NAME = /* GraphQL */ `query TalentName($id: ID!) { talent(id: $id) { id name program } }`;

async function sharedMetric(subgraph: string): Promise<number> {
  const text = await (await fetch(harness.gatewayUrl.replace('/graphql', '/metrics'))).text();
  const line = text.split('\n').find((one) => one.startsWith(`gateway_subgraph_fetches_shared_total{subgraph="${subgraph}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

interface AuditRecord {
  source: string;
  subject: string;
  role: string;
  reads: { talentId: string | null; operation: string }[];
}
const AUDIT_RECORDS = /* GraphQL */ `
  query SharedReadRecords($filter: AuditEventFilter) {
    auditEvents(first: 50, filter: $filter) { edges { node { source subject role reads { talentId operation } } } }
  }
`;

const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 3, gatewayHooks: { holdSubgraphFetch: gate.hold, onSharedFetch: gate.shared } });
  talentId = await firstTalentId(harness);
});
afterAll(() => harness?.stop());
beforeEach(() => harness.resetCounters());

describe('identical reads in flight together', () => {
  it('20 identical talent views by one coordinator: one request per subgraph, and each caller gets the whole answer', async () => {
    gate.reset(1);
    const headers = await bearer(COORDINATOR_A);
    const alone = await harness.query(TALENT_VIEW, { id: talentId }, headers);
    expect(alone.errors).toBeUndefined();
    const onceEach = nonZero(harness.requestCounts());
    // The view asks the talent and every department.
    expect(onceEach).toEqual({ talent: 1, household: 1, education: 1, health: 1, legal: 1, housing: 1, customs: 1 });

    harness.resetCounters();
    gate.reset(20);
    const sharedBefore = await sharedMetric('health');
    const answers: GraphQLResponse[] = await Promise.all(Array.from({ length: 20 }, () => harness.query(TALENT_VIEW, { id: talentId }, headers)));
    expect(nonZero(harness.requestCounts())).toEqual(onceEach);
    for (const answer of answers) expect(answer).toEqual({ data: alone.data });
    expect((await sharedMetric('health')) - sharedBefore).toBe(19);
  });

  it('records each sharing caller\'s sensitive reads in the archive under its own request id, as the subgraph did for the sender', async () => {
    gate.reset(5);
    const headers = await bearer(COORDINATOR_A);
    const requestIds = Array.from({ length: 5 }, (_, n) => `shared-read-${n}-${Date.now()}`);
    const answers = await Promise.all(requestIds.map((requestId) => harness.query(TALENT_VIEW, { id: talentId }, { ...headers, 'x-request-id': requestId })));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(nonZero(harness.requestCounts())).toEqual({ talent: 1, household: 1, education: 1, health: 1, legal: 1, housing: 1, customs: 1 });

    // Which subgraphs recorded what, per request (the departments' records arrive through their outboxes).
    const recordsOf = async (requestId: string) => {
      const answer = await harness.query<{ auditEvents: { edges: { node: AuditRecord }[] } }>(AUDIT_RECORDS, { filter: { requestId } });
      expect(answer.errors).toBeUndefined();
      return answer.data!.auditEvents.edges.map(({ node }) => node);
    };
    const summary = (records: AuditRecord[]) => records.map((record) => `${record.source} ${record.subject} ${record.role} ${[...new Set(record.reads.map((read) => `${read.talentId}:${read.operation}`))].sort().join(',')}`).sort();
    const expected = ['health', 'legal', 'talent'];
    const all = await eventually(
      () => Promise.all(requestIds.map(recordsOf)),
      (each) => each.every((records) => expected.every((source) => records.some((record) => record.source === source))),
    );
    // Every caller's records: the same subgraphs, the same talent and fields, its own request id and identity.
    for (const records of all) {
      expect(summary(records)).toEqual(summary(all[0]));
      for (const record of records) expect(record).toMatchObject({ subject: COORDINATOR_A.subject, role: 'COORDINATOR' });
      for (const source of expected) expect(records.find((record) => record.source === source)!.reads.map((read) => read.talentId)).toContain(talentId);
    }
  });

  it('two roles or two subjects asking the same are sent separately', async () => {
    for (const [first, second] of [
      [COORDINATOR_A, SPECIALIST_A],
      [COORDINATOR_A, COORDINATOR_B],
    ]) {
      harness.resetCounters();
      gate.reset(2);
      const answers = await Promise.all([first, second].map(async (viewer) => harness.query(TALENT_NAME, { id: talentId }, await bearer(viewer))));
      expect(nonZero(harness.requestCounts()), `${first.subject}/${first.role} and ${second.subject}/${second.role}`).toEqual({ talent: 2 });
      expect(answers[0].errors).toBeUndefined();
      expect(answers[1]).toEqual(answers[0]);
    }
  });

  it('never shares a mutation', async () => {
    gate.reset(2);
    const headers = await bearer(COORDINATOR_A);
    const withdraw = /* GraphQL */ `mutation Withdraw($id: ID!) { withdrawCase(caseId: $id, reason: "重复提交测试") { status } }`;
    const answers = await Promise.all([1, 2].map(() => harness.query(withdraw, { id: 'ffffffffffffffffffffffff' }, headers)));
    expect(nonZero(harness.requestCounts())).toEqual({ talent: 2 });
    expect(answers[0].errors?.length).toBeGreaterThan(0);
    expect(answers[1]).toEqual(answers[0]);
  });

  it('shares nothing once the answer is in: the same view asked again is sent again', async () => {
    gate.reset(1);
    const headers = await bearer(COORDINATOR_A);
    await harness.query(TALENT_NAME, { id: talentId }, headers);
    await harness.query(TALENT_NAME, { id: talentId }, headers);
    expect(nonZero(harness.requestCounts())).toEqual({ talent: 2 });
  });
});
