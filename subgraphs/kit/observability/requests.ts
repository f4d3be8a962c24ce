// What one GraphQL request leaves behind, written once at the HTTP boundary (kit/http.ts): a log
// line (request id, trace id, operation, role, duration, outcome and, at the gateway, the subgraphs
// it called), the request counter and latency histogram, and each unexpected error logged once with
// its stack. The Apollo plugin below fills the record in as the request runs; what the caller gets
// is left to the error masking (errors.ts, gateway/hardening.ts): stacks never go out.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin, BaseContext as ApolloBaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from './logger';
import type { RequestOutcome } from './metrics';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { tracer } from './tracing';

export interface RequestRecord {
  requestId: string;
  traceId: string | null;
  operation: string | null;
  role: string | null;
  outcome: RequestOutcome | null;
  /** The `extensions.code` of every error answered, once each. */
  errorCodes: Set<string>;
  /** Gateway: the subgraphs fetched for this request, in the order they were asked. */
  subgraphs: string[];
  /**
   * Gateway: the fetches this request did not send itself but shared with an identical one in flight
   * for the same identity (gateway/deduplicate.ts), each with the request that sent it — so the read is
   * still on record here, though the subgraph saw (and audited) it once, under the sender's request id.
   */
  sharedFetches: { subgraph: string; sentBy: string | null }[];
}

const current = new AsyncLocalStorage<RequestRecord>();

export function newRequestRecord(requestId: string, traceId: string | null): RequestRecord {
  return { requestId, traceId, operation: null, role: null, outcome: null, errorCodes: new Set(), subgraphs: [], sharedFetches: [] };
}

/** Runs a request's handling with its record reachable from everything it calls. */
export function withRequestRecord<T>(record: RequestRecord, work: () => Promise<T>): Promise<T> {
  return current.run(record, work);
}

/** The record of the request being handled here, if any. */
export function currentRequest(): RequestRecord | undefined {
  return current.getStore();
}

/** The log line of a finished request: the fields an operator filters on, and a sentence for a person. */
export function requestLine(record: RequestRecord, durationMs: number, status: number): [Record<string, unknown>, string] {
  const fields: Record<string, unknown> = {
    requestId: record.requestId,
    traceId: record.traceId,
    operation: record.operation,
    role: record.role,
    durationMs: Math.round(durationMs * 10) / 10,
    outcome: record.outcome,
    status,
  };
  if (record.errorCodes.size > 0) fields.errorCodes = [...record.errorCodes];
  if (record.subgraphs.length > 0) fields.subgraphs = record.subgraphs;
  if (record.sharedFetches.length > 0) fields.sharedFetches = record.sharedFetches;
  return [fields, `${record.operation ?? '(no operation)'} ${record.outcome} in ${fields.durationMs} ms`];
}

/**
 * An error nobody meant to answer: thrown by code (a bug, a driver failure), not a GraphQLError
 * made on purpose for the caller (BAD_USER_INPUT, FORBIDDEN, a department's refusal).
 */
function isUnexpected(error: GraphQLError): boolean {
  const original = error.originalError;
  return original !== undefined && original !== null && !(original instanceof GraphQLError);
}

function outcomeOf(requestContext: GraphQLRequestContextWillSendResponse<ApolloBaseContext>): RequestOutcome {
  const body = requestContext.response.body;
  if (body.kind !== 'single') return 'ok';
  const { errors, data } = body.singleResult;
  if (!errors || errors.length === 0) return 'ok';
  return data === null || data === undefined ? 'error' : 'partial';
}

function endPhase(span: Span, error?: Error | readonly Error[]): void {
  const first = Array.isArray(error) ? error[0] : error;
  if (first) span.setStatus({ code: SpanStatusCode.ERROR, message: (first as Error).message });
  span.end();
}

/** Fills the request record in and logs unexpected errors once, with their stack. */
export function observabilityPlugin<Ctx extends ApolloBaseContext & { viewer?: { role: string } | null }>(logger: Logger): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart({ contextValue, request }) {
      const record = currentRequest();
      if (record) {
        record.role = contextValue.viewer?.role ?? 'anonymous';
        record.operation = request.operationName ?? null;
      }
      // The phases of a GraphQL request as spans beside the server span (what GraphQL instrumentation records).
      const phase = (name: string) => {
        const span = tracer().startSpan(name);
        return async (error?: Error | readonly Error[]) => endPhase(span, error);
      };
      return {
        async parsingDidStart() {
          return phase('graphql.parse');
        },
        async validationDidStart() {
          return phase('graphql.validate');
        },
        async executionDidStart() {
          const done = phase('graphql.execute');
          return { executionDidEnd: done };
        },
        async didResolveOperation({ operationName, operation }) {
          if (!record) return;
          record.operation = operationName ?? (operation ? 'anonymous' : null);
          const span = trace.getActiveSpan();
          if (record.operation) span?.setAttribute('graphql.operation.name', record.operation);
          if (operation) span?.setAttribute('graphql.operation.type', operation.operation);
        },
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            record?.errorCodes.add(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
            if (isUnexpected(error)) {
              logger.error(
                { requestId: record?.requestId, traceId: record?.traceId, operation: operationName ?? record?.operation ?? null, path: error.path, err: error.originalError },
                `unexpected error: ${error.originalError!.message}`,
              );
            }
          }
        },
        async willSendResponse(requestContext) {
          if (record) record.outcome = outcomeOf(requestContext as GraphQLRequestContextWillSendResponse<ApolloBaseContext>);
        },
      };
    },
  };
}
