// Every caller's read on record when the gateway shares an answer (issue 12). A subgraph records the
// sensitive reads of each request it answers (kit/audit.ts), but a read the gateway shares among
// callers of the same identity (gateway/deduplicate.ts) reaches the subgraph once. So the subgraph
// lists what it audited in the answer (`extensions.auditedReads`, asked for with SHARED_READS_HEADER),
// and the gateway stores the same reads, under each sharing caller's own request id, in the window's
// archive before that caller's answer leaves, as a subgraph does: all of a request's shared parts in
// one go when its answer is ready, and the requests ready together in one call (DataLoader). When the
// archive cannot take them, the answer is withheld (AUDIT_UNAVAILABLE).
import DataLoader from 'dataloader';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { AUDIT_OUTCOMES, auditBatches, auditUnavailable, createAuditTrail, RECORD_AUDIT_EVENTS, type AuditEvent, type AuditOutcome, type AuditRead } from '../subgraphs/kit/audit';
import type { Viewer } from '../subgraphs/kit/context';
import type { SubgraphName } from '../subgraphs/kit/departments';
import { callGraphQL } from '../subgraphs/kit/graphql-client';

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

/** The window's archive, called with the gateway's service identity; records asked for together go in one call. */
export function windowArchive(url: () => string | undefined, serviceToken: () => Promise<string>): SharedReadsArchive {
  const loader = new DataLoader<AuditEvent, true>(
    async (events) => {
      const target = url();
      if (!target) throw new Error('the window (talent subgraph) has no address');
      const authorization = `Bearer ${await serviceToken()}`;
      for (const batch of auditBatches([...events])) await callGraphQL(target, RECORD_AUDIT_EVENTS, { events: batch }, { headers: { authorization } });
      return events.map(() => true as const);
    },
    { cache: false },
  );
  return {
    async record(events) {
      await Promise.all(events.map((event) => loader.load(event)));
    },
  };
}

/** The records each request's shared parts still owe the archive, by the request's context. */
const owed = new WeakMap<object, AuditEvent[]>();

/** Keeps a sharing caller's records with its request, to be stored before its answer leaves (sharedReadsPlugin). */
export function oweSharedReads(context: object, events: AuditEvent[]): void {
  if (events.length === 0) return;
  const list = owed.get(context);
  if (list) list.push(...events);
  else owed.set(context, [...events]);
}

/**
 * Stores what a request owes the archive once its answer is ready; when the archive cannot take
 * it, the answer is replaced by AUDIT_UNAVAILABLE: a sensitive read never goes out unrecorded.
 * `counted` learns each outcome (metrics, logs).
 */
export function sharedReadsPlugin<Context extends BaseContext>(archive: SharedReadsArchive, counted: (events: AuditEvent[], error: unknown) => void): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const events = owed.get(contextValue);
          if (!events) return;
          owed.delete(contextValue);
          try {
            await archive.record(events);
            counted(events, null);
          } catch (error) {
            counted(events, error);
            if (response.body.kind === 'single') response.body.singleResult = { data: null, errors: [auditUnavailable(false).toJSON()] };
          }
        },
      };
    },
  };
}
