// What every comparison target reads from the benchmark that spawned it, and how it stops.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { exitWithParent } from '../../subgraphs/kit/run';
import { readIdentityConfig } from '../../subgraphs/kit/identity';
import { createServiceTokens, type ServiceTokens } from '../../subgraphs/kit/service-token';
import type { SubgraphName } from '../../subgraphs/kit/departments';

export interface TargetEnv {
  port: number;
  subgraphUrls: Record<SubgraphName, string>;
  supergraphSdl: string;
  supergraphPath: string;
  /** A service token for the gateway header (GATEWAY_TOKEN_HEADER): without it a subgraph re-reads @requires fields from their owner. */
  serviceToken: ServiceTokens;
}

export function readTargetEnv(name: string): TargetEnv {
  const env = process.env;
  const supergraphPath = env.SUPERGRAPH_PATH!;
  return {
    port: Number(env.PORT),
    subgraphUrls: JSON.parse(env.BENCH_SUBGRAPH_URLS!) as Record<SubgraphName, string>,
    supergraphPath,
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    serviceToken: createServiceTokens(readIdentityConfig(env), `bench-${name}`, env),
  };
}

/** Stops on SIGTERM (the benchmark's end, which also makes `node --cpu-prof` write its profile) or when the benchmark is gone. */
export function stopOnSignal(server: Server, cleanup: () => Promise<void> = async () => {}): void {
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void cleanup().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  exitWithParent(stop);
}

/** The body of an HTTP request, as text. */
export async function readBody(request: import('node:http').IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
