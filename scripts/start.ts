// npm start: an embedded MongoDB (unless MONGODB_URI is set), demo data when the databases are
// empty, the seven subgraphs each in its own process, then the gateway. Ctrl-C stops them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readPositiveInt, readString } from '../subgraphs/kit/config';
import { DEFAULT_PORTS, envSuffix, GATEWAY_DEFAULT_PORT, SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/departments';
import { startEmbeddedMongo, type EmbeddedMongo } from '../subgraphs/kit/embedded-mongo';
import { processLogger } from '../subgraphs/kit/observability/logger';
import { DEFAULT_DEMO_TALENTS, loadDemoData } from './demo-data';
import { assertPortsFree, PortsNotAvailable } from './ports';
import { ensureWorkbenchBuilt } from '../workbench/build';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const logger = processLogger().child({ service: 'start' });
const children: { name: string; process: ChildProcess }[] = [];
let embedded: EmbeddedMongo | null = null;
let stopping = false;

function portOf(name: SubgraphName): number {
  return Number(env[`PORT_${envSuffix(name)}`] || DEFAULT_PORTS[name]);
}

function launch(name: string, entry: string, extraEnv: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...env, ...extraEnv, TGC_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      logger.error({ process: name, code, signal }, `${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push({ name, process: child });
  return child;
}

async function waitHealthy(name: string, port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become healthy on port ${port} within ${timeoutMs / 1000} s`);
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('stopping…');
  await Promise.all(
    children.map(
      ({ process: child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await embedded?.stop();
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

const gatewayPort = Number(env.PORT || GATEWAY_DEFAULT_PORT);

try {
  await assertPortsFree([
    { port: gatewayPort, name: 'gateway', setting: 'PORT' },
    ...SUBGRAPH_NAMES.map((name) => ({ port: portOf(name), name, setting: `PORT_${envSuffix(name)}` })),
  ]);
  // The workbench the gateway serves: built when missing or older than its sources (a few seconds).
  await ensureWorkbenchBuilt((message) => logger.info(message));
  if (!env.MONGODB_URI) {
    embedded = await startEmbeddedMongo();
    logger.info({ engine: embedded.engine, uri: embedded.uri }, `embedded MongoDB (${embedded.engine}) at ${embedded.uri} — in memory, gone when this stops; for trying the product, not for production (set MONGODB_URI)`);
  }
  const mongoUri = env.MONGODB_URI ?? embedded!.uri;
  const talents = readPositiveInt(env, 'SEED_TALENTS', DEFAULT_DEMO_TALENTS);
  const seeded = await loadDemoData({ mongoUri, dbNameOf: (name) => readString(env, `DB_${envSuffix(name)}`, `tgc_${name}`), talents });
  if (seeded.seeded) logger.info({ documents: seeded.documents }, `demo data loaded: ${JSON.stringify(seeded.documents)}`);
  else logger.info('databases already hold data; demo data not loaded');

  for (const name of SUBGRAPH_NAMES) launch(name, `subgraphs/${name}/index.ts`, { MONGODB_URI: mongoUri });
  await Promise.all(SUBGRAPH_NAMES.map((name) => waitHealthy(name, portOf(name))));

  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_URL_${envSuffix(name)}`, `http://localhost:${portOf(name)}/graphql`]));
  launch('gateway', 'gateway/index.ts', subgraphUrls);
  await waitHealthy('gateway', gatewayPort);

  logger.info(
    [
      '人才绿色通道 Talent Green Channel is up:',
      `  workbench 工作台     http://localhost:${gatewayPort}/`,
      `  gateway + GraphiQL  http://localhost:${gatewayPort}/graphql`,
      `  gateway health      http://localhost:${gatewayPort}/health/ready`,
      `  gateway metrics     http://localhost:${gatewayPort}/metrics`,
      ...SUBGRAPH_NAMES.map((name) => `  ${name.padEnd(18)}  http://localhost:${portOf(name)}/graphql`),
      'Press Ctrl-C to stop everything.',
    ].join('\n'),
  );
} catch (error) {
  // A taken port is the user's to fix: the message says how; a stack trace would only hide it.
  logger.error(error instanceof PortsNotAvailable ? {} : { err: error }, (error as Error).message);
  await shutdown(1);
}
