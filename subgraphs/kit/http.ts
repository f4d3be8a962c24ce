// One small HTTP layer for the gateway and every subgraph: Apollo Server's
// executeHTTPGraphQLRequest on node:http, a JSON body limit, health (GET /health, /health/live,
// /health/ready), Prometheus metrics (GET /metrics) and, for every GraphQL request, one server
// span (continuing the caller's `traceparent`), one log line and its request metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AddressInfo, Socket } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext as ApolloBaseContext } from '@apollo/server';
import { processLogger, type Logger } from './observability/logger';
import { createServiceMetrics, type ServiceMetrics } from './observability/metrics';
import { newRequestRecord, requestLine, withRequestRecord, type RequestRecord } from './observability/requests';
import { contextFrom, currentTraceId, inSpan, SpanKind } from './observability/tracing';

export const GRAPHQL_PATH = '/graphql';
const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Room for a long token and the usual browser headers; Node's own default, said out loud. */
const DEFAULT_HEADER_LIMIT = 16 * 1024;

export interface RequestStats {
  /** GraphQL operations received since the last reset. */
  graphqlRequests: number;
  reset(): void;
}

export interface Health {
  ready: boolean;
  [detail: string]: unknown;
}

export interface ServeOptions<Ctx extends ApolloBaseContext> {
  port: number;
  host?: string;
  context(request: IncomingMessage, requestId: string): Promise<Ctx>;
  /** GET /health, as it always answered (start-up scripts and older probes read it). */
  health(): Health;
  /** GET /health/ready: ready to serve, with what was checked; `health()` when not given. */
  ready?(): Promise<Health>;
  /** Who answers: the service named in log lines and spans ("gateway", "talent", …). */
  service: string;
  /** Where request lines and errors go; the process's logger by default. */
  logger?: Logger;
  /** This server's metrics (a fresh registry when not given), answered at GET /metrics. */
  metrics?: ServiceMetrics;
  /** Answers a request before GraphQL does (e.g. the GraphiQL page); returns true if it did. */
  route?(request: IncomingMessage, response: ServerResponse): boolean | Promise<boolean>;
  bodyLimitBytes?: number;
  /** All request headers together, in bytes. */
  headerLimitBytes?: number;
}

export interface Listening {
  url: string;
  port: number;
  stats: RequestStats;
  metrics: ServiceMetrics;
  close(): Promise<void>;
}

