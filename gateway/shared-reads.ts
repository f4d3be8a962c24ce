// Every caller's read on record when the gateway shares an answer (issue 12). A subgraph records the
// sensitive reads of each request it answers (kit/audit.ts), but a read the gateway shares among
// callers of the same identity (gateway/deduplicate.ts) reaches the subgraph once. So the subgraph
// lists what it audited in the answer (`extensions.auditedReads`, asked for with SHARED_READS_HEADER),
// and the gateway stores the same reads, under each sharing caller's own request id, in the window's
// archive before that caller's answer leaves, as a subgraph does. The write starts as soon as the
// shared answer arrives, beside the rest of the caller's plan; the callers of one answer get one
// record listing all their request ids, and records ready together go in one call (group commit). When
// the archive cannot take them, the answer is withheld (AUDIT_UNAVAILABLE).
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { AUDIT_OUTCOMES, auditBatches, auditUnavailable, createAuditTrail, MAX_AUDIT_BATCH, MAX_REQUESTS_PER_RECORD, RECORD_AUDIT_EVENTS, type AuditEvent, type AuditOutcome, type AuditRead } from '../subgraphs/kit/audit';
import type { Viewer } from '../subgraphs/kit/context';
import type { SubgraphName } from '../subgraphs/kit/departments';
import { callGraphQL, type PostJson } from '../subgraphs/kit/graphql-client';
import { groupCommit } from '../subgraphs/kit/loader';

function isAuditRead(value: unknown): value is AuditRead {
  if (!value || typeof value !== 'object') return false;
  const read = value as Record<string, unknown>;
  return (
    (read.talentId === null || typeof read.talentId === 'string') &&
    typeof read.operation === 'string' &&
    Array.isArray(read.fields) &&
    read.fields.every((field) => typeof field === 'string') &&
    AUDIT_OUTCOMES.includes(read.outcome as AuditOutcome)
  );
}

/** The reads a subgraph listed in its answer's extensions; null when it listed none (nothing sensitive was read). */
export function listedReads(extensions: Record<string, unknown> | undefined): AuditRead[] | null {
  const reads = extensions?.auditedReads;
  if (!Array.isArray(reads) || reads.length === 0) return null;
  // Our own subgraph wrote it; a malformed entry is a bug there, and is refused rather than dropped.
  if (!reads.every(isAuditRead)) throw new Error('a subgraph listed audited reads in an unknown form');
  return reads;
}

/** A sharing caller's records: the reads listed, as the subgraph would have recorded them for this caller. */
export function sharedReadRecords(source: SubgraphName, requestId: string, viewer: Viewer | null, reads: AuditRead[], clock: () => Date = () => new Date()): AuditEvent[] {
  const trail = createAuditTrail(source, requestId, viewer, clock);
  for (const read of reads) trail.read(read.talentId, read.operation, read.fields, read.outcome);
  return trail.take();
}

export interface SharedReadsArchive {
  /** Stores the records in the window's archive; throws when it cannot. */
  record(events: AuditEvent[]): Promise<void>;
}

/**
 * The window's archive, called with the gateway's service identity; records asked for together, or
 * while a call is in flight, go in one call, those of one shared answer as one record (mergeSharedRecords).
 */
export function windowArchive(url: () => string | undefined, serviceToken: () => Promise<string>, post?: PostJson): SharedReadsArchive {
  // Group commit: records that arrive while a call is in flight go together in the next one.
  const loader = groupCommit<AuditEvent, true>(async (events) => {
    const target = url();
    if (!target) throw new Error('the window (talent subgraph) has no address');
    const authorization = `Bearer ${await serviceToken()}`;
    for (const batch of auditBatches(mergeSharedRecords(events))) await callGraphQL(target, RECORD_AUDIT_EVENTS, { events: batch }, { headers: { authorization }, post });
    return events.map(() => true as const);
  }, MAX_AUDIT_BATCH);
  return {
    async record(events) {
      await Promise.all(events.map((event) => loader.load(event)));
    },
  };
}

/**
 * Records of the same reads by the same identity in different requests — the callers one fetch's
 * answer was given to — as one record listing every request (`requestIds`), the earliest time kept:
 * what twenty callers read together is stored once, not twenty times.
 */
export function mergeSharedRecords(events: readonly AuditEvent[]): AuditEvent[] {
  type Merged = AuditEvent & { requestIds: string[] };
  const merged: Merged[] = [];
  const open = new Map<string, Merged>();
  for (const event of events) {
    const { id: _id, at: _at, requestId: _requestId, requestIds: _requestIds, ...facts } = event;
    const key = JSON.stringify(facts);
    const into = open.get(key);
    const requestIds = event.requestIds ?? [event.requestId];
    if (!into || into.requestIds.length + requestIds.length > MAX_REQUESTS_PER_RECORD) {
      const record = { ...event, requestIds: [...requestIds] };
      open.set(key, record);
      merged.push(record);
      continue;
    }
    for (const requestId of requestIds) if (!into.requestIds.includes(requestId)) into.requestIds.push(requestId);
    if (event.at < into.at) into.at = event.at;
  }
  // A record of one request says so by its requestId alone.
  return merged.map(({ requestIds, ...record }) => (requestIds.length > 1 ? { ...record, requestIds } : record));
}

export interface SharedReads {
  /**
   * Starts storing a sharing caller's records as soon as it has the shared answer, while the rest
   * of its plan runs; its answer waits for them (plugin).
   */
  owe(context: object, events: AuditEvent[]): void;
  /**
   * Before a request's answer leaves, waits for what it owes the archive; when the archive could
   * not take it, the answer is replaced by AUDIT_UNAVAILABLE: a sensitive read never goes out unrecorded.
   */
  plugin<Context extends BaseContext>(): ApolloServerPlugin<Context>;
}

/** `counted` learns each write's outcome (metrics, logs). */
export function sharedReads(archive: SharedReadsArchive, counted: (events: AuditEvent[], error: unknown) => void): SharedReads {
  /** The writes each request's shared parts started, by the request's context. */
  const owed = new WeakMap<object, Promise<void>[]>();
  return {
    owe(context, events) {
      if (events.length === 0) return;
      const stored = archive.record(events);
      stored.then(
        () => counted(events, null),
        (error: unknown) => counted(events, error),
      );
      const pending = owed.get(context);
      if (pending) pending.push(stored);
      else owed.set(context, [stored]);
    },
    plugin() {
      return {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              const pending = owed.get(contextValue);
              if (!pending) return;
              owed.delete(contextValue);
              const settled = await Promise.allSettled(pending);
              if (settled.some((one) => one.status === 'rejected') && response.body.kind === 'single') {
                response.body.singleResult = { data: null, errors: [auditUnavailable(false).toJSON()] };
              }
            },
          };
        },
      };
    },
  };
}
