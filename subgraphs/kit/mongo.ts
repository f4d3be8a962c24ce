// One database per department on one MongoDB (DESIGN.md, Data). Every connection counts the
// commands it sends, so tests can prove a query costs one DB command per collection, not per talent.
import mongoose, { Schema, type ClientSession, type Connection, type Model } from 'mongoose';
import type { mongo } from 'mongoose';

/** Commands the driver sends on its own (handshakes, sessions) are not the application's. */
const HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'buildInfo', 'saslStart', 'saslContinue']);

export interface CommandCounter {
  /** Application commands since the last reset, e.g. `{ 'find talents': 1 }`. */
  snapshot(): Record<string, number>;
  total(): number;
  reset(): void;
}

export interface DepartmentDb {
  connection: Connection;
  commands: CommandCounter;
  close(): Promise<void>;
}

export async function connectDepartmentDb(uri: string, dbName: string): Promise<DepartmentDb> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    // jongodb has no `create` command, and a real mongod creates collections on first write.
    autoCreate: false,
    autoIndex: true,
    monitorCommands: true,
    serverSelectionTimeoutMS: 10_000,
  });
  await connection.asPromise();
  const counts = new Map<string, number>();
  connection.getClient().on('commandStarted', (event: mongo.CommandStartedEvent) => {
    if (HOUSEKEEPING.has(event.commandName)) return;
    const collection = event.command[event.commandName];
    const key = typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const commands: CommandCounter = {
    snapshot: () => Object.fromEntries(counts),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    reset: () => counts.clear(),
  };
  return { connection, commands, close: () => connection.close() };
}

/** Builds every index the models declare; call once after the models are registered. */
export async function ensureIndexes(connection: Connection): Promise<void> {
  await Promise.all(Object.values(connection.models).map((model) => model.init()));
}

/**
 * The connection's model of that name, registered on first use: a department's server and
 * its seed can both ask for their models on one connection.
 */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  const existing = connection.models[name] as unknown as Model<T> | undefined;
  return existing ?? (connection.model(name, schema as Schema) as unknown as Model<T>);
}

/**
 * One document per contended thing (a talent's applications, a holder's yearly allowance …). A
 * transaction that reads-then-writes such a thing first bumps its lock (takeLock): two concurrent
 * transactions then write the same document, one of them gets a write conflict and is retried
 * (Connection#transaction), so a rule read inside the transaction still holds when it commits on a real mongod.
 */
export interface LockDoc {
  _id: string;
  version: number;
}

export type LockModel = Model<LockDoc>;

/** A department's lock documents, in a collection of its own. */
export function lockModelOn(connection: Connection, name: string, collection: string): LockModel {
  const schema = new Schema<LockDoc>({ _id: { type: String, required: true }, version: { type: Number, required: true } }, { collection, versionKey: false });
  return modelOn<LockDoc>(connection, name, schema);
}

/** Takes the lock on `key` inside the caller's transaction. */
export async function takeLock(locks: LockModel, key: string, session: ClientSession): Promise<void> {
  await locks.updateOne({ _id: key }, { $inc: { version: 1 } }, { upsert: true, session });
}

interface ClaimDoc {
  _id: string;
  expiresAt: Date;
}

const claimSchema = new Schema<ClaimDoc>({ _id: { type: String, required: true }, expiresAt: { type: Date, required: true } }, { collection: 'claims', versionKey: false });

const CLAIM_LEASE_MS = 15_000;
const CLAIM_WAIT_MS = 5_000;

/**
 * Runs `work` while holding a claim on `key` (e.g. one talent's checkups), so two requests for the
 * same thing run one after the other and the second sees what the first wrote. The claim is a
 * plain document with a unique id — no transaction involved — so it holds on every MongoDB engine,
 * including test servers that do not detect conflicting transactions. A claim left by a process
 * that died expires after its lease.
 */
export async function serialized<T>(connection: Connection, key: string, work: () => Promise<T>): Promise<T> {
  const Claim = modelOn<ClaimDoc>(connection, 'Claim', claimSchema);
  const deadline = Date.now() + CLAIM_WAIT_MS;
  for (;;) {
    const now = new Date();
    try {
      await Claim.create({ _id: key, expiresAt: new Date(now.getTime() + CLAIM_LEASE_MS) });
      break;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      await Claim.deleteOne({ _id: key, expiresAt: { $lt: now } });
      if (Date.now() > deadline) throw new Error(`busy: ${key} is held by another request; try again`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  try {
    return await work();
  } finally {
    await Claim.deleteOne({ _id: key });
  }
}
