// A department's side of a case (DESIGN.md "The flow of a case", steps 3–4): the window delivers
// the department its part (CaseTaskDelivery) through the department's own subgraph mutation; the
// department keeps one task per (case, item) — a retried delivery finds it and changes nothing —
// applies its rules, and reports the task's current state back to the window until the window has
// acknowledged it (task-reports.ts), so a window that is down delays the report, never loses it.
// No multi-document transaction anywhere (DESIGN.md, The flow of a case): the task document
// carries what is still to do — its decision, a staff step in flight (task-steps.ts), its report.
import { GraphQLError } from 'graphql';
import { Types, type Connection, type Model } from 'mongoose';

const { ObjectId } = Types;
import type { ServiceCode } from './case-forms';
import type { DepartmentName } from './departments';
import { badUserInput } from './errors';
import { isObjectIdString } from './ids';
import type { Program } from './programs';
import type { SubgraphEnvironment } from './subgraph';
import { manyByKey } from './loader';
import { inputFormat } from './input-format';
import { problemsError, type Problem } from './problems';
import { derivedId, insertOnce, modelOn } from './mongo';
import { caseTaskSchema, type CaseTaskChange, type CaseTaskDoc, type CaseTaskStatus } from './case-task-model';
import { pendingDelivery } from './delivery';
import { serviceCall } from './graphql-client';
import { createStepper, type Stepper } from './task-steps';
import { createReporter, type Reporter } from './task-reports';

export type { CaseTaskChange, CaseTaskDoc, CaseTaskStatus } from './case-task-model';
export type { RecordStep } from './task-steps';

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
  if (!isObjectIdString(delivery.caseId)) problems.push({ field: 'input.caseId', zh: '办件编号格式不正确', en: 'caseId must be 24 hex digits', ...inputFormat('INPUT_MALFORMED_ID') });
  if (!isObjectIdString(delivery.talentId)) problems.push({ field: 'input.talentId', zh: '人才编号格式不正确', en: 'talentId must be 24 hex digits', ...inputFormat('INPUT_MALFORMED_ID') });
  if (!(items as readonly string[]).includes(delivery.item)) {
    problems.push({ field: 'input.item', zh: `事项 ${delivery.item.slice(0, 40)} 不由${office.zh}办理`, en: `item is not done by ${office.en} (${items.join(', ')})`, rule: 'ITEM_NOT_THIS_DEPARTMENT', source: '004 第十条' });
  }
  if (problems.length > 0) throw problemsError(problems);
  return { ...delivery, caseId: delivery.caseId.toLowerCase(), talentId: delivery.talentId.toLowerCase() };
}

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

/**
 * An id made from a case's id, a name and a number: the same on every retry of the step that makes
 * it, and ordered like what it stands for — its first 4 bytes are the case's creation second, the
 * next 3 the case's counter, then 4 bytes of a hash of the whole case id and the name, and last the
 * number — so records listed by _id stay in the order their cases came in, and a task's records in
 * the order the task made them.
 */
function caseDerivedId(caseId: string, name: string, n: number): Types.ObjectId {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new Error(`a case-derived id takes a number of 0–255, not ${n}`);
  const hash = derivedId(`${caseId}:${name}`, 0).toHexString();
  return new ObjectId(`${caseId.slice(0, 8)}${caseId.slice(18, 24)}${hash.slice(0, 8)}${n.toString(16).padStart(2, '0')}`);
}

/** A task's id, the same for every delivery of one part: a retried receive finds what an interrupted one wrote. */
export const taskIdFor = (caseId: string, item: string): Types.ObjectId => caseDerivedId(caseId, `task:${item}`, 0);

/** The id of the `n`th record (0–255) a task makes (a booking, a transfer …): the same on every retry of the task's decision. */
export const recordIdFor = (task: Pick<CaseTaskDoc, 'caseId' | 'item'>, n = 0): Types.ObjectId => caseDerivedId(task.caseId, `record:${task.item}`, n);

