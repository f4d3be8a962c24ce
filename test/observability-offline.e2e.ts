// Nothing phones home (issue 11): on a government intranet the graph must reach nothing but its
// own subgraphs and MongoDB. Every socket this process opens is recorded while the whole stack
// (the harness: every subgraph and the gateway) starts, answers a talent view, hands its audit
// events over and is probed for readiness; any address other than a subgraph's port or MongoDB's
// fails the test — Apollo's usage reporting, schema reporting and the gateway's anonymous
// telemetry (with its cloud-metadata probes) included.
import dns from 'node:dns';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { eventually, startHarness, type Harness } from './harness';
import { TALENT_VIEW } from './queries';

interface Connection {
  host: string;
  port: number | null;
}
const connections: Connection[] = [];
const lookups: string[] = [];

// Installed before anything starts: every TCP (and TLS) socket goes through Socket#connect.
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function recordedConnect(this: net.Socket, ...args: unknown[]) {
  const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number | string; path?: string };
    if (!options.path) connections.push({ host: options.host ?? 'localhost', port: options.port === undefined ? null : Number(options.port) });
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    connections.push({ host: typeof second === 'string' ? second : 'localhost', port: Number(first) });
  }
  return (connect as (...rest: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
const lookup = dns.lookup;
dns.lookup = function recordedLookup(hostname: string, ...rest: unknown[]) {
  lookups.push(hostname);
  return (lookup as (...all: unknown[]) => void).call(dns, hostname, ...rest);
} as typeof dns.lookup;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LISTENING = new Set(['0.0.0.0', '::']);
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 3 });
});
afterAll(async () => {
  await harness?.stop();
  net.Socket.prototype.connect = connect;
  dns.lookup = lookup;
});

describe('nothing phones home', () => {
  it('connects to nothing but the subgraphs and MongoDB', async () => {
    const talent = await harness.subgraphs.talent.connection.models.Talent.findOne({}, { _id: 1 }).lean<{ _id: { toString(): string } }>();
    const result = await harness.query(TALENT_VIEW, { id: talent!._id.toString() });
    expect(result.errors).toBeUndefined();
    // The departments' audit events reach the window's archive (a connection between subgraphs).
    const outbox = harness.subgraphs.legal.connection.models.Outbox_audit_outbox;
    await eventually(() => outbox.countDocuments({ status: { $ne: 'DELIVERED' } }), (left) => left === 0);
    expect((await fetch(harness.gatewayUrl.replace('/graphql', '/health/ready'))).status).toBe(200);

    const mongo = new URL(inject('mongoUri').replace(/^mongodb(\+srv)?:/, 'http:'));
    const allowed = new Set([
      ...SUBGRAPH_NAMES.map((name) => harness.subgraphs[name].port),
      new URL(harness.gatewayUrl).port ? Number(new URL(harness.gatewayUrl).port) : 80,
      Number(mongo.port || 27017),
    ]);
    const mongoHost = mongo.hostname.replace(/^\[|\]$/g, '');
    // The recording works: it saw the stack talk to itself.
    expect(connections.some((connection) => connection.port === harness.subgraphs.talent.port)).toBe(true);
    const elsewhere = connections.filter((connection) => !((LOOPBACK.has(connection.host) || connection.host === mongoHost) && connection.port !== null && allowed.has(connection.port)));
    expect(elsewhere).toEqual([]);
    // Names looked up: loopback, MongoDB's host, and the address each server listens on (listen resolves it too).
    expect(lookups.filter((hostname) => !LOOPBACK.has(hostname) && !LISTENING.has(hostname) && hostname !== mongoHost)).toEqual([]);
  });
});
