// 统一建档 of access (issue 4): every mutation and every read of a sensitive field (health, legal,
// ID numbers, phones) is recorded — who, role, which talent, which fields, when, request id. Each
// subgraph keeps a trail per request (read-access.ts and mutation-access.ts write to it) and hands
// it over before the response leaves: the window stores its own events, a department sends its
// events to the window through an outbox (the same pattern as its case reports), so the one
// append-only archive, `auditEvents` at the window, receives them even across a restart.
import { Types, type Connection } from 'mongoose';
import type { Viewer } from './context';
import type { SubgraphName } from './departments';
import { serviceCall } from './graphql-client';
import { createOutbox, type Outbox } from './outbox';
import type { SubgraphEnvironment } from './subgraph';
import { isObjectIdString } from './ids';

export type AuditKind = 'READ' | 'MUTATION';
/**
 * OK; FORBIDDEN (refused by an access rule); ERROR (a mutation that failed for another reason);
 * ATTEMPTED (a mutation about to run, recorded before its effect so that a process stopping
 * between the effect and the answer cannot leave the change unaudited).
 */
export type AuditOutcome = 'OK' | 'FORBIDDEN' | 'ERROR' | 'ATTEMPTED';

/** One access, as the window stores it (GraphQL AuditEvent). */
export interface AuditEvent {
  /** 24 hex digits, unique: the window stores an event once however often it is sent. */
  id: string;
  at: string;
  requestId: string;
  subject: string;
  role: Viewer['role'];
  department: string | null;
  talentId: string | null;
  kind: AuditKind;
  /** The field read (`Talent.health`) or the mutation called (`bookCheckup`). */
  operation: string;
  /** What was read or changed, e.g. `Talent.health.checkupBookings`, `IdDocument.number(full)`. */
  fields: string[];
  outcome: AuditOutcome;
  /** The subgraph that served it. */
  source: SubgraphName;
}

/** The audit records of one request, merged per talent and operation. */
export interface AuditTrail {
  read(talentId: string | null, operation: string, fields: string[], outcome?: AuditOutcome): void;
  mutation(name: string, talentId: string | null, outcome: AuditOutcome): void;
  /**
   * A mutation allowed to run, recorded now — stored or durably queued before its effect — so the
   * archive holds it whatever happens next; throws when that cannot be done, and nothing runs.
   */
  attempt(name: string, talentId: string | null): Promise<void>;
  /** Everything recorded so far, emptied. */
  take(): AuditEvent[];
}

/** `sink`: where an attempt is recorded at once (the subgraph's own); without one it waits in the trail. */
export function createAuditTrail(source: SubgraphName, requestId: string, viewer: Viewer | null, clock: () => Date, sink?: Pick<AuditSink, 'record'>): AuditTrail {
  // Reads of one talent's field merge into one event; each mutation call is an event of its own.
  const events = new Map<string, AuditEvent>();
  let calls = 0;
  function add(kind: AuditKind, talentId: string | null, operation: string, fields: string[], outcome: AuditOutcome): AuditEvent | null {
    // Services are not audited: what they do follows from an audited call and is in the case's timeline.
    if (!viewer || viewer.role === 'service') return null;
    const key = kind === 'READ' ? `READ|${talentId}|${operation}|${outcome}` : `MUTATION|${(calls += 1)}`;
    const existing = events.get(key);
    if (existing) {
      existing.fields = [...new Set([...existing.fields, ...fields])].sort();
      return existing;
    }
    const event: AuditEvent = {
      id: new Types.ObjectId().toHexString(),
      at: clock().toISOString(),
      requestId,
      subject: viewer.subject,
      role: viewer.role,
      department: viewer.department ?? null,
      // Only a well-formed id names a talent: a caller's malformed one (a refused mutation) is not kept.
      talentId: talentId !== null && isObjectIdString(talentId) ? talentId.toLowerCase() : null,
      kind,
      operation,
      fields: [...new Set(fields)].sort(),
      outcome,
      source,
    };
    events.set(key, event);
    return event;
  }
  return {
    read: (talentId, operation, fields, outcome = 'OK') => void add('READ', talentId, operation, fields, outcome),
    mutation: (name, talentId, outcome) => void add('MUTATION', talentId, `Mutation.${name}`, [`Mutation.${name}`], outcome),
    async attempt(name, talentId) {
      if (!sink) return void add('MUTATION', talentId, `Mutation.${name}`, [`Mutation.${name}`], 'ATTEMPTED');
      const event = add('MUTATION', talentId, `Mutation.${name}`, [`Mutation.${name}`], 'ATTEMPTED');
      if (!event) return;
      events.delete(`MUTATION|${calls}`);
      await sink.record([event]);
    },
    take: () => {
      const taken = [...events.values()];
      events.clear();
      return taken;
    },
  };
}

/** Where a subgraph's audit events go when its request ends. */
export interface AuditSink {
  record(events: AuditEvent[]): Promise<void>;
  start?(): void;
  stop?(): Promise<void>;
}

/** The most events the window takes in one hand-over; a request that recorded more sends several. */
export const MAX_AUDIT_BATCH = 1000;

/** Events in hand-overs the window takes (MAX_AUDIT_BATCH each), in order. */
export function auditBatches(events: AuditEvent[]): AuditEvent[][] {
  const batches: AuditEvent[][] = [];
  for (let start = 0; start < events.length; start += MAX_AUDIT_BATCH) batches.push(events.slice(start, start + MAX_AUDIT_BATCH));
  return batches;
}

const RECORD_AUDIT_EVENTS = `mutation RecordAuditEvents($events: [AuditEventInput!]!) { recordAuditEvents(events: $events) }`;

/** A department's sink: one outbox message per request, delivered to the window's archive. */
export function auditOutbox(connection: Connection, environment: SubgraphEnvironment): AuditSink & { outbox: Outbox } {
  const outbox = createOutbox(connection, 'audit_outbox', {
    clock: environment.clock,
    log: environment.log,
    deliver: async (message) => {
      await serviceCall(environment, 'talent', RECORD_AUDIT_EVENTS, { events: message.payload.events });
    },
  });
  return {
    outbox,
    async record(events) {
      if (events.length === 0) return;
      await outbox.enqueue(auditBatches(events).map((batch) => ({ key: `audit:${batch[0].id}`, destination: 'talent', payload: { events: batch } })));
      outbox.kick();
    },
    start: () => outbox.start(),
    stop: () => outbox.stop(),
  };
}
