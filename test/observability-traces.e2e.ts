// Traces (issue 11, Observability; 统一受理、并行办理, 004 第十条): one talent view is one trace —
// the gateway's request, a client span per subgraph fetch with the subgraph's own server span
// beneath it (W3C traceparent), the six departments' fetches side by side in time — and a
// case's hand-over to its department continues the trace of the submission that made it due.
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENT_NAMES, SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { startTracing } from '../subgraphs/kit/observability/tracing';
import { BAIYUN, itemsReach, legalItem, SUBMIT, withTestTalents } from './cases';
import { eventually, startHarness, type Harness } from './harness';
import { TALENT_VIEW } from './queries';

const exporter = new InMemorySpanExporter();
let harness: Harness;

beforeAll(async () => {
  startTracing('e2e', { exporter, env: {} });
  harness = await startHarness({ demoTalents: 3 });
  await withTestTalents(harness);
});
afterAll(() => harness?.stop());

const nanos = ([seconds, nanoseconds]: [number, number]) => seconds * 1e9 + nanoseconds;
const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
const serverSpanOf = (service: string, operation: RegExp) => (span: ReadableSpan) =>
  span.kind === SpanKind.SERVER && span.attributes['service.name'] === service && operation.test(String(span.attributes['graphql.operation.name']));

describe('traces', () => {
  it('makes one talent view one trace, a span per subgraph fetch, the departments side by side', async () => {
    const talent = await harness.subgraphs.talent.connection.models.Talent.findOne({}, { _id: 1 }).lean<{ _id: { toString(): string } }>();
    const result = await harness.query(TALENT_VIEW, { id: talent!._id.toString() });
    expect(result.errors).toBeUndefined();

    // The gateway's server span ends just after its answer is written: wait for it.
    const root = await eventually(async () => exporter.getFinishedSpans().find(serverSpanOf('gateway', /^TalentView$/)), Boolean);
    const traceId = root!.spanContext().traceId;
    expect(root!.parentSpanId).toBeUndefined();
    const inTrace = await eventually(
      async () => spansOf(traceId),
      (spans) => SUBGRAPH_NAMES.every((name) => spans.some(serverSpanOf(name, /^TalentView__/))),
    );

    // @apollo/gateway's own spans are part of it.
    expect(inTrace.filter((span) => span.name === 'gateway.request')).toHaveLength(1);
    expect(inTrace.filter((span) => span.name === 'gateway.fetch')).toHaveLength(SUBGRAPH_NAMES.length);
    const clients = inTrace.filter((span) => span.kind === SpanKind.CLIENT && span.name.startsWith('subgraph '));
    expect(clients.map((span) => span.attributes['tgc.subgraph']).sort()).toEqual([...SUBGRAPH_NAMES].sort());
    for (const name of SUBGRAPH_NAMES) {
      const client = clients.find((span) => span.attributes['tgc.subgraph'] === name)!;
      const servers = inTrace.filter(serverSpanOf(name, /^TalentView__/));
      // The subgraph continued the fetch's span: its server span is the client span's child.
      expect(servers.map((span) => span.parentSpanId), name).toEqual([client.spanContext().spanId]);
    }

    // 并行办理: every department's fetch was under way before any of them ended.
    const departments = clients.filter((span) => span.attributes['tgc.subgraph'] !== 'talent');
    expect(departments).toHaveLength(DEPARTMENT_NAMES.length);
    const lastStart = Math.max(...departments.map((span) => nanos(span.startTime)));
    const firstEnd = Math.min(...departments.map((span) => nanos(span.endTime)));
    expect(lastStart).toBeLessThan(firstEnd);
    // …and after the talent's own fetch, which they needed.
    const talentFetch = clients.find((span) => span.attributes['tgc.subgraph'] === 'talent')!;
    expect(Math.min(...departments.map((span) => nanos(span.startTime)))).toBeGreaterThanOrEqual(nanos(talentFetch.endTime));
  });

  it('hands a case\'s part to its department within the trace of the submission', async () => {
    const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, {
      input: { requestKey: 'e2e-trace-0001', talentId: BAIYUN, items: [legalItem], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] },
    });
    expect(submitted.errors).toBeUndefined();
    await itemsReach(harness, submitted.data!.submitCase.id, { LEGAL_CONSULTATION: ['DELIVERED_TO_DEPARTMENT', 'RECEIVED', 'IN_PROGRESS', 'DONE'] });

    const submission = exporter.getFinishedSpans().find(serverSpanOf('gateway', /^Submit$/))!;
    const traceId = submission.spanContext().traceId;
    const inTrace = await eventually(
      async () => spansOf(traceId),
      (spans) => spans.some((span) => span.name === 'case dispatch legal') && spans.some(serverSpanOf('legal', /^Deliver$/)),
    );
    const dispatch = inTrace.find((span) => span.name === 'case dispatch legal')!;
    expect(dispatch.attributes['tgc.case_id']).toBe(submitted.data!.submitCase.id);
    // The department's answer to the hand-over is a span of the same trace, beneath the dispatch.
    expect(inTrace.filter(serverSpanOf('legal', /^Deliver$/)).map((span) => span.parentSpanId)).toContain(dispatch.spanContext().spanId);
  });
});
