// What a department's `index.ts` calls: read the config, start, listen, stop cleanly on a signal.
import { readPort, readString } from './config';
import { DEFAULT_PORTS, envSuffix, type SubgraphName } from './departments';
import { startEmbeddedMongo } from './embedded-mongo';
import { serverEngine } from './mongo';
import { processLogger } from './observability/logger';
import { startTracing, stopTracing } from './observability/tracing';
import { defaultEnvironment, startSubgraph, type SubgraphFactory } from './subgraph';

export async function runSubgraph(name: SubgraphName, factory: SubgraphFactory): Promise<void> {
  const env = process.env;
  startTracing(name, { env });
  const logger = processLogger().child({ service: name });
  const port = readPort(env, `PORT_${envSuffix(name)}`, DEFAULT_PORTS[name]);
  const dbName = readString(env, `DB_${envSuffix(name)}`, `tgc_${name}`);
  // Started alone without MONGODB_URI, a subgraph brings its own embedded MongoDB (development only).
  const embedded = env.MONGODB_URI ? null : await startEmbeddedMongo();
  const mongoUri = env.MONGODB_URI ?? embedded!.uri;
  const running = await startSubgraph(factory, { mongoUri, dbName, port, environment: await defaultEnvironment(name), logger });
  logger.info({ url: running.url, database: dbName }, `subgraph ready at ${running.url} (database ${dbName}; health: /health/live, /health/ready; metrics: /metrics)`);
  if ((await serverEngine(running.connection)) === 'jongodb') {
    logger.warn(`数据库为内嵌 jongodb 引擎：仅供试用，不可用于生产（the embedded jongodb engine is for trying the product, not for production: set MONGODB_URI to a MongoDB replica set or sharded cluster）`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: stopping`);
    await running.stop();
    await embedded?.stop();
    await stopTracing();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  exitWithParent(() => void stop('parent gone'));
}

/**
 * Started by `npm start` (TGC_PARENT_PID set), a process stops when its parent is gone,
 * even if the parent was killed without a chance to stop it: no orphans.
 */
export function exitWithParent(stop: () => void): void {
  const parent = Number(process.env.TGC_PARENT_PID);
  if (!parent) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      stop();
    }
  }, 1000);
  timer.unref();
}
