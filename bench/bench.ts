// npm run bench (issue 12): the stack with demo data, then ours, stock @apollo/gateway, Hive Gateway
// and a direct-parallel client over the same subgraphs, each in its own process, driven in turns
// through the talent view, the dashboard page, the cases page and the service catalog. Prints the
// table and writes it to bench/results.md. A script, not a test: no figure is asserted anywhere.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORTS, envSuffix, SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/departments';
import { startEmbeddedMongo, type EmbeddedMongo } from '../subgraphs/kit/embedded-mongo';
import { connectDepartmentDb } from '../subgraphs/kit/mongo';
import { DEVELOPMENT_SECRET, issueToken, readIdentityConfig } from '../subgraphs/kit/identity';
import { buildServer, ENTRY_POINTS } from '../scripts/build';
import { GATEWAY_NODE_FLAGS } from '../gateway/config';
import { DEFAULT_DEMO_TALENTS, loadDemoData } from '../scripts/demo-data';
import { askOnce, compareAnswers, idleRates, measure, type LoadSettings } from './load';
import { parseBenchOptions, type TargetName } from './options';
import { topSelfTime, type CpuProfile } from './profile';
import { BENCH_QUERIES } from './queries';
import { combineRounds, formatProfile, formatTable, resultsMarkdown, type Row, type RunFigures } from './report';
import { freePort, freePorts } from '../scripts/ports';
import { httpOk, launch, stopChild, waitUntil, type Child } from './stack';
import { pickTalents } from './talent-choice';

const root = fileURLToPath(new URL('..', import.meta.url));
const options = parseBenchOptions(process.argv.slice(2));
const logDir = mkdtempSync(join(tmpdir(), 'tgc-bench-'));
/** Where `--profile` has each profiled process write its .cpuprofile, a directory each. */
const profileDirOf = (name: string) => join(logDir, `profile-${name}`);
/** The processes `--profile` runs under node --cpu-prof: our gateway, the window (talent subgraph) and one audited department (health). */
const PROFILED = ['ours', 'talent', 'health'];
const cpuProfFlags = (name: string) => (options.profile && PROFILED.includes(name) ? ['--cpu-prof', `--cpu-prof-dir=${profileDirOf(name)}`] : []);
const say = (message: string) => console.log(`[bench] ${message}`);
/**
 * Every process is compiled here first and run as the image runs it (`node dist/…`): inside the
 * project, where node_modules is found; one directory per run, so two runs never share one.
 */
const compiledDir = join(root, 'bench/.compiled', `run-${process.pid}`);

// Every process runs as in production (the Dockerfile's NODE_ENV=production): graphql-js and Apollo
// Server skip their development checks, logs are JSON. Production refuses the development secret,
// so the run signs its tokens with a secret of its own unless one is given.
process.env.NODE_ENV = 'production';
if (!process.env.JWT_SECRET || process.env.JWT_SECRET === DEVELOPMENT_SECRET || process.env.JWT_SECRET.length < 32) process.env.JWT_SECRET = randomBytes(32).toString('hex');

const TARGET_ENTRIES: Record<TargetName, string> = {
  ours: 'gateway/index.ts',
  stock: 'bench/targets/stock.ts',
  hive: 'bench/targets/hive.ts',
  direct: 'bench/targets/direct.ts',
};

/**
 * What a run leaves behind that would slow the next one down on the embedded engine, which scans
 * where a real mongod uses an index and copies a collection on each write: the departments'
 * delivered audit hand-overs (the outboxes' claims and gauges read the whole collection) and the
 * window's archived audit records of the run (each insert costs more the larger the archive).
 * Removed after every run, so each target starts from the same data, whatever its turn.
 */
async function clearRunLeftovers(mongoUri: string, since: Date): Promise<void> {
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const { connection } = await connectDepartmentDb(mongoUri, `tgc_${name}`);
      try {
        await connection.db!.collection('audit_outbox').deleteMany({ status: 'DELIVERED' });
        if (name === 'talent') await connection.db!.collection('audit_events').deleteMany({ at: { $gte: since } });
      } finally {
        await connection.close();
      }
    }),
  );
}

/** Seconds of no load at all, to learn what the subgraphs' pollers count on their own. */
const IDLE_SECONDS = 3;

const subgraphs: Child[] = [];
const targets: Child[] = [];
let mongo: EmbeddedMongo | null = null;

async function stopAll(): Promise<void> {
  await Promise.all(targets.map((child) => stopChild(child)));
  await Promise.all(subgraphs.map((child) => stopChild(child)));
  await mongo?.stop();
  rmSync(compiledDir, { recursive: true, force: true });
}

