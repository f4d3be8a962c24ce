// OpenTelemetry tracing, one tracer provider per process: spans at the boundaries (an HTTP request
// received, a subgraph fetched, an outbox message handed over, a case part dispatched), W3C
// `traceparent` into every outgoing call and out of every incoming one, so one request — or one
// case's hand-overs — reads as one trace across the gateway and every subgraph. @apollo/gateway's
// own spans (gateway.request, gateway.plan, gateway.fetch …) join it through the global provider.
// Exported over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise spans only give
// the logs their trace id and go nowhere.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, SamplingDecision, SimpleSpanProcessor, type Sampler, type SamplingResult, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Env } from '../config';

export { SpanKind, SpanStatusCode };

/** Where OTLP spans go, when anywhere: `<endpoint>/v1/traces`, or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given. */
export function otlpTracesUrl(env: Env): string | null {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}

let provider: NodeTracerProvider | null = null;
/** Whether any span processor takes this process's spans (an OTLP exporter, a test's exporter). */
let exporting = false;

/**
 * Spans are recorded only while something takes them; otherwise each is a trace and span id alone
 * (NOT_RECORD): the logs still carry the trace id and every call its `traceparent`, without the
 * attributes, events and timings nobody reads (4 % of the gateway's CPU under load, issue 12).
 * While exporting, the SDK's default: a caller's sampling decision is followed — so the processes
 * export all or none, or a trace stops at the first one that does not.
 */
class RecordWhileExporting implements Sampler {
  private readonly exported = new ParentBasedSampler({ root: new AlwaysOnSampler() });
  shouldSample(...args: Parameters<Sampler['shouldSample']>): SamplingResult {
    return exporting ? this.exported.shouldSample(...args) : { decision: SamplingDecision.NOT_RECORD };
  }
  toString(): string {
    return 'RecordWhileExporting';
  }
}

/**
 * Starts this process's tracing once (later calls only add `exporter`): `service` names the
 * process in every span it exports. A test passes an in-memory exporter.
 */
export function startTracing(service: string, options: { env?: Env; exporter?: SpanExporter } = {}): NodeTracerProvider {
  const extra: SpanProcessor[] = options.exporter ? [new SimpleSpanProcessor(options.exporter)] : [];
  if (provider) {
    for (const processor of extra) provider.addSpanProcessor(processor);
    exporting ||= extra.length > 0;
    return provider;
  }
  const url = otlpTracesUrl(options.env ?? process.env);
  const processors = [...(url ? [new BatchSpanProcessor(new OTLPTraceExporter({ url }))] : []), ...extra];
  exporting = processors.length > 0;
  provider = new NodeTracerProvider({ resource: new Resource({ 'service.name': service }), spanProcessors: processors, sampler: new RecordWhileExporting() });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return provider;
}

/** Sends what is still buffered and stops (a process about to exit). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = null;
  exporting = false;
}

export const tracer = () => trace.getTracer('talent-green-channel');

/** The trace id of the active span, or null when nothing is traced. */
export function currentTraceId(): string | null {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : null;
}

/** The active trace context as W3C headers (`traceparent`, `tracestate`): for an outgoing call, or to store with a message. */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** The trace context a caller sent (or a message stored), to continue. */
export function contextFrom(carrier: Record<string, string | string[] | undefined> | null | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/**
 * Runs `work` in a new active span, child of `parent` (the active context by default), and ends
 * it with the outcome: an exception thrown is recorded on the span and thrown on.
 */
export async function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, options.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Runs `work` outside whatever trace is active (a background round is not part of the request that kicked it). */
export function untraced<T>(work: () => T): T {
  return context.with(ROOT_CONTEXT, work);
}
