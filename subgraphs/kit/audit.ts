// 统一建档 of access (issue 4): every mutation and every read of a sensitive field (health, legal,
// ID numbers, phones) is recorded — who, role, which talents, which fields, when, request id. As
// X-Road logs per message, a request is one record per subgraph (issue 12): the reads of a
// 100-row dashboard are one record listing each talent and the fields read, not one document per
// talent. Each subgraph keeps a trail per request (read-access.ts and mutation-access.ts write to
// it) and hands it over with one durable insert before the response leaves: the window stores its
// records in its archive, a department queues one outbox message per request, delivered to the
// window in batches (several messages, one call, one insertMany there). The outbox is bounded: past
// AUDIT_OUTBOX_LIMIT waiting messages an audited read is refused (AUDIT_BACKLOG_FULL), never lost.
import { GraphQLError } from 'graphql';
import { Types, type Connection } from 'mongoose';
import { readPositiveInt, type Env } from './config';
import type { Viewer } from './context';
import type { SubgraphName } from './departments';
import { serviceCall } from './graphql-client';
import { createOutbox, type Outbox, type OutboxMessage } from './outbox';
import type { SubgraphEnvironment } from './subgraph';
import { isObjectIdString } from './ids';

export type AuditKind = 'READ' | 'MUTATION';
/**
 * OK; FORBIDDEN (refused by an access rule); ERROR (a mutation that failed for another reason);
 * ATTEMPTED (a mutation about to run, recorded before its effect so that a process stopping
 * between the effect and the answer cannot leave the change unaudited).
 */
export type AuditOutcome = 'OK' | 'FORBIDDEN' | 'ERROR' | 'ATTEMPTED';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['OK', 'FORBIDDEN', 'ERROR', 'ATTEMPTED'];

/** One talent's field read (or a mutation called) within a record. */
export interface AuditRead {
  talentId: string | null;
  /** The field read (`Talent.health`) or the mutation called (`Mutation.bookCheckup`). */
  operation: string;
  /** What was read or changed, e.g. `Talent.health.checkupBookings`, `IdDocument.number(full)`. */
  fields: string[];
  outcome: AuditOutcome;
}

/** One request's accesses in one subgraph, as the window stores it (GraphQL AuditEvent). */
export interface AuditEvent {
  /** 24 hex digits, unique: the window stores a record once however often it is sent. */
  id: string;
  at: string;
  requestId: string;
  /**
   * Every request that read what the record lists, when the gateway gave one fetch's answer to
   * several callers of the same identity (gateway/shared-reads.ts); requestId is the first of them.
   * Absent on a record of one request.
   */
  requestIds?: string[];
  subject: string;
  role: Viewer['role'];
  department: string | null;
  kind: AuditKind;
  /** The record's outcome: a READ record is FORBIDDEN when any of its reads was refused. */
  outcome: AuditOutcome;
  /** Each talent and field, sorted by talent then operation; a mutation's record has one. */
  reads: AuditRead[];
  /** The subgraph that served it. */
  source: SubgraphName;
}

/** The most reads one record lists (a page of 100 talents needs a few hundred); more make several records. */
export const MAX_READS_PER_RECORD = 1000;

/** The most requests one record lists (`requestIds`); more callers of one shared answer make several records. */
export const MAX_REQUESTS_PER_RECORD = 1000;

/** The audit records of one request: its reads merged per talent and operation, each mutation apart. */
export interface AuditTrail {
  read(talentId: string | null, operation: string, fields: string[], outcome?: AuditOutcome): void;
  mutation(name: string, talentId: string | null, outcome: AuditOutcome): void;
  /**
   * A mutation allowed to run, recorded now — stored or durably queued before its effect — so the
   * archive holds it whatever happens next; throws when that cannot be done, and nothing runs.
   */
  attempt(name: string, talentId: string | null): Promise<void>;
  /** Everything recorded so far — one READ record (per MAX_READS_PER_RECORD reads), one per mutation — emptied. */
  take(): AuditEvent[];
}

/** Only a well-formed id names a talent: a caller's malformed one (a refused mutation) is not kept. */
function talentKey(talentId: string | null): string | null {
  return talentId !== null && isObjectIdString(talentId) ? talentId.toLowerCase() : null;
}

const byTalentAndOperation = (a: AuditRead, b: AuditRead) => (a.talentId ?? '').localeCompare(b.talentId ?? '') || a.operation.localeCompare(b.operation) || a.outcome.localeCompare(b.outcome);

