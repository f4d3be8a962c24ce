// The container deployment (issue 2): docker compose cannot run on this machine, so its file is
// checked here for what compose would need — MongoDB as a replica set, every subgraph in its own
// container on its own port with a health check, and a gateway that finds each of them.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, envSuffix, SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { ENTRY_POINTS } from '../scripts/build';
import { GATEWAY_NODE_FLAGS } from '../gateway/config';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}
const compose = parse(readFileSync(`${root}/docker-compose.yml`, 'utf8'), { merge: true }) as { services: Record<string, Service> };

describe('docker-compose.yml', () => {
  it('runs MongoDB as a one-node replica set that every service connects to', () => {
    const mongo = compose.services.mongo as Service & { command: string[] };
    expect(mongo.command).toContain('--replSet');
    expect(mongo.healthcheck!.test.join(' ')).toContain('rs.initiate');
    for (const name of [...SUBGRAPH_NAMES, 'gateway', 'seed']) {
      expect(compose.services[name].environment!.MONGODB_URI, name).toBe('mongodb://mongo:27017/?replicaSet=rs0');
      expect(Object.keys(compose.services[name].environment!), name).toEqual(expect.arrayContaining(['NODE_ENV', 'JWT_SECRET', 'JWT_JWKS_URL', 'SERVICE_TOKEN', 'SERVICE_TOKEN_FILE']));
    }
  });

  it('runs each subgraph in its own container, on its port, with a health check', () => {
    for (const name of SUBGRAPH_NAMES) {
      const service = compose.services[name];
      // The compiled entry point (npm run build), which the Docker image holds.
      expect(service.command).toEqual(['node', `dist/subgraphs/${name}/index.js`]);
      expect(ENTRY_POINTS).toContain(`subgraphs/${name}/index.ts`);
      expect(service.environment![`PORT_${envSuffix(name)}`]).toBe(String(DEFAULT_PORTS[name]));
      expect(service.healthcheck!.test.join(' ')).toContain(`localhost:${DEFAULT_PORTS[name]}/health/ready`);
      expect(service.depends_on).toEqual({ seed: { condition: 'service_completed_successfully' } });
    }
  });

  it('points the gateway at every subgraph and starts it once they are healthy', () => {
    const gateway = compose.services.gateway;
    expect(gateway.ports).toEqual(['4000:4000']);
    for (const name of SUBGRAPH_NAMES) {
      expect(gateway.environment![`SUBGRAPH_URL_${envSuffix(name)}`]).toBe(`http://${name}:${DEFAULT_PORTS[name]}/graphql`);
      expect(gateway.depends_on![name]).toEqual({ condition: 'service_healthy' });
    }
    expect(gateway.command).toEqual(['node', ...GATEWAY_NODE_FLAGS, 'dist/gateway/index.js']);
    expect(compose.services.seed.command!.slice(0, 2)).toEqual(['node', 'dist/scripts/seed.js']);
    expect(ENTRY_POINTS).toEqual(expect.arrayContaining(['gateway/index.ts', 'scripts/seed.ts']));
    expect(gateway.healthcheck!.test.join(' ')).toContain('localhost:4000/health/ready');
  });

  it('tells every subgraph where the others answer, for the window\'s hand-outs and the departments\' reports', () => {
    // Without them a subgraph calls localhost:<port>, its own container: every hand-out would end a dead letter.
    for (const caller of SUBGRAPH_NAMES) {
      for (const name of SUBGRAPH_NAMES) {
        expect(compose.services[caller].environment![`SUBGRAPH_URL_${envSuffix(name)}`], `${caller} → ${name}`).toBe(`http://${name}:${DEFAULT_PORTS[name]}/graphql`);
      }
    }
  });

  it('keeps Apollo\'s telemetry off and passes the log level and the trace collector on to every service', () => {
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) {
      const environment = compose.services[name].environment!;
      expect(environment.APOLLO_TELEMETRY_DISABLED, name).toBe('true');
      expect(Object.keys(environment), name).toEqual(expect.arrayContaining(['LOG_LEVEL', 'OTEL_EXPORTER_OTLP_ENDPOINT']));
    }
  });

  it('gives every subgraph the analysts\' suppression threshold for figures', () => {
    for (const name of SUBGRAPH_NAMES) expect(compose.services[name].environment!.STATS_MIN_GROUP_SIZE, name).toBe('${STATS_MIN_GROUP_SIZE:-5}');
  });
});

// The image the services run: everything is built in a stage of its own (npm run build: the
// workbench and the compiled processes), and only dist/ and the production dependencies reach the
// image, which runs plain node as a non-root user.
describe('Dockerfile', () => {
  const stages = readFileSync(`${root}/Dockerfile`, 'utf8')
    .split(/^FROM /m)
    .slice(1)
    .map((stage) => stage.split('\n').map((line) => line.trim()));

  it('builds in a stage of its own from the folders the build reads', () => {
    const build = stages.find((lines) => /AS build$/.test(lines[0]))!;
    expect(build, 'a stage named build').toBeDefined();
    for (const folder of ['gateway', 'subgraphs', 'schema', 'scripts', 'workbench']) expect(build, folder).toContain(`COPY ${folder} ./${folder}`);
    expect(build).toContain('RUN npm run build');
  });

  it('runs the compiled output with plain node, production dependencies only, as a non-root user', () => {
    const runtime = stages.at(-1)!;
    expect(runtime).toContain('RUN npm ci --omit=dev --no-audit --no-fund');
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime.filter((line) => line.startsWith('COPY ') && !line.startsWith('COPY --from=build') && !line.startsWith('COPY package'))).toEqual([]);
    expect(runtime).toContain(`CMD ${JSON.stringify(['node', ...GATEWAY_NODE_FLAGS, 'dist/gateway/index.js']).replaceAll(',', ', ')}`);
    expect(runtime.join('\n')).not.toContain('tsx');
    expect(runtime.indexOf('USER node')).toBeGreaterThan(runtime.indexOf('COPY --from=build /app/dist ./dist'));
  });
});
