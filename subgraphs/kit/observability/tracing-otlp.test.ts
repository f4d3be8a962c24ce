// Traces leave the process only when asked (issue 11): with OTEL_EXPORTER_OTLP_ENDPOINT set they
// are sent over OTLP/HTTP to `<endpoint>/v1/traces`, named for the service; without it there is
// no address to send them to.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otlpTracesUrl, startTracing, stopTracing, tracer } from './tracing';

const received: { url: string; body: string }[] = [];
let collector: Server;

beforeAll(async () => {
  collector = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      response.setHeader('content-type', 'application/json');
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

describe('OTLP export', () => {
  it('has nowhere to send spans unless an endpoint is set', () => {
    expect(otlpTracesUrl({})).toBeNull();
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBeNull();
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://other:4318/traces' })).toBe('http://other:4318/traces');
  });

  it('sends spans to the collector at OTEL_EXPORTER_OTLP_ENDPOINT, named for the service', async () => {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const provider = startTracing('otlp-unit-service', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
    tracer().startSpan('exported span').end();
    await provider.forceFlush();
    await stopTracing();
    expect(received.map((request) => request.url)).toEqual(['/v1/traces']);
    expect(received[0].body).toContain('exported span');
    expect(received[0].body).toContain('otlp-unit-service');
  });
});
