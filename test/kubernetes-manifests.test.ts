// The Kubernetes deployment (issue 11, "past one machine"): deploy/base and deploy/overlays/production
// are read here the way kustomize builds them (the base's resources; the overlay's strategic-merge
// patches and image), without kubectl, and every container is checked against the code it runs — one
// Deployment per subgraph and the gateway, on the port the code listens on, probed where the code
// answers, with every setting the code reads resolved through its ConfigMaps and Secret references
// and read back by the code's own config readers — so the manifests cannot drift from the graph.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../gateway/config';
import { readPort, readString, type Env } from '../subgraphs/kit/config';
import { DEFAULT_PORTS, envSuffix, GATEWAY_DEFAULT_PORT, isSubgraphName, SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { readIdentityConfig } from '../subgraphs/kit/identity';
import { logLevelOf } from '../subgraphs/kit/observability/logger';
import { readStatsConfig } from '../subgraphs/kit/stats';

const root = fileURLToPath(new URL('..', import.meta.url));

type Labels = Record<string, string>;
interface Resource { apiVersion: string; kind: string; metadata: { name: string; labels?: Labels }; [field: string]: unknown }
interface Probe { httpGet?: { path: string; port: number | string } }
interface EnvEntry { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string } } }
interface Container {
  name: string; image: string; command?: string[]; ports?: { name?: string; containerPort: number }[];
  env?: EnvEntry[]; envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe; livenessProbe?: Probe; startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Deployment extends Resource {
  spec: { replicas?: number; selector: { matchLabels: Labels }; template: { metadata: { labels: Labels }; spec: {
    containers: Container[]; securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }; volumes?: { name: string; emptyDir?: object }[] } } };
}
interface Service extends Resource { spec: { selector: Labels; ports: { port: number; targetPort: number | string; name?: string }[] } }
interface Autoscaler extends Resource { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas?: number; maxReplicas: number; metrics?: unknown[] } }
interface DisruptionBudget extends Resource { spec: { selector: { matchLabels: Labels }; maxUnavailable?: number; minAvailable?: number } }
interface IngressBackend { service: { name: string; port: { name?: string; number?: number } } }
interface Ingress extends Resource { spec: { rules: { host?: string; http: { paths: { backend: IngressBackend }[] } }[]; tls?: { hosts: string[] }[] } }
interface Kustomization { resources?: string[]; patches?: { path: string }[]; images?: { name: string; newName?: string; newTag?: string }[] }

// ——— reading the manifests as kustomize would ———

