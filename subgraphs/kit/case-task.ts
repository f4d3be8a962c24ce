// A department's side of a case (DESIGN.md "The flow of a case", steps 3–4): the window delivers
// the department its part (CaseTaskDelivery) through the department's own subgraph mutation; the
// department keeps one task per (case, item) — a retried delivery finds it and changes nothing —
// applies its rules, and reports every change of the task back to the window through its own
// outbox, so a window that is down delays the report, never loses it.
import { Schema, type ClientSession, type Connection, type Model, type Types } from 'mongoose';
import type { ServiceCode } from './case-forms';
import type { DepartmentName } from './departments';
import { badUserInput } from './errors';
import { serviceCall } from './graphql-client';
import { isObjectIdString } from './ids';
import { modelOn, serialized } from './mongo';
import { createOutbox, type Outbox } from './outbox';
import type { Program } from './programs';
import type { SubgraphEnvironment } from './subgraph';
import { manyByKey } from './loader';
import { problemsError, type Problem } from './problems';

/** RECEIVED → IN_PROGRESS → DONE; or REFUSED (the department cannot do it, with its reason); or CANCELLED (at the talent's request). */
export type CaseTaskStatus = 'RECEIVED' | 'IN_PROGRESS' | 'DONE' | 'REFUSED' | 'CANCELLED';

/** What the window sends a department for one item of a case (GraphQL input CaseTaskInput). */
export interface CaseTaskDelivery {
  caseId: string;
  talentId: string;
  program: Program;
  item: ServiceCode;
  /** The item's form (kit/case-forms.ts), as JSON text. */
  form: string;
  acceptedAt: Date;
  /** Last day of the item's time limit, in working days from acceptance. */
  dueOn: string;
}

/**
 * A delivery the department's desk can take: ids in shape and an item of this department, every
 * problem at once. The ids come back in lower case, as tasks store them.
 */
export function checkDelivery(delivery: CaseTaskDelivery, items: readonly ServiceCode[], office: { zh: string; en: string }): CaseTaskDelivery {
  const problems: Problem[] = [];
  if (!isObjectIdString(delivery.caseId)) problems.push({ field: 'input.caseId', zh: '办件编号格式不正确', en: 'caseId must be 24 hex digits' });
  if (!isObjectIdString(delivery.talentId)) problems.push({ field: 'input.talentId', zh: '人才编号格式不正确', en: 'talentId must be 24 hex digits' });
  if (!(items as readonly string[]).includes(delivery.item)) {
    problems.push({ field: 'input.item', zh: `事项 ${delivery.item.slice(0, 40)} 不由${office.zh}办理`, en: `item is not done by ${office.en} (${items.join(', ')})` });
  }
  if (problems.length > 0) throw problemsError(problems);
  return { ...delivery, caseId: delivery.caseId.toLowerCase(), talentId: delivery.talentId.toLowerCase() };
}

/** What the department decides about a task, now or later. */
export interface CaseTaskChange {
  status: CaseTaskStatus;
  /** The department's own step code (e.g. POLICE_REVIEW), null when it has none. */
  step: string | null;
  /** For the case timeline: what happened, Chinese first (e.g. "已出具入户信息卡"). */
  note: string;
  /** For REFUSED: why, Chinese (English) — source clause (004 第十一条: 回告原因). */
  reason?: string | null;
  /** The department's records made for this task (bookings, applications …). */
  recordIds?: string[];
}

export interface CaseTaskDoc {
  _id: Types.ObjectId;
  caseId: string;
  talentId: string;
  program: Program;
  item: ServiceCode;
  form: Record<string, unknown>;
  status: CaseTaskStatus;
  step: string | null;
  note: string;
  reason: string | null;
  recordIds: string[];
  acceptedAt: Date;
  dueOn: string;
  receivedAt: Date;
  completedAt: Date | null;
  /** Bumped on every change: the window applies reports in this order, once each. */
  sequence: number;
}

const caseTaskSchema = new Schema<CaseTaskDoc>(
  {
    caseId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    talentId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    program: { type: String, required: true },
    item: { type: String, required: true },
    form: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: ['RECEIVED', 'IN_PROGRESS', 'DONE', 'REFUSED', 'CANCELLED'] },
    step: { type: String, default: null },
    note: { type: String, required: true },
    reason: { type: String, default: null },
    recordIds: { type: [String], default: [] },
    acceptedAt: { type: Date, required: true },
    dueOn: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
    sequence: { type: Number, required: true },
  },
  { collection: 'case_tasks', timestamps: true, minimize: false },
);
caseTaskSchema.index({ caseId: 1, item: 1 }, { unique: true });
caseTaskSchema.index({ talentId: 1 });
caseTaskSchema.index({ recordIds: 1 });
caseTaskSchema.index({ status: 1, dueOn: 1 });

