// An outbox of messages that are documents of their own (a department's audit events for the
// window's archive): a message is stored once under its key, then delivered until the receiver
// accepts it. The state lives in the database, not in memory: a process that restarts
// mid-delivery picks up where it left off (a claimed message's lease runs out and it is claimed
// again), and the receiver de-duplicates by the message key, so a retry never does the work twice.
// A claim is a conditional updateOne on the message (exactly one winner, on every engine and with
// any number of replicas), never a findOneAndUpdate. A message refused for good, or failing
// MAX_ATTEMPTS times, is dead-lettered (kit/delivery.ts) and logged, not retried for ever.
// A message keeps the trace context of the request that stored it: its delivery, however late,
// shows in that request's trace.
// With `deliverBatch`, one round claims up to `batchSize` messages with one conditional updateMany
// (each message won by one sender: its lease is part of the condition) and hands them over in as
// few calls as `batchBytes` allows, so a busy outbox costs a few commands per round, not per message.
import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { LogFn } from './observability/logger';
import type { OutboxFigures } from './observability/metrics';
import { contextFrom, inSpan, SpanKind, traceHeaders } from './observability/tracing';
import { isPermanentRefusal, MAX_ATTEMPTS, retryDelayMs, errorText } from './delivery';
import { isDuplicateKey, modelOn } from './mongo';
import { createPoller } from './poller';
import { readPositiveInt, type Env } from './config';

export interface OutboxMessage {
  _id: Types.ObjectId;
  /** Unique: the receiver's idempotency key, e.g. "case:<id>:household". */
  key: string;
  /** Where it goes, e.g. a department name or "talent". */
  destination: string;
  payload: Record<string, unknown>;
  /** DEAD: refused for good or tried MAX_ATTEMPTS times; kept with its last error until retried. */
  status: 'PENDING' | 'DELIVERED' | 'DEAD';
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  /** The claim that holds the lease: only that sender records the outcome. */
  claimedBy: string | null;
  lastError: string | null;
  deliveredAt: Date | null;
  /** The W3C trace context (`traceparent`) of the request that stored it; null when nothing was traced. */
  trace: Record<string, string> | null;
  createdAt: Date;
}

/**
 * How long a delivered message is kept (OUTBOX_RETENTION_DAYS, 30): MongoDB's TTL monitor then removes
 * it, so an outbox does not grow without end (the audit outbox alone takes about a quarter of a
 * gigabyte a day per department at a province's load, docs/scaling.md). Pending and dead-lettered
 * messages have no deliveredAt and are never removed. A message's key stops guarding against a second
 * enqueue once it is gone; no sender repeats one that late.
 */
export function outboxRetentionSeconds(env: Env = process.env): number {
  return readPositiveInt(env, 'OUTBOX_RETENTION_DAYS', 30) * 24 * 60 * 60;
}

function outboxSchema(collection: string): Schema<OutboxMessage> {
  const schema = new Schema<OutboxMessage>(
    {
      key: { type: String, required: true },
      destination: { type: String, required: true },
      payload: { type: Schema.Types.Mixed, required: true },
      status: { type: String, required: true, enum: ['PENDING', 'DELIVERED', 'DEAD'], default: 'PENDING' },
      attempts: { type: Number, required: true, default: 0 },
      nextAttemptAt: { type: Date, required: true },
      lockedUntil: { type: Date, default: null },
      claimedBy: { type: String, default: null },
      lastError: { type: String, default: null },
      deliveredAt: { type: Date, default: null },
      trace: { type: Schema.Types.Mixed, default: null },
    },
    { collection, timestamps: true, minimize: false },
  );
  schema.index({ key: 1 }, { unique: true });
  schema.index({ status: 1, nextAttemptAt: 1 });
  schema.index({ destination: 1, status: 1 });
  schema.index({ deliveredAt: 1 }, { expireAfterSeconds: outboxRetentionSeconds() });
  return schema;
}

export interface OutboxOptions {
  /** Sends one message; throws when the receiver did not accept it. */
  deliver?(message: OutboxMessage): Promise<void>;
  /**
   * Sends several messages in one call (all or none accepted: the receiver is idempotent by key).
   * A batch refused for good is sent again one message at a time, so only the bad one is dead-lettered.
   */
  deliverBatch?(messages: OutboxMessage[]): Promise<void>;
  /** With `deliverBatch`: the most payload bytes (as JSON) in one call; a larger message goes alone. */
  batchBytes?: number;
  clock?: () => Date;
  pollMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  leaseMs?: number;
  /** How many due messages one round claims (delivered side by side, or in batches). */
  batchSize?: number;
  log?: LogFn;
}

