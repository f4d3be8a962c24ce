// One database per department on one MongoDB (DESIGN.md, Data). Every connection counts the
// commands it sends, so tests can prove a query costs one DB command per collection, not per talent.
import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
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