/** The report the window receives (its mutation recordCaseTaskReport). */
export interface CaseTaskReport {
  caseId: string;
  item: ServiceCode;
  department: DepartmentName;
  status: CaseTaskStatus;
  step: string | null;
  note: string;
  reason: string | null;
  occurredAt: string;
  sequence: number;
}

const REPORT_MUTATION = /* GraphQL */ `
  mutation Report($input: CaseTaskReportInput!) { recordCaseTaskReport(input: $input) }
`;

export interface CaseTaskDesk {
  CaseTask: Model<CaseTaskDoc>;
  outbox: Outbox;
  /**
   * Receives a delivery once: an existing task for (case, item) is returned unchanged.
   * `decide` applies the department's rules and writes its records inside the transaction.
   */
  receive(delivery: CaseTaskDelivery, decide: (task: CaseTaskDoc, form: Record<string, unknown>, session: ClientSession) => Promise<CaseTaskChange>): Promise<CaseTaskDoc>;
  /** Records a change of a task (found by one of its records) and queues the report, in the caller's transaction. */
  change(taskId: Types.ObjectId, change: CaseTaskChange, session: ClientSession): Promise<CaseTaskDoc>;
  /**
   * The talent withdrew the case at the window: every unfinished task of it is cancelled, each in
   * its own transaction with `cancelRecords` undoing the department's records (a booking gives its
   * use back …), and reported. Tasks already finished stay as they are; a repeat changes nothing.
   */
  withdraw(caseId: string, reason: string, cancelRecords: (task: CaseTaskDoc, session: ClientSession) => Promise<void>): Promise<CaseTaskDoc[]>;
  /** The task a department record belongs to, if it came from a case. */
  taskForRecord(recordId: string, session?: ClientSession): Promise<CaseTaskDoc | null>;
  /** Per-request loader: a case's tasks in this department. */
  tasksByCaseLoader(): ReturnType<typeof manyByKey<CaseTaskDoc>>;
  start(): void;
  stop(): Promise<void>;
}