function machine(): string {
  const cores = cpus();
  const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${gb(totalmem())} GB memory (${gb(freemem())} GB free at start), load average ${loadavg().map((value) => value.toFixed(2)).join(' / ')} at start, ${platform()} ${release()}, Node ${process.version}`;
}

async function startSubgraphs(mongoUri: string): Promise<Record<SubgraphName, string>> {
  const free = await freePorts(SUBGRAPH_NAMES.length);
  const ports = Object.fromEntries(SUBGRAPH_NAMES.map((name, index) => [name, free[index]])) as Record<SubgraphName, number>;
  // Each subgraph calls others (audit hand-overs to the window, card checks): at these ports, never the defaults.
  const addresses = Object.fromEntries(SUBGRAPH_NAMES.flatMap((name) => [[`PORT_${envSuffix(name)}`, String(ports[name])], [`SUBGRAPH_URL_${envSuffix(name)}`, `http://127.0.0.1:${ports[name]}/graphql`]]));
  for (const name of SUBGRAPH_NAMES) {
    subgraphs.push(launch({ name, entry: `subgraphs/${name}/index.ts`, port: ports[name], env: { MONGODB_URI: mongoUri, ...addresses }, nodeFlags: cpuProfFlags(name), root, logDir, compiledDir }));
  }
  await Promise.all(subgraphs.map((child) => waitUntil(child, () => httpOk(`http://127.0.0.1:${child.port}/health/ready`))));
  return Object.fromEntries(subgraphs.map((child) => [child.name, child.url])) as Record<SubgraphName, string>;
}

async function startTarget(name: TargetName, subgraphUrls: Record<SubgraphName, string>, authorization: string): Promise<Child> {
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    SUPERGRAPH_PATH: join(root, 'schema/supergraph.graphql'),
    BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((subgraph) => [`SUBGRAPH_URL_${envSuffix(subgraph)}`, subgraphUrls[subgraph]])),
    // One coordinator's token drives every connection: ours would (rightly) answer most of it 429.
    RATE_LIMIT_PER_SUBJECT: '0',
    RATE_LIMIT_PER_ROLE: '',
    RATE_LIMIT_ANONYMOUS: '0',
  };
  // Ours with the flags its image runs it with.
  const child = launch({ name, entry: TARGET_ENTRIES[name], port, env, nodeFlags: [...(name === 'ours' ? GATEWAY_NODE_FLAGS : []), ...cpuProfFlags(name)], root, logDir, compiledDir });
  // Ready when it answers the catalog: every target serves it, and it needs the whole chain (token, subgraph).
  await waitUntil(child, async () => !(await askOnce(child, BENCH_QUERIES.catalog, { authorization, talentId: '' })).errors);
  return child;
}

function profileSummary(): string | undefined {
  if (!options.profile) return undefined;
  const sections = PROFILED.map((name) => {
    const dir = profileDirOf(name);
    const file = existsSync(dir) ? readdirSync(dir).find((entry) => entry.endsWith('.cpuprofile')) : undefined;
    if (!file) return `### ${name}\n\nNo .cpuprofile was written in ${dir}.`;
    const top = topSelfTime(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, 15);
    const title = name === 'ours' ? 'ours (the gateway)' : name === 'talent' ? 'the talent subgraph (the window)' : `the ${name} subgraph (an audited department)`;
    return `### ${title}\n\n${formatProfile(top)}\n\nProfile: ${join(dir, file)} (open it in Chrome DevTools › Performance for the call tree).`;
  });
  return `${sections.join('\n\n')}\n\nEach profile covers the whole life of its process, its start (module loading) included, and every query run through ours; the subgraphs also serve the other targets' runs.`;
}

