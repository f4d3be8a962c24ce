// A change of a case task and of the department record it is about (a staff step, a withdrawal),
// with no multi-document transaction (DESIGN.md, The flow of a case). The step is first written
// into the task (`pendingStep`: what the record becomes and what the task becomes), then the
// record is written with a compare-and-set on its version, then the task takes the change and its
// report to the window falls due. A process that dies between these writes leaves the step in the
// task; whoever comes next — the next step on the task, or the desk's recovery round — finishes it
// from what is written there, so the change is never lost and never made twice.
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { mongo, type Connection, type Model, type Types, type UpdateQuery } from 'mongoose';
import type { CaseTaskChange, CaseTaskDoc, PendingStep } from './case-task-model';
import { notFound } from './errors';
import { parseObjectId } from './ids';

/** What a staff step decides about a record: its new fields and, when it came from a case, the task's change. */
export interface RecordStep<Doc> {
  set: UpdateQuery<Doc>['$set'];
  /** The case task's change; leave it out for a record that has no task, or when the task does not move. */
  task?: CaseTaskChange | null;
}

/** A step on a task interrupted less than this long ago is taken to be still running. */
export const STEP_GRACE_MS = 30_000;
const MAX_ROUNDS = 6;

const busy = () =>
  new GraphQLError('该事项正在办理另一步骤，请稍后重试（another step on this item is under way; retry shortly）', {
    extensions: { code: 'REQUEST_IN_PROGRESS', retryAfterMs: 1000 },
  });

type VersionedRecord = { _id: Types.ObjectId; __v?: number };

function versionFilter(version: number | null | undefined): unknown {
  return version === null || version === undefined ? { $exists: false } : version;
}

export interface Stepper {
  /** Finishes a step already written into the task: the task takes its change. */
  finish(task: Pick<CaseTaskDoc, '_id' | 'status' | 'completedAt'>, step: PendingStep): Promise<void>;
  stepRecord<Doc extends VersionedRecord>(
    model: Model<Doc>,
    id: string,
    what: { name: string; zh: string; en: string },
    decide: (record: Doc, task: CaseTaskDoc | null) => Promise<RecordStep<Doc>>,
  ): Promise<Doc>;
  /** The task changes with no record write of its own (e.g. the department's rules moved it). */
  change(taskId: Types.ObjectId, change: CaseTaskChange): Promise<CaseTaskDoc>;
  /** Writes a step into the task, runs `effects` (which must be safe to run twice), then finishes it. */
  withEffects(task: CaseTaskDoc, kind: PendingStep['kind'], change: CaseTaskChange, effects: () => Promise<void>): Promise<'done' | 'finished-already'>;
  /** Finishes RECORD steps left behind by a process that stopped mid-step. */
  recoverStale(): Promise<number>;
}