export async function serveGraphQL<Ctx extends ApolloBaseContext>(
  apollo: ApolloServer<Ctx>,
  options: ServeOptions<Ctx>,
): Promise<Listening> {
  const stats: RequestStats = {
    graphqlRequests: 0,
    reset() {
      this.graphqlRequests = 0;
    },
  };
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const headerLimit = options.headerLimitBytes ?? DEFAULT_HEADER_LIMIT;
  const logger = options.logger ?? processLogger().child({ service: options.service });
  const metrics = options.metrics ?? createServiceMetrics();

  const server: Server = createServer({ maxHeaderSize: headerLimit }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Never a bare 500 with a stack: the caller gets a GraphQL-shaped error; the stack goes to the log.
      logger.error({ err: error, url: request.url }, `request failed: ${(error as Error)?.message}`);
      if (!response.headersSent) sendJson(response, 500, graphqlError('服务器内部错误（internal server error）', 'INTERNAL_SERVER_ERROR'));
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') {
      const health = options.health();
      return sendJson(response, health.ready ? 200 : 503, health);
    }
    if (url.pathname === '/health/live') return sendJson(response, 200, { live: true, service: options.service });
    if (url.pathname === '/health/ready') {
      const ready = options.ready ? await options.ready() : options.health();
      return sendJson(response, ready.ready ? 200 : 503, ready);
    }
    if (url.pathname === '/metrics') {
      const text = await metrics.scrape();
      response.setHeader('content-type', metrics.contentType);
      response.end(text);
      return;
    }
    if (options.route && (await options.route(request, response))) return;
    if (url.pathname !== GRAPHQL_PATH) {
      return sendJson(response, 404, graphqlError(`没有这个地址：${url.pathname}（not found; the graph is at ${GRAPHQL_PATH}）`, 'NOT_FOUND'));
    }
    const requestId = requestIdOf(request);
    const started = performance.now();
    // The server span continues the caller's trace (W3C traceparent), as HTTP instrumentation does.
    await inSpan(
      `${request.method ?? 'GET'} ${GRAPHQL_PATH}`,
      { kind: SpanKind.SERVER, parent: contextFrom(request.headers), attributes: { 'http.request.method': request.method ?? 'GET', 'url.path': url.pathname, 'service.name': options.service, 'tgc.request_id': requestId } },
      async (span) => {
        const record = newRequestRecord(requestId, currentTraceId());
        let threw = false;
        try {
          await withRequestRecord(record, () => answerGraphQL(request, response, url, requestId, record));
        } catch (error) {
          // Answered 500 by the server's handler, which logs the error with its stack.
          threw = true;
          throw error;
        } finally {
          const status = threw && !response.headersSent ? 500 : response.statusCode;
          if (threw) record.outcome = 'error';
          record.outcome ??= status < 400 ? 'ok' : 'error';
          span.setAttribute('http.response.status_code', status);
          if (record.operation) span.setAttribute('graphql.operation.name', record.operation);
          const operation = metrics.operationLabel(record.operation);
          const seconds = (performance.now() - started) / 1000;
          metrics.requests.inc({ operation, outcome: record.outcome });
          metrics.requestDuration.observe({ operation, outcome: record.outcome }, seconds);
          logger.info(...requestLine(record, seconds * 1000, status));
        }
      },
    );
  }

  async function answerGraphQL(request: IncomingMessage, response: ServerResponse, url: URL, requestId: string, record: RequestRecord): Promise<void> {
    const body = await readBody(request, bodyLimit);
    if (body.kind === 'too-large') {
      record.outcome = 'rejected';
      return sendJson(response, 413, graphqlError(`请求体过大，上限 ${bodyLimit} 字节（request body larger than ${bodyLimit} bytes）`, 'PAYLOAD_TOO_LARGE'));
    }
    let parsedBody: unknown = undefined;
    if (body.text.length > 0) {
      try {
        parsedBody = JSON.parse(body.text);
      } catch {
        record.outcome = 'rejected';
        return sendJson(response, 400, graphqlError('请求体不是合法的 JSON（request body is not valid JSON）', 'BAD_REQUEST'));
      }
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    stats.graphqlRequests += 1;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body: parsedBody },
      context: () => options.context(request, requestId),
    });
    response.statusCode = result.status ?? 200;
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.setHeader('x-request-id', requestId);
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  // Oversized headers and malformed HTTP never reach a handler: Node answers them itself, with an
  // empty body. Answered here instead, as a GraphQL error saying what was wrong.
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => answerClientError(error, socket, headerLimit));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}${GRAPHQL_PATH}`,
    port,
    stats,
    metrics,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A caller's `x-request-id` when it is a plain short token (the audit archive keeps it); otherwise a new one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestIdOf(request: IncomingMessage): string {
  const given = headerValue(request, 'x-request-id');
  return given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
}

export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

function graphqlError(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** Writes the answer to a request Node could not parse straight onto the socket, then closes it. */
function answerClientError(error: Error & { code?: string }, socket: Socket, headerLimit: number): void {
  // As Node's own handler does: while a response on this connection has begun, a status line would
  // corrupt it (`_httpMessage` is the response in flight, if any; earlier keep-alive answers are done).
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, body] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', graphqlError(`请求头过大，上限 ${headerLimit} 字节（request headers larger than ${headerLimit} bytes）`, 'REQUEST_HEADER_FIELDS_TOO_LARGE')]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', graphqlError('请求超时（request timeout）', 'REQUEST_TIMEOUT')]
        : [400, 'Bad Request', graphqlError('请求不是合法的 HTTP（malformed HTTP request）', 'BAD_REQUEST')];
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

type Body = { kind: 'ok'; text: string } | { kind: 'too-large' };

function readBody(request: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    request.on('error', reject);
  });
}
