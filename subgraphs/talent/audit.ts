// The one audit archive (统一建档 of access, issue 4): every subgraph's audit records end here —
// the window's own directly, the departments' through their audit outboxes (kit/audit.ts), in
// batches. A record is one request in one subgraph, listing each talent and field it read (issue
// 12), found by any of its talents through a multikey index. It is append-only: a record is stored
// once under its id and never changed; the graph offers no way to edit or delete one. Coordinators
// (人才办) read it with `auditEvents`.
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { Schema, type Connection, type Model, type QueryFilter } from 'mongoose';
import { AUDIT_OUTCOMES, auditBatches, MAX_AUDIT_BATCH, MAX_READS_PER_RECORD, MAX_REQUESTS_PER_RECORD, type AuditEvent, type AuditOutcome, type AuditRead, type AuditSink } from '../kit/audit';
import type { Viewer } from '../kit/context';
import { SUBGRAPH_NAMES } from '../kit/departments';
import { badUserInput } from '../kit/errors';
import { inputFormat } from '../kit/input-format';
import { isObjectIdString, parseObjectId } from '../kit/ids';
import { groupCommit } from '../kit/loader';
import { modelOn } from '../kit/mongo';
import type { Resolvers } from '../kit/subgraph';
import type { TalentContext } from './resolvers';
import { checkPageSize, decodeCursor, encodeCursor } from '../kit/pagination';

export interface AuditEventDoc extends Omit<AuditEvent, 'id' | 'at'> {
  _id: string;
  at: Date;
  /** Records stored before issue 12 held one talent's read each, with these instead of `reads`. */
  talentId?: string | null;
  operation?: string;
  fields?: string[];
}

/** A record as a sender hands it over: `reads`, or (a sender from before issue 12) one talent's read. */
export type AuditEventInput = Omit<AuditEvent, 'reads'> & { reads?: AuditRead[] | null; talentId?: string | null; operation?: string | null; fields?: string[] | null };

/** The longest request id, subject and operation a record holds; a longer one is refused, never cut. */
const MAX_REQUEST_ID = 100;
const MAX_SUBJECT = 200;
const MAX_OPERATION = 200;

function checkLength(value: string, max: number, field: string): void {
  if (value.length > max) throw badUserInput(field, `不能超过 ${max} 个字`, `at most ${max} characters`, inputFormat('INPUT_TOO_LONG'));
}

const AUDIT_KINDS = ['READ', 'MUTATION'] as const;

function checkChoice(value: string, allowed: readonly string[], field: string, [zh, en] = ['取值', 'value']): void {
  if (!allowed.includes(value)) throw badUserInput(field, `未知${zh}：${value}`, `unknown ${en}; expected one of ${allowed.join(', ')}`, inputFormat('INPUT_CHOICE'));
}

const ROLES: string[] = ['coordinator', 'specialist', 'department_staff', 'talent', 'analyst', 'service'];

const auditEventSchema = new Schema<AuditEventDoc>(
  {
    _id: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    at: { type: Date, required: true },
    requestId: { type: String, required: true, maxlength: MAX_REQUEST_ID },
    requestIds: { type: [{ type: String, maxlength: MAX_REQUEST_ID }], default: undefined },
    subject: { type: String, required: true, maxlength: MAX_SUBJECT },
    role: { type: String, required: true, enum: ROLES },
    department: { type: String, default: null },
    kind: { type: String, required: true, enum: AUDIT_KINDS },
    outcome: { type: String, required: true, enum: AUDIT_OUTCOMES },
    reads: {
      type: [
        new Schema<AuditRead>(
          {
            talentId: { type: String, default: null },
            operation: { type: String, required: true, maxlength: MAX_OPERATION },
            fields: { type: [String], default: [] },
            outcome: { type: String, required: true, enum: AUDIT_OUTCOMES },
          },
          { _id: false },
        ),
      ],
      default: undefined,
    },
    source: { type: String, required: true },
  },
  // strict: false keeps the fields of records stored before issue 12 readable as they are.
  { collection: 'audit_events', versionKey: false, strict: false },
);
// Every way the archive is read has an index: newest first, by talent (multikey: any talent a
// record lists; the second one for records from before issue 12), by who, by request (any request
// a shared answer's record lists, too).
auditEventSchema.index({ at: -1, _id: -1 });
auditEventSchema.index({ 'reads.talentId': 1, at: -1 });
auditEventSchema.index({ talentId: 1, at: -1 });
auditEventSchema.index({ subject: 1, at: -1 });
auditEventSchema.index({ requestId: 1 });
auditEventSchema.index({ requestIds: 1 });

