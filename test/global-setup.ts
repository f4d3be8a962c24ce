// Starts one embedded MongoDB for the whole test run (or uses MONGODB_URI) and hands its
// URI to every test file through vitest's provide/inject.
import type { TestProject } from 'vitest/node';
import { startEmbeddedMongo } from '../subgraphs/kit/embedded-mongo';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    return async () => {};
  }
  const mongo = await startEmbeddedMongo();
  console.log(`test MongoDB: ${mongo.engine} at ${mongo.uri}`);
  project.provide('mongoUri', mongo.uri);
  return () => mongo.stop();
}
