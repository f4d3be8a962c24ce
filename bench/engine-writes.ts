// npx tsx bench/engine-writes.ts — how long a write takes on the embedded database as its collection
// grows: the measurement behind bench/profile-notes.md ("the embedded engine"). Starts its own
// embedded MongoDB (as npm start would), fills one collection shaped like the audit archive, and
// prints the mean time of an insertMany of 48 records and of an insertOne at each size. A script,
// not a test: nothing is asserted.
import mongoose from 'mongoose';
import { performance } from 'node:perf_hooks';
import { startEmbeddedMongo } from '../subgraphs/kit/embedded-mongo';
import { registerAuditModel } from '../subgraphs/talent/audit';

const ROUNDS = 8;
const WRITES_PER_ROUND = 20;
const BATCH = 48;

const mongo = await startEmbeddedMongo();
const connection = await mongoose.createConnection(mongo.uri, { dbName: 'tgc_engine_writes', autoCreate: false }).asPromise();
try {
  const collection = connection.db!.collection('audit_events');
  // The archive's own indexes, as its schema declares them (talent/audit.ts).
  for (const [fields] of registerAuditModel(connection).schema.indexes()) await collection.createIndex(fields as Record<string, 1 | -1>);
  let count = 0;
  const record = () => ({
    _id: new mongoose.Types.ObjectId(),
    at: new Date(),
    requestId: `engine-writes-${count}`,
    subject: 'coordinator',
    role: 'coordinator',
    kind: 'READ',
    outcome: 'OK',
    source: 'talent',
    reads: [{ talentId: '64b000000000000000000001', operation: 'Talent.phone', fields: ['Talent.phone'], outcome: 'OK' }],
  });
  console.log(`${mongo.engine}: mean time of one write, by the collection's size`);
  console.log('| documents | insertMany of 48 ms | insertOne ms |\n| ---: | ---: | ---: |');
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (let write = 0; write < WRITES_PER_ROUND; write += 1) {
      await collection.insertMany(Array.from({ length: BATCH }, () => ((count += 1), record())), { ordered: false });
    }
    const between = performance.now();
    for (let write = 0; write < WRITES_PER_ROUND; write += 1) {
      count += 1;
      await collection.insertOne(record());
    }
    const perWrite = (ms: number) => (ms / WRITES_PER_ROUND).toFixed(1);
    console.log(`| ${count} | ${perWrite(between - started)} | ${perWrite(performance.now() - between)} |`);
  }
} finally {
  await connection.close();
  await mongo.stop();
}