function documentsIn(path: string): Resource[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0].message}`);
    return document.toJS() as Resource;
  }).filter(Boolean);
}

const kustomizationOf = (dir: string) => parse(readFileSync(`${dir}/kustomization.yaml`, 'utf8')) as Kustomization;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The lists a strategic-merge patch merges item by item (by name); every other list is replaced. */
const MERGED_BY_NAME = new Set(['containers', 'env', 'volumes', 'volumeMounts']);

function strategicMerge(target: unknown, patch: unknown, field = ''): unknown {
  if (Array.isArray(patch) && Array.isArray(target) && MERGED_BY_NAME.has(field)) {
    const merged = target.map((item: { name: string }) => {
      const change = patch.find((entry: { name: string }) => entry.name === item.name);
      return change ? strategicMerge(item, change) : item;
    });
    return [...merged, ...patch.filter((entry: { name: string }) => !target.some((item: { name: string }) => item.name === entry.name))];
  }
  if (!isObject(patch) || !isObject(target)) return patch;
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) merged[key] = strategicMerge(target[key], value, key);
  return merged;
}

function build(dir: string): Resource[] {
  const kustomization = kustomizationOf(dir);
  const resources = (kustomization.resources ?? []).flatMap((entry) => (existsSync(`${dir}/${entry}/kustomization.yaml`) ? build(`${dir}/${entry}`) : documentsIn(`${dir}/${entry}`)));
  for (const { path } of kustomization.patches ?? []) {
    for (const patch of documentsIn(`${dir}/${path}`)) {
      const index = resources.findIndex((resource) => resource.kind === patch.kind && resource.metadata.name === patch.metadata.name);
      if (index < 0) throw new Error(`${dir}/${path}: no ${patch.kind} ${patch.metadata.name} to patch`);
      resources[index] = strategicMerge(resources[index], patch) as Resource;
    }
  }
  for (const image of kustomization.images ?? []) {
    for (const deployment of resources.filter((resource): resource is Deployment => resource.kind === 'Deployment')) {
      for (const container of deployment.spec.template.spec.containers) {
        const [name, tag] = container.image.split(':');
        if (name === image.name) container.image = `${image.newName ?? name}:${image.newTag ?? tag}`;
      }
    }
  }
  return resources;
}

const baseDir = `${root}deploy/base`;
const productionDir = `${root}deploy/overlays/production`;
const compose = parse(readFileSync(`${root}/docker-compose.yml`, 'utf8'), { merge: true }) as { services: Record<string, { image: string; command: string[] }> };
/** Where the image's runtime stage runs from (its last WORKDIR): the safelist is a path inside the image. */
const imageWorkdir = readFileSync(`${root}/Dockerfile`, 'utf8').split(/^FROM /m).at(-1)!.match(/^WORKDIR (\S+)$/m)![1];

// ——— what the code expects of every container ———

const SERVICES = [...SUBGRAPH_NAMES, 'gateway'] as const;
const portOf = (name: string) => (isSubgraphName(name) ? DEFAULT_PORTS[name] : GATEWAY_DEFAULT_PORT);
const selects = (selector: Labels, labels: Labels) => Object.entries(selector).every(([key, value]) => labels[key] === value);
const SECRET_NAMES = /^(JWT_SECRET|JWT_PUBLIC_KEY|SERVICE_TOKEN|MONGODB_URI)$|PASSWORD|PRIVATE_KEY/;
/** Stands in for a value the test cannot see (a Secret's), long enough for production's JWT_SECRET rule. */
const FROM_SECRET = 'value-kept-in-a-kubernetes-secret-0123456789';

/** The environment a container starts with, and the Secret each secret value comes from. */
function environmentOf(container: Container, all: Resource[], problems: string[], who: string): { env: Env; secrets: Map<string, { name: string; optional: boolean }> } {
  const env: Env = {};
  const secrets = new Map<string, { name: string; optional: boolean }>();
  const configMap = (name: string) => all.find((resource) => resource.kind === 'ConfigMap' && resource.metadata.name === name) as (Resource & { data?: Record<string, string> }) | undefined;
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) problems.push(`${who}: envFrom a whole Secret (${source.secretRef.name}) hides which settings it gives`);
    if (!source.configMapRef) continue;
    const found = configMap(source.configMapRef.name);
    if (!found) problems.push(`${who}: ConfigMap ${source.configMapRef.name} does not exist`);
    Object.assign(env, found?.data ?? {});
  }
  for (const entry of container.env ?? []) {
    const secret = entry.valueFrom?.secretKeyRef;
    const fromMap = entry.valueFrom?.configMapKeyRef;
    if (secret) {
      env[entry.name] = FROM_SECRET;
      secrets.set(entry.name, { name: secret.name, optional: secret.optional === true });
    } else if (fromMap) env[entry.name] = configMap(fromMap.name)?.data?.[fromMap.key];
    else env[entry.name] = entry.value;
    if (SECRET_NAMES.test(entry.name) && !secret) problems.push(`${who}: ${entry.name} must come from a Secret, not a literal`);
  }
  return { env, secrets };
}

function checkContainer(deployment: Deployment, all: Resource[], production: boolean, problems: string[]): void {
  const name = deployment.metadata.name;
  const port = portOf(name);
  const containers = deployment.spec.template.spec.containers;
  if (containers.length !== 1) return void problems.push(`${name}: ${containers.length} containers, expected one`);
  const [container] = containers;
  const composeImage = compose.services[name].image;
  if (production ? /:latest$|^[^:]*$/.test(container.image) || container.image === composeImage : container.image !== composeImage) {
    problems.push(`${name}: image ${container.image} (base: ${composeImage}, as docker compose builds it; production: a registry image with a release tag)`);
  }
  if (JSON.stringify(container.command) !== JSON.stringify(compose.services[name].command)) problems.push(`${name}: command ${container.command?.join(' ')} differs from docker-compose.yml`);
  const ports = container.ports ?? [];
  if (ports.length !== 1 || ports[0].containerPort !== port) problems.push(`${name}: container ports ${ports.map((entry) => entry.containerPort).join(',')}, expected ${port}`);
  const resolve = (value: number | string | undefined) => (typeof value === 'string' ? ports.find((entry) => entry.name === value)?.containerPort : value);
  for (const [probe, path] of [['readinessProbe', '/health/ready'], ['livenessProbe', '/health/live'], ['startupProbe', '/health/live']] as const) {
    const get = container[probe]?.httpGet;
    if (!get && probe === 'startupProbe') continue;
    if (get?.path !== path || resolve(get.port) !== port) problems.push(`${name}: ${probe} should GET ${path} on ${port}, has ${JSON.stringify(get)}`);
  }
  const { env, secrets } = environmentOf(container, all, problems, name);
  for (const other of SUBGRAPH_NAMES) {
    const url = env[`SUBGRAPH_URL_${envSuffix(other)}`];
    const service = url && all.find((resource): resource is Service => resource.kind === 'Service' && url.startsWith(`http://${resource.metadata.name}:`));
    const target = all.find((resource): resource is Deployment => resource.kind === 'Deployment' && resource.metadata.name === other);
    if (!url || !service || !target || url !== `http://${service.metadata.name}:${service.spec.ports[0].port}/graphql` || !selects(service.spec.selector, target.spec.template.metadata.labels)) {
      problems.push(`${name}: SUBGRAPH_URL_${envSuffix(other)} (${url}) does not name the Service of ${other}`);
    }
  }
  if (secrets.get('JWT_SECRET')?.name === undefined && !env.JWT_JWKS_URL) problems.push(`${name}: JWT_SECRET from a Secret, or JWT_JWKS_URL`);
  if (production && env.NODE_ENV !== 'production') problems.push(`${name}: NODE_ENV=${env.NODE_ENV}, expected production`);
  if (env.APOLLO_TELEMETRY_DISABLED !== 'true') problems.push(`${name}: APOLLO_TELEMETRY_DISABLED`);
  if (!('OTEL_EXPORTER_OTLP_ENDPOINT' in env)) problems.push(`${name}: OTEL_EXPORTER_OTLP_ENDPOINT not given`);
  try {
    // The code's own readers: what the process would do at start with this environment.
    readIdentityConfig(env);
    logLevelOf(env);
    if (name === 'gateway') {
      const config = readGatewayConfig(env);
      if (config.port !== port) problems.push(`gateway: listens on ${config.port}, its container port is ${port}`);
      if (Object.keys(config.subgraphUrls).length !== SUBGRAPH_NAMES.length) problems.push('gateway: not every subgraph URL given');
      if (production && config.safelistPath !== `${imageWorkdir}/dist/workbench/dist/persisted-documents.json`) problems.push(`gateway: PERSISTED_QUERY_SAFELIST ${config.safelistPath}, expected the workbench's manifest in the image`);
      if (production && (config.devTokens || !config.maskErrors)) problems.push('gateway: production must mask errors and have no development tokens');
      if ('MONGODB_URI' in env) problems.push('gateway: holds no database, needs no MONGODB_URI');
    } else if (isSubgraphName(name)) {
      if (readPort(env, `PORT_${envSuffix(name)}`, -1) !== port) problems.push(`${name}: PORT_${envSuffix(name)} should be ${port}`);
      if (readString(env, `DB_${envSuffix(name)}`, '') !== `tgc_${name}`) problems.push(`${name}: DB_${envSuffix(name)} should be tgc_${name}`);
      // Without MONGODB_URI a subgraph starts an embedded in-memory database: never in a cluster.
      const uri = secrets.get('MONGODB_URI');
      if (!uri || uri.optional) problems.push(`${name}: MONGODB_URI from a required Secret`);
      else if (uri.name !== `tgc-mongodb-${name}`) problems.push(`${name}: MONGODB_URI from ${uri.name}, expected its department's own Secret tgc-mongodb-${name}`);
      readStatsConfig(env);
      if (!('STATS_MIN_GROUP_SIZE' in env)) problems.push(`${name}: STATS_MIN_GROUP_SIZE not given`);
    }
  } catch (error) {
    problems.push(`${name}: the code refuses its environment: ${(error as Error).message}`);
  }
  const pod = deployment.spec.template.spec;
  if (pod.securityContext?.runAsNonRoot !== true || !(Number(pod.securityContext.runAsUser) > 0)) problems.push(`${name}: runAsNonRoot with a numeric non-root runAsUser`);
  if (container.securityContext?.readOnlyRootFilesystem !== true || container.securityContext.allowPrivilegeEscalation !== false) problems.push(`${name}: read-only root filesystem, no privilege escalation`);
  const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
  if (!tmp || !pod.volumes?.find((volume) => volume.name === tmp.name)?.emptyDir) problems.push(`${name}: /tmp must be a writable emptyDir`);
  for (const kind of ['requests', 'limits'] as const) {
    if (!container.resources?.[kind]?.cpu || !container.resources[kind]?.memory) problems.push(`${name}: resources.${kind} cpu and memory`);
  }
}

