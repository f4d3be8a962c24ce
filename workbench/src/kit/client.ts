// The one GraphQL client: urql over the gateway's /graphql. Every operation is a persisted
// document (codegen embeds its sha256): the app sends the hash as an automatic-persisted-query
// extension, never the text, so a gateway in safelist mode runs exactly the workbench's manifest.
import { Client, fetchExchange, makeOperation, mapExchange, type Exchange } from 'urql';

interface PersistedDocument {
  __meta__?: { hash?: string };
}

const persistedHashExchange: Exchange = mapExchange({
  onOperation(operation) {
    const hash = (operation.query as PersistedDocument).__meta__?.hash;
    if (!hash) return operation;
    const persistedQuery = { version: 1 as const, sha256Hash: hash.replace(/^sha256:/, '') };
    return makeOperation(operation.kind, { ...operation, extensions: { ...operation.extensions, persistedQuery } }, operation.context);
  },
});

export function createClient(token: string | null): Client {
  return new Client({
    url: '/graphql',
    exchanges: [persistedHashExchange, fetchExchange],
    // POST only: the gateway's CSRF prevention refuses a simple GET.
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }),
  });
}
