// The dashboard's audit cost (issue 12): a coordinator's 100-row board reading ID numbers and phones
// in full, health and legal must not take the window down. Each request costs each subgraph one
// request and one DB command per collection, and writes one audit record per subgraph that read
// something sensitive (the window's own: one insert; a department's: one outbox message) — never one
// document per talent. Departments hand their records over in batches; the backlog drains to zero
// once the load stops, and every record is found by each talent it lists. Counted, not timed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENT_NAMES, SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { eventually, startHarness, type Harness } from './harness';
import { DASHBOARD_VIEW, TALENT_VIEW_DB_COMMANDS } from './queries';
import { bearer } from './tokens';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ demoTalents: 120 });
});
afterAll(() => harness.stop());

interface Read {
  talentId: string | null;
  operation: string;
}
interface AuditRecord {
  requestId: string;
  source: string;
  reads: Read[];
}

const RECORDS = /* GraphQL */ `
  query($filter: AuditEventFilter) {
    auditEvents(first: 100, filter: $filter) { totalCount edges { node { requestId source reads { talentId operation } } } }
  }
`;

async function records(filter: Record<string, unknown>): Promise<{ totalCount: number; records: AuditRecord[] }> {
  const answer = await harness.query<{ auditEvents: { totalCount: number; edges: { node: AuditRecord }[] } }>(RECORDS, { filter });
  expect(answer.errors).toBeUndefined();
  return { totalCount: answer.data!.auditEvents.totalCount, records: answer.data!.auditEvents.edges.map((edge) => edge.node) };
}

/** Audit messages the departments have not handed to the window yet. */
async function backlog(): Promise<number> {
  const waiting = await Promise.all(DEPARTMENT_NAMES.map((name) => harness.subgraphs[name].connection.models.Outbox_audit_outbox.countDocuments({ status: { $ne: 'DELIVERED' } })));
  return waiting.reduce((sum, n) => sum + n, 0);
}

async function outboxMessages(): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(DEPARTMENT_NAMES.map(async (name) => [name, await harness.subgraphs[name].connection.models.Outbox_audit_outbox.countDocuments({})])));
}

const archiveSize = () => harness.subgraphs.talent.connection.models.AuditEvent.countDocuments({});

describe('the dashboard with sensitive fields, audited', () => {
  it.each([1, 100])('writes one audit record per subgraph for %i rows, with one request per subgraph and one DB command per collection', async (first) => {
    const requestId = `dashboard-audit-${first}`;
    await eventually(backlog, (n) => n === 0);
    const [messagesBefore, archiveBefore] = [await outboxMessages(), await archiveSize()];
    harness.resetCounters();
    const result = await harness.query<{ talents: { edges: { node: { id: string } }[] } }>(DASHBOARD_VIEW, { first }, { 'x-request-id': requestId });
    expect(result.errors).toBeUndefined();
    const page = result.data!.talents.edges.map((edge) => edge.node.id);
    expect(page).toHaveLength(first);

    expect(harness.requestCounts()).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 1])));
    expect(harness.dbCommands()).toEqual(first === 1 ? { ...TALENT_VIEW_DB_COMMANDS, health: { 'find checkup_bookings': 1 } } : TALENT_VIEW_DB_COMMANDS);
    // The window's record: one insert into its archive, made by the request itself.
    expect(harness.subgraphs.talent.dbCommands.snapshot()['insert audit_events']).toBeGreaterThanOrEqual(1);

    // Each department queued at most one message for the request, whatever the page size.
    const messagesAfter = await outboxMessages();
    for (const name of DEPARTMENT_NAMES) expect(messagesAfter[name] - messagesBefore[name], name).toBeLessThanOrEqual(1);
    expect(messagesAfter.health - messagesBefore.health).toBe(1);
    expect(messagesAfter.legal - messagesBefore.legal).toBe(1);

    // Once handed over: one record per subgraph that read something sensitive, each listing every talent it read.
    await eventually(backlog, (n) => n === 0);
    const { records: stored } = await records({ requestId });
    const sources = stored.map((record) => record.source).sort();
    expect(new Set(sources).size).toBe(sources.length);
    expect(sources).toEqual(expect.arrayContaining(['health', 'legal', 'talent']));
    expect((await archiveSize()) - archiveBefore).toBe(stored.length);
    const talentsIn = (source: string) => new Set(stored.find((record) => record.source === source)!.reads.map((read) => read.talentId));
    for (const source of ['talent', 'health', 'legal']) expect(talentsIn(source), source).toEqual(new Set(page));
    const window = stored.find((record) => record.source === 'talent')!;
    expect(window.reads.filter((read) => read.operation === 'Talent.phone')).toHaveLength(first);
    expect(window.reads.filter((read) => read.operation === 'IdDocument.number')).toHaveLength(first);

    // The archive still answers by talent: the last talent of the page finds every record that lists it.
    const last = page.at(-1)!;
    const byTalent = await records({ talentId: last, requestId });
    const listing = stored.filter((record) => record.reads.some((read) => read.talentId === last));
    expect(listing.length).toBeGreaterThanOrEqual(3);
    expect(byTalent.records.map((record) => record.source).sort()).toEqual(listing.map((record) => record.source).sort());
  });

  it('keeps up with a burst of dashboards: every record stored once and the backlog back to zero', async () => {
    await eventually(backlog, (n) => n === 0);
    const archiveBefore = await archiveSize();
    const dashboards = Array.from({ length: 12 }, (_, n) => `dashboard-burst-${n}`);
    // Four boards side by side, three rounds: the outboxes fill faster than one hand-over per message would drain them.
    // Each board is another coordinator's, so the gateway sends each (it shares identical reads only within one identity).
    for (let round = 0; round < 3; round += 1) {
      const answers = await Promise.all(
        dashboards.slice(round * 4, round * 4 + 4).map(async (requestId) => harness.query(DASHBOARD_VIEW, { first: 100 }, { ...(await bearer({ subject: `coordinator-${requestId}`, role: 'coordinator' })), 'x-request-id': requestId })),
      );
      for (const answer of answers) expect(answer.errors).toBeUndefined();
    }
    await eventually(backlog, (n) => n === 0);
    const perRequest = await Promise.all(dashboards.map(async (requestId) => (await records({ requestId })).totalCount));
    const sourcesPerRequest = perRequest[0];
    expect(sourcesPerRequest).toBeGreaterThanOrEqual(3);
    expect(perRequest).toEqual(dashboards.map(() => sourcesPerRequest));
    expect((await archiveSize()) - archiveBefore).toBe(dashboards.length * sourcesPerRequest);
  });
});
