// One database per department on one MongoDB (DESIGN.md, Data). Every connection counts the
// commands it sends, so tests can prove a query costs one DB command per collection, not per talent.
// Background work (kit/poller.ts: dispatch, reports, outboxes) runs under inBackground and is not
// counted: its commands depend on timing, a request's do not.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import mongoose, { Schema, Types, type Connection, type Model } from 'mongoose';
import type { mongo } from 'mongoose';

/** Commands the driver sends on its own (handshakes, sessions) are not the application's. */
const HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'buildInfo', 'saslStart', 'saslContinue']);

const background = new AsyncLocalStorage<true>();

/** Runs work whose DB commands are not the current request's (a poller's round). */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

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

/** One command the driver sent and its answer's time (the subgraph's DB latency metric). */
export interface CommandSample {
  command: string;
  /** The collection it named, or "" for a database command. */
  collection: string;
  seconds: number;
  ok: boolean;
}

/** `observe`: told of every application command when its answer arrives (the driver's command monitoring). */
export async function connectDepartmentDb(uri: string, dbName: string, observe?: (sample: CommandSample) => void): Promise<DepartmentDb> {
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
  // The collection of each command in flight, by the driver's request id, until its answer is timed.
  const inFlight = new Map<number, string>();
  const client = connection.getClient();
  client.on('commandStarted', (event: mongo.CommandStartedEvent) => {
    if (HOUSEKEEPING.has(event.commandName)) return;
    const collection = event.command[event.commandName];
    if (observe) inFlight.set(event.requestId, typeof collection === 'string' ? collection : '');
    if (background.getStore()) return;
    const key = typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  if (observe) {
    const finished = (ok: boolean) => (event: mongo.CommandSucceededEvent | mongo.CommandFailedEvent) => {
      const collection = inFlight.get(event.requestId);
      if (collection === undefined) return;
      inFlight.delete(event.requestId);
      observe({ command: event.commandName, collection, seconds: event.duration / 1000, ok });
    };
    client.on('commandSucceeded', finished(true));
    client.on('commandFailed', finished(false));
  }
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

/** A key already stored: the insert (or unique upsert) that met it lost to an earlier one. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/**
 * The id of the `n`th record a step makes for `owner` (a case task, a case): the same on every
 * retry of that step, so a retried step finds what an interrupted one wrote instead of writing it
 * twice. 24 hex digits, like every id on the graph.
 */
export function derivedId(owner: string, n: number | string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha1').update(`${owner}:${n}`).digest('hex').slice(0, 24));
}

/** Inserts `document` under its (derived) _id once: a repeat answers with what is stored. */
export async function insertOnce<T>(model: Model<T>, document: Partial<T> & { _id: Types.ObjectId | string }): Promise<T> {
  try {
    await model.insertMany([document]);
    return (await model.findById(document._id).lean<T>())!;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const stored = await model.findById(document._id).lean<T>();
    if (!stored) throw error;
    return stored;
  }
}

/**
 * A limited allowance kept in one document (e.g. a holder's airport services in a year): who
 * holds a use is a key of `holders`, so taking or giving back a use is one conditional update —
 * atomic on every engine, with no transaction — and taking it twice for the same holder counts once.
 */
interface AllowanceDoc {
  _id: string;
  used: number;
  holders: Record<string, boolean>;
}

export type AllowanceModel = Model<AllowanceDoc>;

/** A department's allowances, in a collection of its own. */
export function allowanceModelOn(connection: Connection, collection: string): AllowanceModel {
  const schema = new Schema<AllowanceDoc>(
    { _id: { type: String, required: true }, used: { type: Number, required: true, default: 0 }, holders: { type: Schema.Types.Mixed, default: {} } },
    { collection, versionKey: false, minimize: false },
  );
  return modelOn<AllowanceDoc>(connection, `Allowance_${collection}`, schema);
}

/** Takes one use of `key` for `holder` if fewer than `limit` are taken; true when the holder has it. */
export async function takeAllowance(model: AllowanceModel, key: string, holder: string, limit: number): Promise<boolean> {
  await model.updateOne({ _id: key }, { $setOnInsert: { used: 0, holders: {} } }, { upsert: true }).catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
  });
  const taken = await model.updateOne({ _id: key, used: { $lt: limit }, [`holders.${holder}`]: { $exists: false } }, { $inc: { used: 1 }, $set: { [`holders.${holder}`]: true } });
  if (taken.modifiedCount === 1) return true;
  return (await model.countDocuments({ _id: key, [`holders.${holder}`]: { $exists: true } })) === 1;
}

/** Gives `holder`'s use of `key` back; giving it back twice gives back once. */
export async function releaseAllowance(model: AllowanceModel, key: string, holder: string): Promise<void> {
  await model.updateOne({ _id: key, [`holders.${holder}`]: { $exists: true } }, { $inc: { used: -1 }, $unset: { [`holders.${holder}`]: '' } });
}

/**
 * Which server this is. The embedded jongodb engine (for trying the product on a machine with no
 * mongod) is told apart by its buildInfo; it loses writes under concurrent multi-document
 * transactions, so nothing here uses them, and it is said once at start that it is not for production.
 */
export async function serverEngine(connection: Connection): Promise<'mongod' | 'jongodb'> {
  const info = (await connection.db!.admin().command({ buildInfo: 1 })) as { gitVersion?: string; version?: string };
  return info.gitVersion === 'jongodb' || /jongodb/.test(info.version ?? '') ? 'jongodb' : 'mongod';
}