export function registerAuditModel(connection: Connection): Model<AuditEventDoc> {
  return modelOn<AuditEventDoc>(connection, 'AuditEvent', auditEventSchema);
}

const DUPLICATE_KEY = 11000;


/** A record's reads, from either shape a sender hands over. */
function readsOf(event: AuditEventInput): AuditRead[] {
  if (event.reads) return event.reads;
  return event.operation ? [{ talentId: event.talentId ?? null, operation: event.operation, fields: event.fields ?? [], outcome: event.outcome }] : [];
}

/**
 * Stores each record once under its id, with the records of the other calls of the same tick (the
 * archive's group commit, archiveWriter): an outbox's retry, or a forged resend, never changes a
 * stored record. Answers how many were new.
 */
export async function storeAuditEvents(model: Model<AuditEventDoc>, events: AuditEventInput[]): Promise<number> {
  if (events.length > MAX_AUDIT_BATCH) throw badUserInput('events', `一次最多 ${MAX_AUDIT_BATCH} 条`, `at most ${MAX_AUDIT_BATCH} records per call`, inputFormat('INPUT_LIST_SIZE'));
  const documents = events.map((event, index) => {
    if (!isObjectIdString(event.id)) throw badUserInput(`events.${index}.id`, '审计事件编号须为 24 位十六进制', 'event id must be 24 hex digits', inputFormat('INPUT_MALFORMED_ID'));
    checkChoice(event.role, ROLES, `events.${index}.role`, ['角色', 'role']);
    // GraphQL's enums hold these for a call; the window's own records come from kit/audit.ts.
    checkChoice(event.kind, AUDIT_KINDS, `events.${index}.kind`);
    checkChoice(event.outcome, AUDIT_OUTCOMES, `events.${index}.outcome`);
    checkChoice(event.source, SUBGRAPH_NAMES, `events.${index}.source`);
    checkLength(event.requestId, MAX_REQUEST_ID, `events.${index}.requestId`);
    checkLength(event.subject, MAX_SUBJECT, `events.${index}.subject`);
    if (event.requestIds != null) {
      const { requestId, requestIds } = event;
      if (requestIds.length === 0 || requestIds.length > MAX_REQUESTS_PER_RECORD || !requestIds.includes(requestId)) {
        throw badUserInput(`events.${index}.requestIds`, `所涉请求须为 1 至 ${MAX_REQUESTS_PER_RECORD} 个，且含 requestId`, `requestIds lists 1 to ${MAX_REQUESTS_PER_RECORD} requests, requestId among them`, inputFormat('INPUT_LIST_SIZE'));
      }
      requestIds.forEach((one, at) => checkLength(one, MAX_REQUEST_ID, `events.${index}.requestIds.${at}`));
    }
    const reads = readsOf(event);
    if (reads.length === 0 || reads.length > MAX_READS_PER_RECORD) {
      throw badUserInput(`events.${index}.reads`, `每条审计记录须列出 1 至 ${MAX_READS_PER_RECORD} 项读取`, `a record lists 1 to ${MAX_READS_PER_RECORD} reads`, inputFormat('INPUT_LIST_SIZE'));
    }
    reads.forEach((read, at) => {
      checkLength(read.operation, MAX_OPERATION, event.reads ? `events.${index}.reads.${at}.operation` : `events.${index}.operation`);
      checkChoice(read.outcome, AUDIT_OUTCOMES, event.reads ? `events.${index}.reads.${at}.outcome` : `events.${index}.outcome`);
      if (read.talentId != null && !isObjectIdString(read.talentId)) {
        throw badUserInput(event.reads ? `events.${index}.reads.${at}.talentId` : `events.${index}.talentId`, '人才编号格式不正确', 'talentId must be 24 hex digits', inputFormat('INPUT_MALFORMED_ID'));
      }
    });
    // Field by field, as the schema lists them: the insert is lean (insertOnce), so nothing else gets in.
    const document: ArchiveDocument = {
      _id: event.id.toLowerCase(),
      at: new Date(event.at),
      requestId: event.requestId,
      ...(event.requestIds ? { requestIds: event.requestIds } : {}),
      subject: event.subject,
      role: event.role,
      department: event.department ?? null,
      kind: event.kind,
      outcome: event.outcome,
      reads: reads.map((read) => ({ talentId: read.talentId?.toLowerCase() ?? null, operation: read.operation, fields: read.fields ?? [], outcome: read.outcome })),
      source: event.source,
    };
    return document;
  });
  if (documents.length === 0) return 0;
  const stored = await archiveWriter(model).loadMany(documents);
  const failed = stored.find((one): one is Error => one instanceof Error);
  if (failed) throw failed;
  return stored.filter((one) => one === true).length;
}