/** `sink`: where an attempt is recorded at once (the subgraph's own); without one it waits in the trail. */
export function createAuditTrail(source: SubgraphName, requestId: string, viewer: Viewer | null, clock: () => Date, sink?: Pick<AuditSink, 'record'>): AuditTrail {
  const reads = new Map<string, AuditRead>();
  let readsSince: Date | null = null;
  let mutations: AuditEvent[] = [];
  // Services are not audited: what they do follows from an audited call and is in the case's timeline.
  const audited = (who: Viewer | null): who is Viewer => who !== null && who.role !== 'service';
  const record = (who: Viewer, kind: AuditKind, at: Date, entries: AuditRead[]): AuditEvent => ({
    id: new Types.ObjectId().toHexString(),
    at: at.toISOString(),
    requestId,
    subject: who.subject,
    role: who.role,
    department: who.department ?? null,
    kind,
    outcome: entries.find((entry) => entry.outcome !== 'OK')?.outcome ?? 'OK',
    reads: entries,
    source,
  });
  const mutationRecord = (who: Viewer, name: string, talentId: string | null, outcome: AuditOutcome) =>
    record(who, 'MUTATION', clock(), [{ talentId: talentKey(talentId), operation: `Mutation.${name}`, fields: [`Mutation.${name}`], outcome }]);
  return {
    read(talentId, operation, fields, outcome = 'OK') {
      if (!audited(viewer)) return;
      readsSince ??= clock();
      const entry = { talentId: talentKey(talentId), operation, fields: [...new Set(fields)].sort(), outcome };
      const key = `${entry.talentId}|${operation}|${outcome}`;
      const existing = reads.get(key);
      if (existing) existing.fields = [...new Set([...existing.fields, ...entry.fields])].sort();
      else reads.set(key, entry);
    },
    mutation(name, talentId, outcome) {
      if (audited(viewer)) mutations.push(mutationRecord(viewer, name, talentId, outcome));
    },
    async attempt(name, talentId) {
      if (!audited(viewer)) return;
      const attempted = mutationRecord(viewer, name, talentId, 'ATTEMPTED');
      if (sink) await sink.record([attempted]);
      else mutations.push(attempted);
    },
    take() {
      const records: AuditEvent[] = [];
      if (audited(viewer) && reads.size > 0) {
        const entries = [...reads.values()].sort(byTalentAndOperation);
        for (let start = 0; start < entries.length; start += MAX_READS_PER_RECORD) records.push(record(viewer, 'READ', readsSince ?? clock(), entries.slice(start, start + MAX_READS_PER_RECORD)));
      }
      records.push(...mutations);
      reads.clear();
      readsSince = null;
      mutations = [];
      return records;
    },
  };
}

/**
 * Sent by the gateway with a read it may share among callers of the same identity (gateway/deduplicate.ts):
 * the subgraph then lists the reads it audited in the answer's `extensions.auditedReads`, so the gateway can
 * record the same reads for every caller it gave the answer to.
 */
export const SHARED_READS_HEADER = 'x-tgc-shared-reads';

/** What the subgraph lists in `extensions.auditedReads`: the reads of its READ records. */
export function auditedReads(events: AuditEvent[]): AuditRead[] {
  return events.filter((event) => event.kind === 'READ').flatMap((event) => event.reads);
}

/** One line per read, the record's other facts beside it: how tests and reports read a record. */
export function auditEntries(records: AuditEvent[]): (Omit<AuditEvent, 'reads' | 'outcome'> & AuditRead)[] {
  return records.flatMap(({ reads, outcome: _outcome, ...rest }) => reads.map((read) => ({ ...rest, ...read })));
}

/** Where a subgraph's audit records go when its request ends. */
export interface AuditSink {
  record(events: AuditEvent[]): Promise<void>;
  start?(): void;
  stop?(): Promise<void>;
}

/** The most records the window takes in one hand-over. */
export const MAX_AUDIT_BATCH = 1000;

/** Records in hand-overs the window takes (MAX_AUDIT_BATCH each), in order. */
export function auditBatches(events: AuditEvent[]): AuditEvent[][] {
  const batches: AuditEvent[][] = [];
  for (let start = 0; start < events.length; start += MAX_AUDIT_BATCH) batches.push(events.slice(start, start + MAX_AUDIT_BATCH));
  return batches;
}

/** The outbox's settings (AUDIT_OUTBOX_*): how much one hand-over carries, how long the queue may grow. */
export interface AuditOutboxSettings {
  /** Waiting messages (pending or dead-lettered) past which audited reads are refused. */
  limit: number;
  /** Messages one hand-over call carries at most. */
  batchMessages: number;
  /** Bytes of records one call carries at most (the window takes 1 MB bodies). */
  batchBytes: number;
  /**
   * How long a queued message waits for others before the hand-over starts: under load one call
   * carries the records of many requests (fewer outbox commands and archive inserts per request);
   * the archive shows a record this much later.
   */
  lingerMs: number;
  /** How often the outbox looks for messages to hand over without being asked (retries, what another process left). */
  pollMs: number;
}