export interface CaseTaskDesk {
  CaseTask: Model<CaseTaskDoc>;
  /**
   * Receives a delivery once: a task already decided for (case, item) is returned unchanged.
   * `decide` applies the department's rules and writes its records; it must be safe to run again
   * after an interruption — records get ids from recordIdFor(task, n) and are written with insertOnce,
   * an allowance is taken under the record's id — so a retried delivery finds them.
   */
  receive(delivery: CaseTaskDelivery, decide: (task: CaseTaskDoc, form: Record<string, unknown>) => Promise<CaseTaskChange>): Promise<CaseTaskDoc>;
  /**
   * A staff step on one department record (task-steps.ts): `decide` reads the record (and its
   * task, if it came from a case) and returns the record's new fields and the task's change.
   */
  stepRecord: Stepper['stepRecord'];
  /** The task changes with no record write of its own. */
  change: Stepper['change'];
  /**
   * The talent withdrew the case at the window: every unfinished task of it is cancelled, with
   * `cancelRecords` undoing the department's records (a booking gives its use back …) — it must be
   * safe to run twice, e.g. updates conditional on the record's status; for a task never decided
   * (`decided: false`, no recordIds) it undoes what may exist under recordIdFor(task, n). Finished
   * tasks stay as they are; a repeat changes nothing.
   */
  withdraw(caseId: string, reason: string, cancelRecords: (task: CaseTaskDoc) => Promise<void>): Promise<CaseTaskDoc[]>;
  /** The task a department record belongs to, if it came from a case. */
  taskForRecord(recordId: string): Promise<CaseTaskDoc | null>;
  /** Per-request loader: a case's tasks in this department. */
  tasksByCaseLoader(): ReturnType<typeof manyByKey<CaseTaskDoc>>;
  /** The reporter: sends due reports to the window. */
  reports: Reporter;
  start(): void;
  stop(): Promise<void>;
}