type ArchiveDocument = Record<string, unknown> & { _id: string };

/**
 * The archive's group commit (kit/loader.ts groupCommit): records to store — the window's own
 * answers, the departments' hand-overs, the gateway's shared reads — wait while an insert is in
 * flight and then go together in the next one, at most MAX_AUDIT_BATCH each. Each call still waits
 * for its own records to be stored before it answers.
 */
const writers = new WeakMap<Model<AuditEventDoc>, DataLoader<ArchiveDocument, boolean>>();
function archiveWriter(model: Model<AuditEventDoc>): DataLoader<ArchiveDocument, boolean> {
  let writer = writers.get(model);
  if (!writer) {
    writer = groupCommit<ArchiveDocument, boolean>((documents) => insertOnce(model, [...documents]), MAX_AUDIT_BATCH);
    writers.set(model, writer);
  }
  return writer;
}

/**
 * Inserts only (the archive's database user needs no update right): an id already stored is a retry
 * or a resend, refused by the _id index and left as it was (false). A batch that meets one is
 * inserted again one by one, since engines differ in what an unordered batch does after an error.
 * Lean: storeAuditEvents has checked every record as the schema would, and mongoose's own casting
 * and validation of each one was 14 % of the window's CPU under load (an unordered insertMany also
 * skipped a record it found invalid without a word; the checks there refuse it with BAD_USER_INPUT).
 */
async function insertOnce(model: Model<AuditEventDoc>, documents: ArchiveDocument[]): Promise<(boolean | Error)[]> {
  try {
    await model.insertMany(documents, { ordered: false, lean: true });
    return documents.map(() => true);
  } catch (error) {
    if (!isDuplicateKey(error)) return documents.map(() => error as Error);
  }
  const stored: (boolean | Error)[] = [];
  for (const document of documents) {
    try {
      await model.insertMany([document], { lean: true });
      stored.push(true);
    } catch (error) {
      stored.push(isDuplicateKey(error) ? false : (error as Error));
    }
  }
  return stored;
}

function isDuplicateKey(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: number; writeErrors?: { code?: number }[] };
  return code === DUPLICATE_KEY && (writeErrors ?? []).every((write) => write.code === undefined || write.code === DUPLICATE_KEY);
}

/** The window's own sink: straight into the archive, before its answer leaves. */
export function auditArchive(model: Model<AuditEventDoc>): AuditSink {
  return {
    record: async (events) => {
      for (const batch of auditBatches(events)) await storeAuditEvents(model, batch);
    },
  };
}

/** A stored record's reads, a record from before issue 12 read as its one read. */
function storedReads(event: AuditEventDoc): AuditRead[] {
  return event.reads ?? [{ talentId: event.talentId ?? null, operation: event.operation ?? '', fields: event.fields ?? [], outcome: event.outcome }];
}

/** Every talent a record touched, once each, in order. */
function talentsOf(event: AuditEventDoc): string[] {
  return [...new Set(storedReads(event).flatMap((read) => (read.talentId ? [read.talentId] : [])))];
}

/** The record's talent when it touched exactly one. */
function onlyTalentOf(event: AuditEventDoc): string | null {
  const talents = talentsOf(event);
  return talents.length === 1 ? talents[0] : null;
}

export interface AuditEventFilter {
  talentId?: string | null;
  subject?: string | null;
  role?: string | null;
  kind?: string | null;
  outcome?: string | null;
  requestId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export function mayReadAudit(viewer: Viewer | null): boolean {
  return viewer?.role === 'coordinator' || viewer?.role === 'service';
}

function encodeAuditCursor(event: Pick<AuditEventDoc, '_id' | 'at'>): string {
  return encodeCursor(`${event.at.toISOString()}|${event._id}`);
}

function decodeAuditCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = decodeCursor(cursor).split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !id || !isObjectIdString(id)) throw badUserInput('after', '分页游标无效', 'invalid cursor: pass an endCursor from a previous page', inputFormat('INPUT_CURSOR'));
  return { at: date, id };
}