export function readAuditOutboxSettings(env: Env = process.env): AuditOutboxSettings {
  return {
    limit: readPositiveInt(env, 'AUDIT_OUTBOX_LIMIT', 5000),
    batchMessages: readPositiveInt(env, 'AUDIT_OUTBOX_BATCH', 50),
    batchBytes: readPositiveInt(env, 'AUDIT_OUTBOX_BATCH_BYTES', 512 * 1024),
    lingerMs: readPositiveInt(env, 'AUDIT_OUTBOX_LINGER_MS', 200),
    pollMs: readPositiveInt(env, 'AUDIT_OUTBOX_POLL_MS', 1000),
  };
}

/** The answer withheld because its audit record could not be stored: a read is retried, a mutation's effect is looked up. */
export function auditUnavailable(mutation: boolean): GraphQLError {
  return new GraphQLError(
    mutation
      ? '审计记录暂不可用：操作已执行，但本次答复不予返回，请稍后查询结果（the audit archive cannot record this now: the change was made, its answer is withheld; look it up later）'
      : '审计记录暂不可用，敏感信息暂不返回，请稍后重试（the audit archive cannot record this read now; nothing was returned, retry later）',
    { extensions: { code: 'AUDIT_UNAVAILABLE', retryAfterMs: 5000 } },
  );
}

export function auditBacklogFull(waiting: number, limit: number): GraphQLError {
  return new GraphQLError(`审计积压已满（${waiting} 条待交档案），敏感信息暂不返回，请稍后重试（audit backlog full: ${waiting} messages wait for the archive; retry later）`, {
    extensions: { code: 'AUDIT_BACKLOG_FULL', waiting, limit, retryAfterMs: 5000 },
  });
}

/** The window's hand-over mutation: the departments' outboxes call it, and the gateway for the reads it shared. */
export const RECORD_AUDIT_EVENTS = `mutation RecordAuditEvents($events: [AuditEventInput!]!) { recordAuditEvents(events: $events) }`;

/** How long a count of the waiting messages is trusted before it is taken again. */
const BACKLOG_RECOUNT_MS = 1000;

/**
 * A department's sink: one outbox message per request, delivered to the window's archive several
 * messages per call. Reads are refused once the queue holds `settings.limit` messages — the caller
 * is told to retry, nothing is dropped; a mutation's records are always queued (its attempt must be
 * recorded before its effect, its outcome after, and mutations are few).
 */
export function auditOutbox(connection: Connection, environment: SubgraphEnvironment, settings: AuditOutboxSettings = environment.auditOutbox ?? readAuditOutboxSettings({})): AuditSink & { outbox: Outbox } {
  const outbox = createOutbox(connection, 'audit_outbox', {
    clock: environment.clock,
    log: environment.log,
    batchSize: settings.batchMessages,
    batchBytes: settings.batchBytes,
    pollMs: settings.pollMs,
    deliverBatch: async (messages: OutboxMessage[]) => {
      // Within the window's per-call limit; a batch stored in part is sent whole again (it stores an
      // id once). At least one call: a message is delivered only once the window has answered.
      const calls = auditBatches(messages.flatMap((message) => (message.payload.events as AuditEvent[] | undefined) ?? []));
      for (const events of calls.length > 0 ? calls : [[]]) await serviceCall(environment, 'talent', RECORD_AUDIT_EVENTS, { events });
    },
  });
  // Counting the queue on every request would double a dashboard's audit commands: a count is
  // trusted for a second, plus what this process queued since; near the limit it is taken afresh.
  // Requests arriving together share one count.
  let counted = { at: -Infinity, waiting: 0, queuedSince: 0 };
  // The records queued within lingerMs of the first go in one hand-over (the poller's timer still runs).
  let lingering: NodeJS.Timeout | null = null;
  const handOverSoon = () => {
    lingering ??= setTimeout(() => {
      lingering = null;
      outbox.kick();
    }, settings.lingerMs);
  };
  let counting: Promise<number> | null = null;
  async function waiting(fresh: boolean): Promise<number> {
    if (fresh || Date.now() - counted.at >= BACKLOG_RECOUNT_MS) {
      counting ??= outbox.waiting().finally(() => (counting = null));
      counted = { at: Date.now(), waiting: await counting, queuedSince: 0 };
    }
    return counted.waiting + counted.queuedSince;
  }
  return {
    outbox,
    async record(events) {
      if (events.length === 0) return;
      if (events.every((event) => event.kind === 'READ') && (await waiting(false)) >= settings.limit) {
        const now = await waiting(true);
        if (now >= settings.limit) throw auditBacklogFull(now, settings.limit);
      }
      await outbox.enqueue(auditBatches(events).map((batch) => ({ key: `audit:${batch[0].id}`, destination: 'talent', payload: { events: batch } })));
      counted.queuedSince += 1;
      handOverSoon();
    },
    start: () => outbox.start(),
    stop: () => {
      if (lingering) clearTimeout(lingering);
      lingering = null;
      return outbox.stop();
    },
  };
}
