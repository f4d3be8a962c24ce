// A transactional outbox (DESIGN.md "The flow of a case", steps 2–4): a message is written in the
// same transaction as the change it announces, then delivered until the receiver accepts it.
// The state lives in the database, not in memory: a process that restarts mid-delivery picks up
// where it left off (a claimed message's lease runs out and it is claimed again), and the receiver
// de-duplicates by the message key, so a retry never does the work twice.
import { Schema, type ClientSession, type Connection, type Model, type Types } from 'mongoose';
import { modelOn } from './mongo';

export interface OutboxMessage {
  _id: Types.ObjectId;
  /** Unique: the receiver's idempotency key, e.g. "case:<id>:household". */
  key: string;
  /** Where it goes, e.g. a department name or "talent". */
  destination: string;
  payload: Record<string, unknown>;
  status: 'PENDING' | 'DELIVERED';
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

function outboxSchema(collection: string): Schema<OutboxMessage> {
  const schema = new Schema<OutboxMessage>(
    {
      key: { type: String, required: true },
      destination: { type: String, required: true },
      payload: { type: Schema.Types.Mixed, required: true },
      status: { type: String, required: true, enum: ['PENDING', 'DELIVERED'], default: 'PENDING' },
      attempts: { type: Number, required: true, default: 0 },
      nextAttemptAt: { type: Date, required: true },
      lockedUntil: { type: Date, default: null },
      lastError: { type: String, default: null },
      deliveredAt: { type: Date, default: null },
    },
    { collection, timestamps: true, minimize: false },
  );
  schema.index({ key: 1 }, { unique: true });
  schema.index({ status: 1, nextAttemptAt: 1 });
  schema.index({ destination: 1, status: 1 });
  return schema;
}

export interface OutboxOptions {
  /** Sends one message; throws when the receiver did not accept it. */
  deliver(message: OutboxMessage): Promise<void>;
  clock?: () => Date;
  pollMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  leaseMs?: number;
  /** How many due messages one round delivers side by side. */
  batchSize?: number;
  log?(message: string): void;
}

export interface Outbox {
  model: Model<OutboxMessage>;
  /** Adds messages inside the caller's transaction. */
  enqueue(messages: { key: string; destination: string; payload: Record<string, unknown> }[], session?: ClientSession): Promise<void>;
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
  let timer: NodeJS.Timeout | null = null;
  let draining: Promise<void> | null = null;
  let again = false;
  // Nothing is delivered before start(): a process delivers once it (and its peers) can answer.
  let stopped = true;

  async function claim(): Promise<OutboxMessage | null> {
    const now = clock();
    return model
      .findOneAndUpdate(
        { status: 'PENDING', nextAttemptAt: { $lte: now }, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
        { $set: { lockedUntil: new Date(now.getTime() + leaseMs) } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      )
      .lean<OutboxMessage>();
  }

  async function deliverOne(message: OutboxMessage): Promise<void> {
    try {
      await options.deliver(message);
      await model.updateOne({ _id: message._id }, { $set: { status: 'DELIVERED', deliveredAt: clock(), lockedUntil: null, lastError: null }, $inc: { attempts: 1 } });
    } catch (error) {
      const attempts = message.attempts + 1;
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts - 1, 20));
      await model.updateOne(
        { _id: message._id },
        { $set: { attempts, nextAttemptAt: new Date(clock().getTime() + delay), lockedUntil: null, lastError: (error as Error).message.slice(0, 500) } },
      );
      options.log?.(`${collection}: ${message.key} to ${message.destination} not delivered (attempt ${attempts}, next in ${delay} ms): ${(error as Error).message}`);
    }
  }

  async function round(): Promise<void> {
    do {
      again = false;
      const claimed: OutboxMessage[] = [];
      for (let message = await claim(); message; message = claimed.length < batchSize ? await claim() : null) claimed.push(message);
      // Different destinations are independent: deliver them side by side (并行办理).
      await Promise.all(claimed.map(deliverOne));
      if (claimed.length === batchSize) again = true;
    } while (again && !stopped);
  }

  const outbox: Outbox = {
    model,
    async enqueue(messages, session) {
      if (messages.length === 0) return;
      const now = clock();
      await model.insertMany(
        messages.map((message) => ({ ...message, status: 'PENDING', attempts: 0, nextAttemptAt: now })),
        { session, ordered: true },
      );
    },
    drain() {
      if (draining) {
        again = true;
        return draining;
      }
      draining = round().finally(() => {
        draining = null;
      });
      return draining;
    },
    kick() {
      if (!stopped) void outbox.drain().catch((error: unknown) => options.log?.(`${collection}: delivery round failed: ${(error as Error).message}`));
    },
    start() {
      stopped = false;
      if (!timer) timer = setInterval(() => outbox.kick(), pollMs);
      timer.unref();
      outbox.kick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await draining?.catch(() => {});
    },
  };
  return outbox;
}