function auditQuery(filter: AuditEventFilter | null | undefined): QueryFilter<AuditEventDoc> {
  const conditions: QueryFilter<AuditEventDoc>[] = [];
  if (filter?.talentId) {
    const talentId = parseObjectId(filter.talentId, 'filter.talentId').toString();
    conditions.push({ $or: [{ 'reads.talentId': talentId }, { talentId }] });
  }
  if (filter?.subject) conditions.push({ subject: filter.subject });
  if (filter?.role) conditions.push({ role: filter.role.toLowerCase() as AuditEventDoc['role'] });
  if (filter?.kind) conditions.push({ kind: filter.kind as AuditEventDoc['kind'] });
  // A record matches an outcome any of its reads had (a page read with one refusal is also OK reads).
  if (filter?.outcome) conditions.push({ $or: [{ outcome: filter.outcome as AuditOutcome }, { 'reads.outcome': filter.outcome as AuditOutcome }] });
  if (filter?.requestId) conditions.push({ $or: [{ requestId: filter.requestId }, { requestIds: filter.requestId }] });
  if (filter?.from && filter?.to && filter.from > filter.to) throw badUserInput('filter.from', '起始时间晚于截止时间', 'from is after to', inputFormat('INPUT_DATE_RANGE'));
  if (filter?.from) conditions.push({ at: { $gte: filter.from } });
  if (filter?.to) conditions.push({ at: { $lte: filter.to } });
  return conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : { $and: conditions };
}

/** Newest first; coordinators only (FORBIDDEN, a null answer, for anyone else). */
export async function listAuditEvents(model: Model<AuditEventDoc>, viewer: Viewer | null, args: { first: number; after?: string | null; filter?: AuditEventFilter | null }) {
  if (!mayReadAudit(viewer)) {
    throw new GraphQLError('访问审计仅供人才办查看（only coordinators read the audit archive）', { extensions: { code: 'FORBIDDEN', role: viewer?.role ?? null } });
  }
  const first = checkPageSize(args.first);
  const filter = auditQuery(args.filter);
  const after = args.after ? decodeAuditCursor(args.after) : null;
  const page = after ? { $and: [filter, { $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }] }] } : filter;
  const [rows, totalCount] = await Promise.all([
    first === 0 ? [] : model.find(page).sort({ at: -1, _id: -1 }).limit(first + 1).lean<AuditEventDoc[]>(),
    model.countDocuments(filter),
  ]);
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeAuditCursor(node), node }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

export const auditResolvers: Resolvers<TalentContext> = {
  Query: {
    auditEvents: (_: unknown, args: { first: number; after?: string | null; filter?: AuditEventFilter | null }, context: TalentContext) =>
      listAuditEvents(context.audits, context.viewer, args),
  },
  Mutation: {
    recordAuditEvents: (_: unknown, args: { events: (Omit<AuditEventInput, 'at'> & { at: Date })[] }, context: TalentContext) =>
      storeAuditEvents(context.audits, args.events.map((event) => ({ ...event, at: event.at.toISOString() }))),
  },
  AuditEvent: {
    id: (event: AuditEventDoc) => event._id,
    role: (event: AuditEventDoc) => event.role.toUpperCase(),
    department: (event: AuditEventDoc) => event.department?.toUpperCase() ?? null,
    requestIds: (event: AuditEventDoc) => event.requestIds ?? [event.requestId],
    reads: (event: AuditEventDoc) => storedReads(event),
    talentIds: (event: AuditEventDoc) => talentsOf(event),
    talentId: (event: AuditEventDoc) => onlyTalentOf(event),
    talent: (event: AuditEventDoc, _: unknown, context: TalentContext) => {
      const talentId = onlyTalentOf(event);
      return talentId ? context.loaders.talentById.load(talentId) : null;
    },
    operation: (event: AuditEventDoc) => [...new Set(storedReads(event).map((read) => read.operation))].join(', '),
    fields: (event: AuditEventDoc) => [...new Set(storedReads(event).flatMap((read) => read.fields))].sort(),
  },
  AuditRead: {
    talent: (read: AuditRead, _: unknown, context: TalentContext) => (read.talentId ? context.loaders.talentById.load(read.talentId) : null),
  },
};