export function createCaseTaskDesk(connection: Connection, environment: SubgraphEnvironment, department: DepartmentName): CaseTaskDesk {
  const CaseTask = modelOn<CaseTaskDoc>(connection, 'CaseTask', caseTaskSchema);
  const stepper = createStepper(connection, CaseTask, environment.clock, () => reports.kick());
  const reports = createReporter(CaseTask, {
    department,
    clock: environment.clock,
    log: environment.log,
    send: async (report) => {
      await serviceCall(environment, 'talent', REPORT_MUTATION, { input: report });
    },
    housekeeping: () => stepper.recoverStale(),
  });

  function readForm(text: string): Record<string, unknown> {
    let form: unknown;
    try {
      form = JSON.parse(text);
    } catch {
      throw badUserInput('input.form', '事项表单不是合法的 JSON', 'form is not valid JSON', inputFormat('INPUT_FORM_JSON'));
    }
    if (typeof form !== 'object' || form === null || Array.isArray(form)) throw badUserInput('input.form', '事项表单须为 JSON 对象', 'form must be a JSON object', inputFormat('INPUT_NOT_OBJECT'));
    return form as Record<string, unknown>;
  }

  /** The task of this part, written undecided if it is not there yet. */
  async function draftTask(delivery: CaseTaskDelivery, form: Record<string, unknown>): Promise<CaseTaskDoc> {
    const _id = taskIdFor(delivery.caseId, delivery.item);
    const draft = {
      _id,
      caseId: delivery.caseId,
      talentId: delivery.talentId,
      program: delivery.program,
      item: delivery.item,
      form,
      status: 'RECEIVED',
      step: null,
      note: '',
      reason: null,
      recordIds: [],
      acceptedAt: delivery.acceptedAt,
      dueOn: delivery.dueOn,
      receivedAt: environment.clock(),
      completedAt: null,
      decided: false,
      sequence: 0,
      acknowledgedSequence: 0,
      report: { state: 'DONE', attempts: 0, dueAt: null, leaseUntil: null, lastError: null, doneAt: null },
      pendingStep: null,
    };
    return insertOnce(CaseTask, draft as unknown as CaseTaskDoc);
  }

  const desk: CaseTaskDesk = {
    CaseTask,
    reports,
    stepRecord: stepper.stepRecord,
    change: stepper.change,

    async receive(delivery, decide) {
      const existing = await CaseTask.findOne({ caseId: delivery.caseId, item: delivery.item }).lean<CaseTaskDoc>();
      if (existing?.decided) return existing;
      const form = readForm(delivery.form);
      const task = existing ?? (await draftTask(delivery, form));
      if (task.decided) return task;
      let decision: CaseTaskChange;
      try {
        decision = await decide(task, task.form);
      } catch (error) {
        // The delivery itself refused (a malformed form, checked before anything is written): no
        // task stays behind. Any other failure keeps the undecided draft, so a withdrawal still
        // finds the part and undoes what the interrupted decision may have written.
        if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') await CaseTask.deleteOne({ _id: task._id, decided: false });
        throw error;
      }
      const now = environment.clock();
      const final = isFinalTaskStatus(decision.status);
      // One winner: two deliveries of one part racing each other decide the same (the records are
      // the same records), and only the first decision is kept.
      await CaseTask.updateOne(
        { _id: task._id, decided: false },
        {
          $set: {
            decided: true,
            status: decision.status,
            step: decision.step,
            note: decision.note,
            reason: decision.reason ?? null,
            recordIds: decision.recordIds ?? [],
            completedAt: final ? now : null,
            sequence: 1,
            report: pendingDelivery(now),
          },
        },
      );
      reports.kick();
      return (await CaseTask.findById(task._id).lean<CaseTaskDoc>())!;
    },

    async withdraw(caseId, reason, cancelRecords) {
      const tasks = await CaseTask.find({ caseId }).lean<CaseTaskDoc[]>();
      for (const task of tasks) {
        if (!task.decided) {
          // Delivered but never decided (an interrupted receive): it ends cancelled, so a late retry
          // does not revive it, and whatever the interrupted decision made is undone — cancelRecords
          // looks for it under recordIdFor(task, n), since no decision named it.
          await cancelRecords(task);
          await CaseTask.updateOne({ _id: task._id, decided: false }, { $set: { decided: true, status: 'CANCELLED', note: cancelNote(reason), completedAt: environment.clock(), sequence: 1, report: pendingDelivery(environment.clock()) } });
          continue;
        }
        if (isFinalTaskStatus(task.status) && task.pendingStep?.kind !== 'WITHDRAW') continue;
        await stepper.withEffects(task, 'WITHDRAW', { status: 'CANCELLED', step: task.step, note: cancelNote(reason) }, () => cancelRecords(task));
      }
      reports.kick();
      return CaseTask.find({ caseId }).sort({ item: 1 }).lean<CaseTaskDoc[]>();
    },

    taskForRecord: (recordId) => CaseTask.findOne({ recordIds: recordId }).lean<CaseTaskDoc>(),
    tasksByCaseLoader: () =>
      manyByKey<CaseTaskDoc>(
        (caseIds) => CaseTask.find({ caseId: { $in: caseIds }, decided: true }).sort({ item: 1 }).lean<CaseTaskDoc[]>(),
        (task) => task.caseId,
      ),
    start: () => reports.start(),
    stop: () => reports.stop(),
  };
  return desk;
}

const cancelNote = (reason: string) => `申请人撤回办件：${reason}（withdrawn by the applicant）`;

export function isFinalTaskStatus(status: CaseTaskStatus): boolean {
  return status === 'DONE' || status === 'REFUSED' || status === 'CANCELLED';
}

const MAX_WITHDRAWAL_REASON = 500;

/** The window's withdrawal arguments in shape: the case id (24 hex digits, kept in lower case) and a reason of 1–500 characters. */
export function readWithdrawal(args: { caseId: string; reason: string }): { caseId: string; reason: string } {
  if (!isObjectIdString(args.caseId)) throw badUserInput('caseId', '办件编号格式不正确', 'malformed case id: expected 24 hex digits', inputFormat('INPUT_MALFORMED_ID'));
  const reason = args.reason.trim();
  if (reason === '' || reason.length > MAX_WITHDRAWAL_REASON) {
    throw badUserInput('reason', `撤回原因须为 1 到 ${MAX_WITHDRAWAL_REASON} 个字`, `the reason must be 1–${MAX_WITHDRAWAL_REASON} characters`, inputFormat('INPUT_TEXT_LENGTH'));
  }
  return { caseId: args.caseId.toLowerCase(), reason };
}