/** Every problem with a set of manifests; none for the ones in deploy/. */
function problemsIn(all: Resource[], production: boolean): string[] {
  const problems: string[] = [];
  const ofKind = <T extends Resource>(kind: string) => all.filter((resource) => resource.kind === kind) as T[];
  const deployments = ofKind<Deployment>('Deployment');
  const names = deployments.map((deployment) => deployment.metadata.name);
  for (const name of SERVICES) if (!names.includes(name)) problems.push(`${name}: no Deployment`);
  for (const name of names) if (!(SERVICES as readonly string[]).includes(name)) problems.push(`${name}: a Deployment for no service of the graph`);
  for (const resource of all) {
    if (resource.kind === 'Secret') problems.push(`Secret ${resource.metadata.name}: Secrets are created outside the repository, never written in it`);
    for (const key of Object.keys((resource as { data?: object }).data ?? {})) if (resource.kind === 'ConfigMap' && SECRET_NAMES.test(key)) problems.push(`ConfigMap ${resource.metadata.name}: ${key} is a secret`);
    if (/mongodb(\+srv)?:\/\/[^/\s"]*@/.test(JSON.stringify(resource))) problems.push(`${resource.kind} ${resource.metadata.name}: a MongoDB URI with credentials`);
  }
  for (const deployment of deployments.filter((found) => (SERVICES as readonly string[]).includes(found.metadata.name))) {
    const name = deployment.metadata.name;
    const labels = deployment.spec.template.metadata.labels;
    const others = deployments.filter((other) => other !== deployment).map((other) => other.spec.template.metadata.labels);
    const selectsOnlyIt = (selector: Labels) => selects(selector, labels) && !others.some((other) => selects(selector, other));
    if (!selectsOnlyIt(deployment.spec.selector.matchLabels)) problems.push(`${name}: its selector must match its own pods only`);
    if (deployment.spec.replicas !== undefined) problems.push(`${name}: replicas is its autoscaler's to set`);
    checkContainer(deployment, all, production, problems);
    const services = ofKind<Service>('Service').filter((service) => selectsOnlyIt(service.spec.selector));
    const containerPort = deployment.spec.template.spec.containers[0]?.ports?.[0];
    if (services.length !== 1 || ![containerPort?.name, containerPort?.containerPort].includes(services[0].spec.ports[0]?.targetPort)) problems.push(`${name}: one Service targeting its pods' port`);
    const hpa = ofKind<Autoscaler>('HorizontalPodAutoscaler').find((found) => found.spec.scaleTargetRef.kind === 'Deployment' && found.spec.scaleTargetRef.name === name);
    const minReplicas = hpa?.spec.minReplicas ?? 1;
    if (!hpa || !hpa.spec.metrics?.length || hpa.spec.maxReplicas < minReplicas || (production && minReplicas < 2)) problems.push(`${name}: a HorizontalPodAutoscaler (production: at least 2 replicas)`);
    const pdb = ofKind<DisruptionBudget>('PodDisruptionBudget').find((found) => selectsOnlyIt(found.spec.selector.matchLabels));
    if (!pdb || !((pdb.spec.maxUnavailable ?? 0) >= 1 || (pdb.spec.minAvailable ?? Infinity) < minReplicas)) problems.push(`${name}: a PodDisruptionBudget that still lets a node drain`);
  }
  const ingresses = ofKind<Ingress>('Ingress');
  const backends = ingresses.flatMap((ingress) => ingress.spec.rules.flatMap((rule) => rule.http.paths.map((path) => path.backend.service)));
  const gateway = ofKind<Service>('Service').find((service) => service.metadata.name === 'gateway');
  if (backends.length === 0 || !gateway || backends.some((backend) => backend.name !== 'gateway' || !(backend.port.name === gateway.spec.ports[0].name || backend.port.number === gateway.spec.ports[0].port))) {
    problems.push('Ingress: every path goes to the gateway Service, and nothing else is exposed');
  }
  for (const rule of production ? ingresses.flatMap((ingress) => ingress.spec.rules.map((found) => ({ found, ingress }))) : []) {
    if (!rule.found.host || !rule.ingress.spec.tls?.some((tls) => tls.hosts.includes(rule.found.host!))) problems.push(`Ingress: production serves a named host over TLS (${rule.found.host})`);
  }
  return problems;
}

// ——— the tests ———

describe.each([
  ['deploy/base', baseDir, false],
  ['deploy/overlays/production', productionDir, true],
])('%s', (_label, dir, production) => {
  it('has a Deployment, Service, autoscaler and disruption budget per subgraph and the gateway, each matching the code', () => {
    expect(problemsIn(build(dir), production)).toEqual([]);
  });

  it('lists every manifest in its folder in its kustomization, and nothing that is not there', () => {
    const kustomization = kustomizationOf(dir);
    const listed = [...(kustomization.resources ?? []), ...(kustomization.patches ?? []).map((patch) => patch.path)].filter((entry) => entry.endsWith('.yaml'));
    expect(readdirSync(dir).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml').sort()).toEqual([...listed].sort());
  });
});

// The checks above pass only because the manifests are right: each of these breaks one thing.
describe('the manifest checks', () => {
  // Built in each test, so a manifest kustomize could not build fails a test with its reason.
  let base: Resource[];
  let production: Resource[];
  beforeEach(() => {
    base = build(baseDir);
    production = build(productionDir);
  });
  const changed = (from: Resource[], change: (copy: Resource[]) => Resource[] | void) => {
    const copy = structuredClone(from);
    return change(copy) ?? copy;
  };
  const deployment = (all: Resource[], name: string) => all.find((resource) => resource.kind === 'Deployment' && resource.metadata.name === name) as Deployment;
  const settings = (all: Resource[]) => all.find((resource) => resource.metadata.name === 'tgc-settings') as Resource & { data: Record<string, string> };

  it('find a missing subgraph, a wrong probe or port, and a subgraph the gateway cannot find', () => {
    expect(problemsIn(changed(base, (all) => all.filter((resource) => resource.metadata.name !== 'customs')), false)).toEqual(
      expect.arrayContaining(['customs: no Deployment', 'gateway: SUBGRAPH_URL_CUSTOMS (http://customs:4007/graphql) does not name the Service of customs']),
    );
    expect(problemsIn(changed(base, (all) => void (deployment(all, 'legal').spec.template.spec.containers[0].readinessProbe = { httpGet: { path: '/health', port: 'http' } })), false)).toEqual([
      'legal: readinessProbe should GET /health/ready on 4005, has {"path":"/health","port":"http"}',
    ]);
    expect(problemsIn(changed(base, (all) => void (deployment(all, 'housing').spec.template.spec.containers[0].ports![0].containerPort = 4106)), false)).toEqual(
      expect.arrayContaining(['housing: container ports 4106, expected 4006']),
    );
    expect(problemsIn(changed(base, (all) => void delete settings(all).data.SUBGRAPH_URL_HEALTH), false)).toHaveLength(SERVICES.length + 1);
  });

  it('find a secret written into a manifest, a shared or missing database Secret, and a development production', () => {
    const literal = changed(base, (all) => void deployment(all, 'talent').spec.template.spec.containers[0].env!.push({ name: 'MONGODB_URI', value: 'mongodb://tgc:hunter2@mongo:27017' }));
    expect(problemsIn(literal, false)).toEqual(expect.arrayContaining(['talent: MONGODB_URI must come from a Secret, not a literal', 'Deployment talent: a MongoDB URI with credentials']));
    expect(problemsIn([...base, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tgc-jwt' }, stringData: { JWT_SECRET: 'x'.repeat(40) } }], false)).toEqual([
      'Secret tgc-jwt: Secrets are created outside the repository, never written in it',
    ]);
    const shared = changed(base, (all) => void (deployment(all, 'legal').spec.template.spec.containers[0].env!.find((entry) => entry.name === 'MONGODB_URI')!.valueFrom!.secretKeyRef!.name = 'tgc-mongodb-talent'));
    expect(problemsIn(shared, false)).toEqual(['legal: MONGODB_URI from tgc-mongodb-talent, expected its department\'s own Secret tgc-mongodb-legal']);
    expect(problemsIn(changed(production, (all) => void (settings(all).data.NODE_ENV = 'development')), true)).toEqual(
      expect.arrayContaining(['gateway: NODE_ENV=development, expected production', 'gateway: production must mask errors and have no development tokens']),
    );
  });

  it('find a Service, autoscaler or disruption budget that misses its Deployment, and an Ingress to anything but the gateway', () => {
    const all = changed(production, (copy) => {
      (copy.find((resource) => resource.kind === 'Service' && resource.metadata.name === 'education') as Service).spec.selector['app.kubernetes.io/name'] = 'educaton';
      (copy.find((resource) => resource.kind === 'HorizontalPodAutoscaler' && resource.metadata.name === 'health') as Autoscaler).spec.minReplicas = 1;
      (copy.find((resource) => resource.kind === 'Ingress') as Ingress).spec.rules[0].http.paths[0].backend.service.name = 'talent';
      return copy.filter((resource) => !(resource.kind === 'PodDisruptionBudget' && resource.metadata.name === 'household'));
    });
    expect(problemsIn(all, true)).toEqual(expect.arrayContaining([
      'education: one Service targeting its pods\' port',
      'health: a HorizontalPodAutoscaler (production: at least 2 replicas)',
      'household: a PodDisruptionBudget that still lets a node drain',
      'Ingress: every path goes to the gateway Service, and nothing else is exposed',
    ]));
  });

  it('read the overlay as kustomize builds it: its image, sizes, replicas, host and gateway safelist', () => {
    const gateway = deployment(production, 'gateway').spec.template.spec.containers[0];
    expect(gateway.image).toBe('registry.tgc.example.gov.cn/talent-green-channel/graph:2026.12.0');
    expect(gateway.resources).toEqual({ requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } });
    expect(gateway.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect((production.find((resource) => resource.kind === 'HorizontalPodAutoscaler' && resource.metadata.name === 'talent') as Autoscaler).spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    expect((production.find((resource) => resource.kind === 'Ingress') as Ingress).spec.rules[0].host).toBe('talent.gz.example.gov.cn');
    expect(production.find((resource) => resource.metadata.name === 'tgc-gateway-settings')).toMatchObject({ data: { PORT: '4000', PERSISTED_QUERY_SAFELIST: '/app/dist/workbench/dist/persisted-documents.json' } });
  });
});
