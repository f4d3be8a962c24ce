// The gateway's own HTTP client for its subgraphs (issue 12): Node's global fetch cost 27% of the
// gateway's busy time, a new AbortSignal.timeout per call 2% and a DNS look-up of `localhost` per
// connection 2%. Here each subgraph's origin has one undici keep-alive pool, with the deadline
// (SUBGRAPH_TIMEOUT_MS) as the pool's connect, headers and body timeouts; host names are looked up
// once and remembered briefly; a response's body is read and parsed once.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { STATUS_CODES } from 'node:http';
import { Pool, type Dispatcher } from 'undici';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

/**
 * How long a looked-up address is reused for new connections. Connections are kept alive, so a
 * look-up is rare anyway; the limit lets a subgraph that moved (a container restarted) be found again.
 */
const ADDRESS_REUSE_MS = 30_000;
/** Undici's timeout errors: a department past its deadline, not one that is down. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Every address of a host, from the system resolver. */
const systemLookup = (hostname: string) =>
  new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(hostname, { all: true }, (error, found) => (error ? reject(error) : resolve(found))));

/** A `lookup` for net.connect that asks the resolver once per host and reuses the answer for a while. */
export function rememberedLookup(resolve: (hostname: string) => Promise<LookupAddress[]> = systemLookup, now: () => number = Date.now) {
  const known = new Map<string, { at: number; addresses: Promise<LookupAddress[]> }>();
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    let entry = known.get(hostname);
    if (!entry || now() - entry.at > ADDRESS_REUSE_MS) {
      const addresses = resolve(hostname);
      entry = { at: now(), addresses };
      known.set(hostname, entry);
      // A failed look-up is not remembered: the next connection asks again.
      addresses.catch(() => known.get(hostname) === entry && known.delete(hostname));
    }
    entry.addresses.then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((address) => address.family === options.family) : addresses;
        if (options.all) return callback(null, wanted);
        const first = wanted[0] ?? addresses[0];
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/**
 * What a fetch-compatible caller (RemoteGraphQLDataSource) expects of a failure: a deadline is a
 * `TimeoutError` (as AbortSignal.timeout gave), anything else on the network a `TypeError` whose
 * cause says what happened (as fetch gives). gateway/unreachable.ts names the reason from these.
 */
function asFetchFailure(error: unknown): Error {
  const code = (error as { code?: string })?.code;
  if (code && TIMEOUT_CODES.has(code)) return new DOMException(`部门服务未在时限内答复（no answer within the deadline: ${(error as Error).message}）`, 'TimeoutError');
  return new TypeError('fetch failed', { cause: error });
}

function headersOf(raw: Dispatcher.ResponseData['headers']): FetcherHeaders {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers as unknown as FetcherHeaders;
}

/** Just enough of a fetch Response for RemoteGraphQLDataSource: the body is read once, and parsed once. */
class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly ok: boolean;
  readonly statusText: string;
  private read: Promise<string> | null = null;
  private parsed: Promise<unknown> | null = null;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: FetcherHeaders,
    private readonly body: Dispatcher.ResponseData['body'],
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
  }

  get bodyUsed(): boolean {
    return this.read !== null;
  }

  text(): Promise<string> {
    this.read ??= this.body.text().catch((error: unknown) => Promise.reject(asFetchFailure(error)));
    return this.read;
  }

  json(): Promise<unknown> {
    this.parsed ??= this.text().then((text) => JSON.parse(text) as unknown);
    return this.parsed;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text(), 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return this;
  }
}

export interface SubgraphClients {
  /** The fetcher for one subgraph's URL, made once; subgraphs at the same origin share its pool. */
  fetcherFor(url: string): Fetcher;
  /** Closes every pool (the gateway is stopping); calls in flight finish first. */
  close(): Promise<void>;
}

export function createSubgraphClients(timeoutMs: number): SubgraphClients {
  const pools = new Map<string, Pool>();
  const lookup = rememberedLookup();
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      // The deadline of each phase: a slow department costs its own field, not the answer.
      pool = new Pool(origin, { connect: { timeout: timeoutMs, lookup }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      pools.set(origin, pool);
    }
    return pool;
  };
  const fetchers = new Map<string, Fetcher>();
  return {
    fetcherFor(url) {
      const known = fetchers.get(url);
      if (known) return known;
      // Parsed once: the data source always asks for the URL it was built with.
      const built = new URL(url);
      const fetcher = async (asked: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> => {
        const target = asked === url ? built : new URL(asked);
        try {
          const response = await poolFor(target.origin).request({
            path: `${target.pathname}${target.search}`,
            method: (init.method ?? 'POST') as Dispatcher.HttpMethod,
            headers: init.headers,
            body: init.body,
          });
          return new SubgraphResponse(asked, response.statusCode, headersOf(response.headers), response.body);
        } catch (error) {
          throw asFetchFailure(error);
        }
      };
      fetchers.set(url, fetcher);
      return fetcher;
    },
    async close() {
      const closing = [...pools.values()];
      pools.clear();
      await Promise.all(closing.map((pool) => pool.close()));
    },
  };
}