const machineLine = machine();
const notes: string[] = [];
/** Every measured run, each round apart; the table combines a query's rounds through a target (combineRounds). */
const runs: RunFigures[] = [];
/** Runs after which the departments' audit hand-overs were still pending when the counters were read. */
const undrained: string[] = [];
// Ctrl-C stops every process this started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll().finally(() => process.exit(130)));
try {
  say(`logs in ${logDir}`);
  await buildServer(compiledDir, { withWorkbench: false, entryPoints: [...ENTRY_POINTS, ...Object.values(TARGET_ENTRIES).filter((entry) => !ENTRY_POINTS.includes(entry))] });
  say(`every process compiled into ${compiledDir} (as npm run build), run with NODE_ENV=production`);
  mongo = await startEmbeddedMongo();
  say(`embedded MongoDB (${mongo.engine}) at ${mongo.uri}`);
  const seeded = await loadDemoData({ mongoUri: mongo.uri, dbNameOf: (name) => `tgc_${name}`, talents: DEFAULT_DEMO_TALENTS });
  if (seeded.seeded) say(`demo data: ${JSON.stringify(seeded.documents)}`);
  const subgraphUrls = await startSubgraphs(mongo.uri);
  say(`subgraphs up: ${SUBGRAPH_NAMES.map((name) => `${name} ${subgraphUrls[name]}`).join(', ')} (defaults would be ${Object.values(DEFAULT_PORTS).join(', ')})`);

  const identity = readIdentityConfig();
  const authorization = `Bearer ${await issueToken(identity, { subject: 'bench-coordinator', role: 'coordinator' }, Math.min(4 * 3600, identity.maxTtlSeconds))}`;
  for (const name of options.targets) {
    try {
      targets.push(await startTarget(name, subgraphUrls, authorization));
      say(`${name} up at ${targets.at(-1)!.url}`);
    } catch (error) {
      notes.push(`${name} could not be run: ${(error as Error).message.split('\n')[0]}`);
      say(`${name} did not start: ${(error as Error).message}`);
    }
  }
  const ours = targets.find((child) => child.name === 'ours');
  if (!ours) throw new Error('ours did not start; nothing to compare with');
  const talentIds = await pickTalents(ours.url, authorization);
  const talentId = talentIds[0];
  say(options.spread ? `talent view through ${talentIds.length} talents, ${options.connections} coordinators` : `talent view on talent ${talentId}`);
  // --spread: a coordinator of its own per connection (the subjects differ, the role is the same).
  const spread = options.spread
    ? {
        talentIds,
        authorizations: await Promise.all(
          Array.from({ length: options.connections }, async (_, index) => `Bearer ${await issueToken(identity, { subject: `bench-coordinator-${index + 1}`, role: 'coordinator' }, Math.min(4 * 3600, identity.maxTtlSeconds))}`),
        ),
      }
    : null;

  // Every target must give the same answer as ours, or its figures do not compare.
  for (const queryName of options.queries) {
    const query = BENCH_QUERIES[queryName];
    const reference = await askOnce(ours, query, { authorization, talentId });
    if (reference.errors?.length) notes.push(`${queryName}: ours answered with ${reference.errors.length} error(s), first: ${reference.errors[0].message}`);
    for (const target of targets.filter((child) => child !== ours)) {
      const problem = compareAnswers(reference, await askOnce(target, query, { authorization, talentId }));
      if (problem) notes.push(`${queryName} through ${target.name}: ${problem}`);
    }
  }

  const metricsUrls = subgraphs.map((child) => `http://127.0.0.1:${child.port}/metrics`);
  say(`counting what the subgraphs do idle for ${IDLE_SECONDS} s`);
  const settings: LoadSettings = { ...options, authorization, talentId, spread, metricsUrls, idlePerSecond: await idleRates(metricsUrls, IDLE_SECONDS), stackPids: [...subgraphs.map((child) => child.process.pid), mongo.pid] };
  const benchStarted = new Date();
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [queryIndex, queryName] of options.queries.entries()) {
      // Each query (and each round) starts with the next target, so none is always first (or last) on a machine whose load drifts.
      const order = options.targets.map((_, index) => options.targets[(index + queryIndex + round) % options.targets.length]);
      for (const name of order) {
        const target = targets.find((child) => child.name === name);
        if (!target) continue;
        say(`${options.rounds > 1 ? `round ${round + 1}/${options.rounds}: ` : ''}${queryName} through ${name}: ${options.warmup} s warm-up, ${options.duration} s × ${options.connections} connections`);
        const figures = await measure(target, BENCH_QUERIES[queryName], settings);
        runs.push(figures);
        await clearRunLeftovers(mongo.uri, benchStarted);
        say(`  ${figures.requestsPerSecond.toFixed(1)} RPS, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ${figures.subgraphRequestsPerRequest.toFixed(2)} subgraph requests per request`);
        if (!figures.drained) undrained.push(`${queryName} through ${name}${options.rounds > 1 ? ` (round ${round + 1})` : ''}`);
        if (options.details) {
          const counted = [...figures.counts].filter(([key, value]) => value > 0 && key !== 'outbox pending').sort(([a], [b]) => a.localeCompare(b));
          say(`  counted at the subgraphs for ${figures.sent} requests sent: ${counted.map(([key, value]) => `${key}: ${value.toFixed(1)}`).join(', ')}`);
        }
      }
    }
  }
} catch (error) {
  notes.push(`the run stopped early: ${(error as Error).message}`);
  console.error(error);
} finally {
  await stopAll();
}

