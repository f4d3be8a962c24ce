// The state of one hand-over to another service, kept in the document that owns it (a case part's
// dispatch to its department, a department task's report to the window, an outbox message). No
// transaction is needed: the owner's own document says what is still to send, a claim is a
// conditional single-document update (one winner, on every engine), and the receiver takes the
// same hand-over twice without doing the work twice. A hand-over the receiver refuses for good,
// or that fails MAX_ATTEMPTS times, is dead-lettered with its last error: shown to coordinators,
// retried only when someone asks, never retried for ever in silence.
import { GraphQLCallError } from './graphql-client';
import { traceHeaders } from './observability/tracing';

/** CANCELLED: no longer to be sent (the case was withdrawn before its part was handed out). */
export type DeliveryState = 'PENDING' | 'DONE' | 'DEAD' | 'CANCELLED';

export interface Delivery {
  state: DeliveryState;
  attempts: number;
  /** When the next attempt is due (PENDING only). */
  dueAt: Date | null;
  /** Claimed by a sender until then; another replica takes it over once this has passed. */
  leaseUntil: Date | null;
  lastError: string | null;
  doneAt: Date | null;
  /** The W3C trace context of the request that made it due (a case's submission, a retry): its sending joins that trace. */
  trace?: Record<string, string>;
}

export const MAX_ATTEMPTS = 12;
export const DELIVERY_LEASE_MS = 30_000;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 60_000;

/** Codes that mean "this will never be accepted as it is": retrying cannot help. */
const PERMANENT_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED', 'NOT_FOUND']);

export function pendingDelivery(now: Date): Delivery {
  const trace = traceHeaders();
  return { state: 'PENDING', attempts: 0, dueAt: now, leaseUntil: null, lastError: null, doneAt: null, ...(Object.keys(trace).length > 0 ? { trace } : {}) };
}

/** A refusal the receiver will repeat however often it is asked. */
export function isPermanentRefusal(error: unknown): boolean {
  return error instanceof GraphQLCallError && error.errors.length > 0 && error.errors.every((entry) => PERMANENT_CODES.has(String(entry.extensions?.code)));
}

export function retryDelayMs(attempts: number, base = BASE_DELAY_MS, max = MAX_DELAY_MS): number {
  return Math.min(max, base * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
}

/** Due now and not claimed by a live sender. */
export function isClaimable(delivery: Delivery | null | undefined, now: Date): boolean {
  return !!delivery && delivery.state === 'PENDING' && (delivery.dueAt?.getTime() ?? 0) <= now.getTime() && (delivery.leaseUntil === null || delivery.leaseUntil.getTime() <= now.getTime());
}

/** When a pending delivery next needs a sender: its due time, or the end of its lease. Null: nothing to do. */
export function nextWorkAt(delivery: Delivery | null | undefined): Date | null {
  if (!delivery || delivery.state !== 'PENDING') return null;
  const due = delivery.dueAt?.getTime() ?? 0;
  const lease = delivery.leaseUntil?.getTime() ?? 0;
  return new Date(Math.max(due, lease));
}

export function claimed(delivery: Delivery, now: Date, leaseMs = DELIVERY_LEASE_MS): Delivery {
  return { ...delivery, leaseUntil: new Date(now.getTime() + leaseMs) };
}

export function succeeded(delivery: Delivery, now: Date): Delivery {
  return { ...delivery, state: 'DONE', attempts: delivery.attempts + 1, dueAt: null, leaseUntil: null, lastError: null, doneAt: now };
}

/** After a failed attempt: again later, or dead-lettered when refused for good or tried too often. */
export function failed(delivery: Delivery, error: unknown, now: Date): Delivery {
  const attempts = delivery.attempts + 1;
  const lastError = errorText(error);
  if (isPermanentRefusal(error) || attempts >= MAX_ATTEMPTS) return { ...delivery, state: 'DEAD', attempts, dueAt: null, leaseUntil: null, lastError };
  return { ...delivery, attempts, dueAt: new Date(now.getTime() + retryDelayMs(attempts)), leaseUntil: null, lastError };
}

export function cancelled(delivery: Delivery): Delivery {
  return { ...delivery, state: 'CANCELLED', dueAt: null, leaseUntil: null };
}

/** Claimed by a sender whose lease has not run out: its outcome is still to come. */
export function inFlight(delivery: Delivery | null | undefined, now: Date): boolean {
  return !!delivery && delivery.state === 'PENDING' && delivery.leaseUntil !== null && delivery.leaseUntil.getTime() > now.getTime();
}

export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
