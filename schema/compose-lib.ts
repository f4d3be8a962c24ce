// Composition as a build step (STYLE.md): every subgraph's SDL file → one supergraph.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '../subgraphs/kit/departments';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));

export function subgraphSdlPath(name: string): string {
  return fileURLToPath(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url));
}

export type CompositionResult = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/**
 * The routing URL in the supergraph is where `npm start` runs each subgraph; other
 * deployments (docker compose, tests) point the gateway elsewhere with SUBGRAPH_URL_<NAME>.
 */
export function composeSupergraph(): CompositionResult {
  const services = SUBGRAPH_NAMES.map((name) => {
    const path = subgraphSdlPath(name);
    return { name, url: `http://localhost:${DEFAULT_PORTS[name]}/graphql`, typeDefs: parse(readFileSync(path, 'utf8')) };
  });
  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`) };
  }
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`) };
}