if (undrained.length > 0) {
  notes.push(`Audit hand-overs were still pending 30 s after these runs, so the next run shared the subgraphs with their delivery: ${undrained.join(', ')}. See each department's log in ${logDir} ("not delivered", "dead-lettered").`);
}
// One row per query and target (the median of its rounds), in the order asked for, whatever order they ran in.
const rows: Row[] = options.queries.flatMap((query) =>
  options.targets.map((target): Row => {
    const rounds = runs.filter((run) => run.query === query && run.target === target);
    return rounds.length > 0 ? combineRounds(rounds) : { query, target, skipped: 'not run (see notes)' };
  }),
);
const table = formatTable(rows);
const profile = profileSummary();
notes.push(
  `RPS is autocannon's mean requests per second over the measured run; p50/p99 are its latency percentiles; "÷ ours" divides by ours on the same query.${options.rounds > 1 ? ` Each query ran ${options.rounds} times through each target, in turns: every figure is the median of its rounds, RSS the highest, failures and errors summed.` : ''}`,
  `Subgraph requests, DB commands and audit writes are counted at the subgraphs (their /metrics: graphql_requests_total, mongodb_command_duration_seconds_count) before and after each measured run, once what was in flight has landed, and divided by the requests autocannon sent. Left out: audit hand-overs to the window (RecordAuditEvents), every outbox's polling and deliveries and the audit archive (as test/harness.ts counts them), and what the subgraphs' pollers do on their own (their rate over ${IDLE_SECONDS} s idle before the runs, times the run's length). Audit writes: the inserts requests made into a department's outbox, plus the window's inserts into the archive less the hand-overs it took.`,
  'CPU ms per request: the CPU time (user + system, /proc/<pid>/stat) the target process, and the seven subgraphs with the database, used from the start of the measured run until the counters were read, divided by the requests sent. It does not depend on how long requests waited for a core, so it compares targets more steadily than RPS on a shared machine.',
  'RSS is the target process\'s resident memory (/proc/<pid>/status VmRSS) right after the run. Every process (subgraphs and targets) is compiled by esbuild as `npm run build` does and runs as the image runs it: `node <file>.js` with NODE_ENV=production, ours with the gateway\'s Node flags (GATEWAY_NODE_FLAGS, gateway/config.ts).',
  'Every request carries a coordinator token; the catalog is public, but stock @apollo/gateway and Hive only pass a caller\'s token on (ours sends its own service token for an anonymous caller).',
  'Stock @apollo/gateway and Hive Gateway run with their defaults plus the headers the subgraphs need (Authorization, x-gateway-token). Hive\'s runtime loads @graphql-mesh/transport-http on demand, which is not installed: bench/targets/hive.ts gives it the same transport explicitly (buildHTTPExecutor from @graphql-tools/executor-http, a dependency of the runtime, over the runtime\'s fetch), so identical subgraph queries in flight at once are deduplicated, as by default. Inbound deduplication (inboundInflightRequestDeduplication) is off by default in gateway-runtime 2.12 and stays off.',
  'The direct-parallel client is plain Node code behind a small HTTP server: the talent subgraph first, then the six departments\' `_entities` fetches side by side, planned once from the same operation text (bench/direct-plan.ts), sent through the same undici keep-alive pools as ours (gateway/subgraph-client.ts) — no parsing, validation, planning or result shaping per request, and no deduplication: the floor of any gateway that sends every fetch. Where the runs repeat one request, a gateway that shares fetches in flight can pass it; with --spread it cannot.',
  'Audit: every target\'s subgraphs record each sensitive read before answering, and the departments hand their records to the window\'s archive in batches (AUDIT_OUTBOX_LINGER_MS). Where a gateway shares one fetch among callers, ours also stores the sharers\' reads before their answers leave (gateway/shared-reads.ts): one record per shared answer listing every sharer\'s request id, its write started as soon as the answer arrives, one more archive write on their critical path; Hive records one read where there were many. On the embedded engine an archive insert costs more the larger the archive grows (it copies the collection per write command): see bench/profile-notes.md.',
  'Targets run in turns, each query starting with the next target. After every run the departments\' delivered audit hand-overs and the run\'s archived audit records are removed: the embedded engine scans where a real mongod uses an index and copies a collection on each write, so without this each run would be slower than the one before it.',
  'The machine is shared and was loaded by other work; the load generator, the target and the seven subgraphs share its cores, so read ratios rather than absolute figures, and only between runs of one table.',
);
const settingsLine = `${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per target per query${options.rounds > 1 ? `, ${options.rounds} rounds (medians)` : ''}, targets ${options.targets.join(', ')}, queries ${options.queries.join(', ')}, ${DEFAULT_DEMO_TALENTS} demo talents, LOG_LEVEL=warn in every process${options.spread ? ', --spread: a coordinator token of its own per connection, the talent view cycling through 100 talents' : ', every connection the same request with one coordinator token'}${options.profile ? ', ours, the talent subgraph and health under node --cpu-prof' : ''}`;
const markdown = resultsMarkdown({ date: new Date().toISOString(), machine: machineLine, settings: settingsLine, table, notes, profile });
console.log(`\n${markdown}`);
writeFileSync(resolve(root, options.out), markdown);
say(`written to ${options.out}`);
process.exit(runs.length > 0 ? 0 : 1);