export function createCaseTaskDesk(connection: Connection, environment: SubgraphEnvironment, department: DepartmentName): CaseTaskDesk {
  const CaseTask = modelOn<CaseTaskDoc>(connection, 'CaseTask', caseTaskSchema);
  const outbox = createOutbox(connection, 'case_task_reports', {
    clock: environment.clock,
    log: environment.log,
    deliver: async (message) => {
      await serviceCall(environment, 'talent', REPORT_MUTATION, { input: message.payload });
    },
  });

  function reportOf(task: CaseTaskDoc, occurredAt: Date) {
    const report: CaseTaskReport = {
      caseId: task.caseId,
      item: task.item,
      department,
      status: task.status,
      step: task.step,
      note: task.note,
      reason: task.reason,
      occurredAt: occurredAt.toISOString(),
      sequence: task.sequence,
    };
    return { key: `report:${department}:${task.caseId}:${task.item}:${task.sequence}`, destination: 'talent', payload: { ...report } };
  }

  async function receiveOnce(delivery: CaseTaskDelivery, decide: Parameters<CaseTaskDesk['receive']>[1]): Promise<CaseTaskDoc> {
    const existing = await CaseTask.findOne({ caseId: delivery.caseId, item: delivery.item }).lean<CaseTaskDoc>();
    if (existing) return existing;
    let form: unknown;
    try {
      form = JSON.parse(delivery.form);
    } catch {
      throw badUserInput('input.form', '事项表单不是合法的 JSON', 'form is not valid JSON');
    }
    if (typeof form !== 'object' || form === null || Array.isArray(form)) {
      throw badUserInput('input.form', '事项表单须为 JSON 对象', 'form must be a JSON object');
    }
    const now = environment.clock();
    const session = await connection.startSession();
    let saved: CaseTaskDoc | null = null;
    try {
      await session.withTransaction(async () => {
        const draft = {
          caseId: delivery.caseId,
          talentId: delivery.talentId,
          program: delivery.program,
          item: delivery.item,
          form: form as Record<string, unknown>,
          acceptedAt: delivery.acceptedAt,
          dueOn: delivery.dueOn,
          receivedAt: now,
          sequence: 1,
        };
        const decision = await decide({ ...draft, form: form as Record<string, unknown>, _id: undefined as never, status: 'RECEIVED', step: null, note: '', reason: null, recordIds: [], completedAt: null }, form as Record<string, unknown>, session);
        const [task] = await CaseTask.create(
          [{ ...draft, status: decision.status, step: decision.step, note: decision.note, reason: decision.reason ?? null, recordIds: decision.recordIds ?? [], completedAt: isFinalTaskStatus(decision.status) ? now : null }],
          { session },
        );
        saved = task.toObject() as CaseTaskDoc;
        await outbox.enqueue([reportOf(saved, now)], session);
      });
    } catch (error) {
      // Two deliveries of the same part raced: the other one won; answer with its task
      // (a real mongod reports the loser's duplicate key; the embedded test server drops its connection).
      const winner = await CaseTask.findOne({ caseId: delivery.caseId, item: delivery.item }).lean<CaseTaskDoc>();
      if (winner) return winner;
      throw error;
    } finally {
      await session.endSession();
    }
    outbox.kick();
    return saved!;
  }

  const desk: CaseTaskDesk = {
    CaseTask,
    outbox,
    receive(delivery, decide) {
      // Two deliveries of one part (a retry racing a slow first attempt) are taken one at a time,
      // so the second finds the first's task. A plain claim, not a transaction: it holds on every
      // engine, including test servers that do not detect conflicting transactions.
      return serialized(connection, `case-task:${delivery.caseId}:${delivery.item}`, () => receiveOnce(delivery, decide));
    },
    async change(taskId, change, session) {
      const now = environment.clock();
      const before = await CaseTask.findById(taskId, { status: 1, completedAt: 1 }, { session }).lean<Pick<CaseTaskDoc, 'status' | 'completedAt'>>();
      if (!before) throw new Error(`case task ${taskId.toString()} not found`);
      // A task finished once keeps the moment it finished (a consultation answered, then closed).
      const completedAt = isFinalTaskStatus(change.status) ? (isFinalTaskStatus(before.status) && before.completedAt ? before.completedAt : now) : null;
      const task = await CaseTask.findOneAndUpdate(
        { _id: taskId },
        {
          $set: {
            status: change.status,
            step: change.step,
            note: change.note,
            reason: change.reason ?? null,
            completedAt,
            ...(change.recordIds ? { recordIds: change.recordIds } : {}),
          },
          $inc: { sequence: 1 },
        },
        { session, returnDocument: 'after' },
      ).lean<CaseTaskDoc>();
      if (!task) throw new Error(`case task ${taskId.toString()} not found`);
      await outbox.enqueue([reportOf(task, now)], session);
      session.once('ended', () => outbox.kick());
      return task;
    },
    async withdraw(caseId, reason, cancelRecords) {
      const open = await CaseTask.find({ caseId, status: { $in: ['RECEIVED', 'IN_PROGRESS'] } }).lean<CaseTaskDoc[]>();
      for (const task of open) {
        await connection.transaction(async (session) => {
          // A staff step may have finished it meanwhile: a finished task stays finished.
          const current = await CaseTask.findById(task._id, { status: 1 }, { session }).lean<Pick<CaseTaskDoc, 'status'>>();
          if (!current || isFinalTaskStatus(current.status)) return;
          await cancelRecords(task, session);
          await desk.change(task._id, { status: 'CANCELLED', step: task.step, note: `申请人撤回办件：${reason}（withdrawn by the applicant）` }, session);
        });
      }
      return CaseTask.find({ caseId }).sort({ item: 1 }).lean<CaseTaskDoc[]>();
    },
    taskForRecord: (recordId, session) => CaseTask.findOne({ recordIds: recordId }, null, { session }).lean<CaseTaskDoc>(),
    tasksByCaseLoader: () =>
      manyByKey<CaseTaskDoc>(
        (caseIds) => CaseTask.find({ caseId: { $in: caseIds } }).sort({ item: 1 }).lean<CaseTaskDoc[]>(),
        (task) => task.caseId,
      ),
    start: () => outbox.start(),
    stop: () => outbox.stop(),
  };
  return desk;
}

export function isFinalTaskStatus(status: CaseTaskStatus): boolean {
  return status === 'DONE' || status === 'REFUSED' || status === 'CANCELLED';
}

const MAX_WITHDRAWAL_REASON = 500;

/** The window's withdrawal arguments in shape: the case id (24 hex digits, kept in lower case) and a reason of 1–500 characters. */
export function readWithdrawal(args: { caseId: string; reason: string }): { caseId: string; reason: string } {
  if (!isObjectIdString(args.caseId)) throw badUserInput('caseId', '办件编号格式不正确', 'malformed case id: expected 24 hex digits');
  const reason = args.reason.trim();
  if (reason === '' || reason.length > MAX_WITHDRAWAL_REASON) {
    throw badUserInput('reason', `撤回原因须为 1 到 ${MAX_WITHDRAWAL_REASON} 个字`, `the reason must be 1–${MAX_WITHDRAWAL_REASON} characters`);
  }
  return { caseId: args.caseId.toLowerCase(), reason };
}
