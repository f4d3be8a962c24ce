// npm start listens on fixed ports; one another process already holds would otherwise be "healthy"
// (that process answers the health check), so each is tried first and a taken one stops the start,
// naming the port and the setting that moves it.
import { createServer, type AddressInfo, type Server } from 'node:net';

export interface WantedPort {
  port: number;
  /** Who wants it, e.g. `gateway` or `household`. */
  name: string;
  /** The setting that moves it, e.g. `PORT` or `PORT_HOUSEHOLD`. */
  setting: string;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error)));
    // The same address the servers bind (every interface), so a holder on any of them is found.
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Says what to do, not where in the code: npm start prints it without a stack trace. */
export class PortsNotAvailable extends Error {}

/** Throws one error listing every wanted port that is taken, or that two services want at once. */
export async function assertPortsFree(wanted: WantedPort[]): Promise<void> {
  const problems: string[] = [];
  const seen = new Map<number, WantedPort>();
  for (const entry of wanted) {
    const earlier = seen.get(entry.port);
    if (earlier) problems.push(`port ${entry.port} is set for both ${earlier.name} (${earlier.setting}) and ${entry.name} (${entry.setting})`);
    seen.set(entry.port, entry);
  }
  for (const entry of wanted) {
    if (!(await isFree(entry.port))) problems.push(`port ${entry.port} (${entry.name}) is in use by another process: stop it, or set ${entry.setting} to another port`);
  }
  if (problems.length > 0) throw new PortsNotAvailable(`端口被占用 Ports not available:\n  ${problems.join('\n  ')}`);
}

/** Ports nothing listens on now, distinct (all held at once while asked for): tests and the benchmark start servers on them. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}
