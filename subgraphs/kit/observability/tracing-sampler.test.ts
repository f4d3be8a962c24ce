// Spans are recorded only while something exports them (issue 12): without an exporter a span is a
// trace id for the logs and a `traceparent` for the next call, nothing more; once an exporter is
// added, spans are recorded and exported as before.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { currentTraceId, inSpan, startTracing, stopTracing, traceHeaders } from './tracing';

afterAll(() => stopTracing());

describe('tracing without an exporter', () => {
  it('records nothing, yet gives the logs a trace id and the next call a traceparent', async () => {
    startTracing('unit', { env: {} });
    await inSpan('unexported', {}, async (span) => {
      expect(span.isRecording()).toBe(false);
      const traceId = currentTraceId();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      // version-traceid-spanid-flags: the same trace, marked as not recorded.
      expect(traceHeaders().traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
    });
  });

  it('records and exports spans once an exporter is added', async () => {
    const spans = new InMemorySpanExporter();
    startTracing('unit', { exporter: spans, env: {} });
    await inSpan('exported', { attributes: { 'tgc.test': 1 } }, async (span) => {
      expect(span.isRecording()).toBe(true);
      expect(traceHeaders().traceparent).toMatch(/-01$/);
    });
    expect(spans.getFinishedSpans().map((span) => [span.name, span.attributes['tgc.test']])).toEqual([['exported', 1]]);
  });
});