export function createStepper(connection: Connection, CaseTask: Model<CaseTaskDoc>, clock: () => Date, onChanged: () => void): Stepper {
  const isFinal = (status: string) => status === 'DONE' || status === 'REFUSED' || status === 'CANCELLED';

  async function finish(task: Pick<CaseTaskDoc, '_id' | 'status' | 'completedAt'>, step: PendingStep): Promise<void> {
    const now = clock();
    const { change } = step;
    // A task finished once keeps the moment it finished (a consultation answered, then closed).
    const completedAt = isFinal(change.status) ? (isFinal(task.status) && task.completedAt ? task.completedAt : now) : null;
    await CaseTask.updateOne(
      { _id: task._id, 'pendingStep.token': step.token },
      {
        $set: {
          status: change.status,
          step: change.step,
          note: change.note,
          reason: change.reason ?? null,
          completedAt,
          ...(change.recordIds ? { recordIds: change.recordIds } : {}),
          pendingStep: null,
          'report.state': 'PENDING',
          'report.dueAt': now,
          'report.attempts': 0,
          'report.lastError': null,
        },
        $inc: { sequence: 1 },
      },
    );
    onChanged();
  }

  /** Puts `step` into the task if no other step is under way; the task as it was, or null when another holds it. */
  async function begin(task: CaseTaskDoc, step: PendingStep): Promise<boolean> {
    const written = await CaseTask.updateOne({ _id: task._id, pendingStep: null, sequence: task.sequence }, { $set: { pendingStep: step } });
    return written.modifiedCount === 1;
  }

  /** Another step holds the task: finish it if its process has plainly stopped, else the caller retries later. */
  async function clearOrWait(task: CaseTaskDoc): Promise<void> {
    const step = task.pendingStep;
    if (!step) return;
    if (clock().getTime() - new Date(step.at).getTime() < STEP_GRACE_MS) throw busy();
    if (step.kind === 'RECORD') await replayRecordStep(task, step);
    else throw busy(); // a withdrawal is finished by the window's next withdrawal call
  }

  /** The record write of a RECORD step, again if it did not happen; then the task takes the change. */
  async function replayRecordStep(task: CaseTaskDoc, step: PendingStep): Promise<void> {
    const model = connection.models[step.model ?? ''] as Model<VersionedRecord> | undefined;
    if (model && step.recordId && step.set) {
      const set = mongo.BSON.EJSON.parse(step.set) as Record<string, unknown>;
      await model.updateOne({ _id: step.recordId, __v: versionFilter(step.fromVersion) } as never, { $set: set, $inc: { __v: 1 } } as never);
    }
    await finish(task, step);
  }

  const stepper: Stepper = {
    finish,

    async stepRecord<Doc extends VersionedRecord>(
      model: Model<Doc>,
      id: string,
      what: { name: string; zh: string; en: string },
      decide: (record: Doc, task: CaseTaskDoc | null) => Promise<RecordStep<Doc>>,
    ): Promise<Doc> {
      const objectId = parseObjectId(id, 'id');
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const record = await model.findById(objectId).lean<Doc>();
        if (!record) throw notFound(what.name, `没有编号为 ${id} 的${what.zh}`, `no ${what.en} with this id`);
        const task = await CaseTask.findOne({ recordIds: objectId.toString() }).lean<CaseTaskDoc>();
        if (task?.pendingStep) {
          await clearOrWait(task);
          continue;
        }
        const { set, task: change } = await decide(record, task);
        const writeRecord = () => model.updateOne({ _id: objectId, __v: versionFilter(record.__v) } as never, { $set: set, $inc: { __v: 1 } } as never);
        if (!task || !change) {
          if ((await writeRecord()).modifiedCount === 1) return (await model.findById(objectId).lean<Doc>())!;
          continue;
        }
        const step: PendingStep = { token: randomUUID(), kind: 'RECORD', at: clock(), change, model: model.modelName, recordId: objectId.toString(), fromVersion: record.__v ?? null, set: mongo.BSON.EJSON.stringify(set ?? {}) };
        if (!(await begin(task, step))) continue;
        if ((await writeRecord()).modifiedCount !== 1) {
          // The record moved under us (a step without a task, or a direct write): start again.
          await CaseTask.updateOne({ _id: task._id, 'pendingStep.token': step.token }, { $set: { pendingStep: null } });
          continue;
        }
        await finish(task, step);
        return (await model.findById(objectId).lean<Doc>())!;
      }
      throw busy();
    },

    async change(taskId, change) {
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const task = await CaseTask.findById(taskId).lean<CaseTaskDoc>();
        if (!task) throw new Error(`case task ${taskId.toString()} not found`);
        if (task.pendingStep) {
          await clearOrWait(task);
          continue;
        }
        const step: PendingStep = { token: randomUUID(), kind: 'RECORD', at: clock(), change, model: null, recordId: null, fromVersion: null, set: null };
        if (!(await begin(task, step))) continue;
        await finish(task, step);
        return (await CaseTask.findById(taskId).lean<CaseTaskDoc>())!;
      }
      throw busy();
    },

    async withEffects(task, kind, change, effects) {
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const current = round === 0 ? task : await CaseTask.findById(task._id).lean<CaseTaskDoc>();
        if (!current) throw new Error(`case task ${task._id.toString()} not found`);
        // The same kind of step left half-done (an earlier call died): take it over and finish it.
        let step = current.pendingStep?.kind === kind ? current.pendingStep : null;
        if (!step) {
          if (isFinal(current.status)) return 'finished-already';
          if (current.pendingStep) {
            await clearOrWait(current);
            continue;
          }
          step = { token: randomUUID(), kind, at: clock(), change, model: null, recordId: null, fromVersion: null, set: null };
          if (!(await begin(current, step))) continue;
        }
        await effects();
        await finish(current, step);
        return 'done';
      }
      throw busy();
    },

    async recoverStale() {
      const stale = await CaseTask.find({ 'pendingStep.at': { $lte: new Date(clock().getTime() - STEP_GRACE_MS) }, 'pendingStep.kind': 'RECORD' }).limit(50).lean<CaseTaskDoc[]>();
      for (const task of stale) await replayRecordStep(task, task.pendingStep!);
      return stale.length;
    },
  };
  return stepper;
}