export interface Outbox {
  model: Model<OutboxMessage>;
  /** Stores messages to send; a key already stored is kept as it is (a retried enqueue adds nothing). */
  enqueue(messages: { key: string; destination: string; payload: Record<string, unknown> }[]): Promise<void>;
  /** Sends dead letters again (after their cause was fixed); how many were revived. */
  retryDead(filter?: { destination?: string }): Promise<number>;
  /** Messages not delivered yet: pending, and dead-lettered ones waiting for a retry. */
  waiting(): Promise<number>;
  /** Delivers what is due now (and is also what the poller calls). */
  drain(): Promise<void>;
  /** Asks for a delivery round soon, without waiting for the poller. */
  kick(): void;
  start(): void;
  stop(): Promise<void>;
}

export function createOutbox(connection: Connection, collection: string, options: OutboxOptions): Outbox {
  const model = modelOn<OutboxMessage>(connection, `Outbox_${collection}`, outboxSchema(collection));
  const clock = options.clock ?? (() => new Date());
  const pollMs = options.pollMs ?? 1000;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const batchSize = options.batchSize ?? 20;

  if (!options.deliver && !options.deliverBatch) throw new Error(`${collection}: an outbox needs deliver or deliverBatch`);
  const batchBytes = options.batchBytes ?? 512 * 1024;

  /**
   * Up to `limit` due messages, claimed with one conditional updateMany: a message whose lease
   * another sender took in between no longer matches, so each is won by exactly one claim.
   */
  async function claim(limit: number): Promise<OutboxMessage[]> {
    const now = clock();
    const free = { status: 'PENDING' as const, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] };
    const due = await model.find({ ...free, nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).lean<OutboxMessage[]>();
    if (due.length === 0) return [];
    const lockedUntil = new Date(now.getTime() + leaseMs);
    const claimedBy = new Types.ObjectId().toHexString();
    const ids = due.map((message) => message._id);
    const result = await model.updateMany({ _id: { $in: ids }, ...free }, { $set: { lockedUntil, claimedBy } });
    if (result.modifiedCount === due.length) return due.map((message) => ({ ...message, lockedUntil, claimedBy }));
    // Another sender won some of them: keep only ours.
    const won = new Set((await model.find({ _id: { $in: ids }, claimedBy }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>()).map((message) => String(message._id)));
    return due.filter((message) => won.has(String(message._id))).map((message) => ({ ...message, lockedUntil, claimedBy }));
  }

  /** Claimed messages in calls: each alone without `deliverBatch`, else as many to one destination as fit in `batchBytes`. */
  function calls(messages: OutboxMessage[]): OutboxMessage[][] {
    if (!options.deliverBatch) return messages.map((message) => [message]);
    const batches: OutboxMessage[][] = [];
    // The open batch of each destination and its size: a call goes to one receiver.
    const open = new Map<string, { batch: OutboxMessage[]; bytes: number }>();
    for (const message of messages) {
      const size = Buffer.byteLength(JSON.stringify(message.payload));
      const current = open.get(message.destination);
      if (current && current.bytes + size <= batchBytes) {
        current.batch.push(message);
        current.bytes += size;
      } else {
        const batch = [message];
        batches.push(batch);
        open.set(message.destination, { batch, bytes: size });
      }
    }
    return batches;
  }

  const send = (messages: OutboxMessage[]) => (options.deliverBatch ? options.deliverBatch(messages) : options.deliver!(messages[0]));

  async function failed(message: OutboxMessage, error: unknown): Promise<void> {
    const attempts = message.attempts + 1;
    const lastError = errorText(error);
    const ours = { _id: message._id, claimedBy: message.claimedBy };
    if (isPermanentRefusal(error) || attempts >= MAX_ATTEMPTS) {
      await model.updateOne(ours, { $set: { status: 'DEAD', attempts, lockedUntil: null, lastError } });
      options.log?.(`${collection}: ${message.key} to ${message.destination} dead-lettered after ${attempts} attempt(s): ${lastError}`, 'error', {
        outbox: collection,
        key: message.key,
        destination: message.destination,
        attempts,
        traceparent: message.trace?.traceparent,
      });
      return;
    }
    const delay = Math.min(maxDelayMs, retryDelayMs(attempts, baseDelayMs, maxDelayMs));
    await model.updateOne(ours, { $set: { attempts, nextAttemptAt: new Date(clock().getTime() + delay), lockedUntil: null, lastError } });
    options.log?.(`${collection}: ${message.key} to ${message.destination} not delivered (attempt ${attempts}, next in ${delay} ms): ${lastError}`, 'warn', {
      outbox: collection,
      key: message.key,
      destination: message.destination,
      attempts,
      nextInMs: delay,
    });
  }

  async function deliverCall(messages: OutboxMessage[]): Promise<void> {
    const [first] = messages;
    const attributes = {
      'messaging.destination.name': first.destination,
      'messaging.batch.message_count': messages.length,
      'tgc.outbox': collection,
      'tgc.outbox.key': first.key,
      'tgc.outbox.attempt': first.attempts + 1,
    };
    try {
      // A span of the trace that stored the (first) message: the hand-over shows where it began.
      await inSpan(`outbox ${collection} deliver`, { kind: SpanKind.PRODUCER, parent: contextFrom(first.trace), attributes }, () => send(messages));
    } catch (error) {
      // One bad message must not hold back the others: a batch refused for good goes again one by one.
      if (messages.length > 1 && isPermanentRefusal(error)) {
        for (const message of messages) await deliverCall([message]);
        return;
      }
      await Promise.all(messages.map((message) => failed(message, error)));
      return;
    }
    await model.updateMany(
      { _id: { $in: messages.map((message) => message._id) }, claimedBy: first.claimedBy },
      { $set: { status: 'DELIVERED', deliveredAt: clock(), lockedUntil: null, lastError: null }, $inc: { attempts: 1 } },
    );
  }

  const poller = createPoller(
    collection,
    async () => {
      const claimedNow = await claim(batchSize);
      // Different destinations and batches are independent: deliver them side by side (并行办理).
      await Promise.all(calls(claimedNow).map(deliverCall));
      return claimedNow.length === batchSize;
    },
    { pollMs, log: options.log },
  );

  const outbox: Outbox = {
    model,
    async enqueue(messages) {
      if (messages.length === 0) return;
      const now = clock();
      const carrier = traceHeaders();
      const trace = Object.keys(carrier).length > 0 ? carrier : null;
      const documents = messages.map((message) => ({ ...message, status: 'PENDING', attempts: 0, nextAttemptAt: now, trace }));
      try {
        await model.insertMany(documents, { ordered: true });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Some keys were stored by an earlier attempt: store the rest one by one (engines differ in
        // what a batch does after its first duplicate).
        for (const document of documents) {
          await model.insertMany([document]).catch((single: unknown) => {
            if (!isDuplicateKey(single)) throw single;
          });
        }
      }
    },
    waiting: () => model.countDocuments({ status: { $in: ['PENDING', 'DEAD'] } }),
    async retryDead(filter = {}) {
      const result = await model.updateMany(
        { status: 'DEAD', ...(filter.destination ? { destination: filter.destination } : {}) },
        { $set: { status: 'PENDING', attempts: 0, nextAttemptAt: clock(), lockedUntil: null } },
      );
      outbox.kick();
      return result.modifiedCount;
    },
    drain: () => poller.drain(),
    kick: () => poller.kick(),
    start: () => poller.start(),
    stop: () => poller.stop(),
  };
  return outbox;
}

/**
 * Every outbox on a connection (the models `createOutbox` registers, `Outbox_<collection>`), by
 * destination: how many messages wait, how old the oldest is, how many are dead-lettered.
 * Grouped on one field at a time, which every engine runs (jongodb has no `$min`).
 */
export async function outboxFigures(connection: Connection, now: Date): Promise<OutboxFigures[]> {
  const outboxes = Object.values(connection.models).filter((model) => model.modelName.startsWith('Outbox_')) as unknown as Model<OutboxMessage>[];
  const perOutbox = await Promise.all(
    outboxes.map(async (model) => {
      const countBy = async (status: OutboxMessage['status']) => {
        const groups = await model.aggregate<{ _id: string; count: number }>([{ $match: { status } }, { $group: { _id: '$destination', count: { $sum: 1 } } }]);
        return new Map(groups.map((group) => [group._id, group.count]));
      };
      const [pending, dead] = await Promise.all([countBy('PENDING'), countBy('DEAD')]);
      const destinations = [...new Set([...pending.keys(), ...dead.keys()])].sort();
      return Promise.all(
        destinations.map(async (destination): Promise<OutboxFigures> => {
          const oldest = pending.has(destination)
            ? await model.findOne({ status: 'PENDING', destination }, { createdAt: 1 }).sort({ createdAt: 1 }).lean<{ createdAt: Date }>()
            : null;
          return {
            outbox: model.collection.collectionName,
            destination,
            pending: pending.get(destination) ?? 0,
            oldestPendingSeconds: oldest ? Math.max(0, (now.getTime() - oldest.createdAt.getTime()) / 1000) : 0,
            dead: dead.get(destination) ?? 0,
          };
        }),
      );
    }),
  );
  return perOutbox.flat();
}
