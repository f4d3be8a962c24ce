// The department desk's idempotent steps, each replayed after an interruption at each point
// (issue 8): a receive whose decision was cut off decides again onto the same records; a staff
// step cut off between its record and its task is finished once; a report that fails, is
// overtaken or is refused for good; a withdrawal run twice. No transaction anywhere.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { Schema, Types } from 'mongoose';
import { TestClock, testEnvironment } from '../../test/environment';
import { createCaseTaskDesk, recordIdFor, taskIdFor, type CaseTaskDelivery, type CaseTaskDesk, type CaseTaskReport } from './case-task';
import { GraphQLCallError } from './graphql-client';
import { connectDepartmentDb, ensureIndexes, insertOnce, modelOn, type DepartmentDb } from './mongo';
import { STEP_GRACE_MS } from './task-steps';
import { createReporter } from './task-reports';
import { MAX_ATTEMPTS } from './delivery';

interface NoteDoc {
  _id: Types.ObjectId;
  text: string;
  status: string;
  __v?: number;
}

let db: DepartmentDb;
let desk: CaseTaskDesk;
const clock = new TestClock();
const Note = () => modelOn<NoteDoc>(db.connection, 'Note', new Schema<NoteDoc>({ text: String, status: String }, { collection: 'notes' }));

const caseId = new Types.ObjectId().toHexString();
const delivery = (item = 'LEGAL_CONSULTATION'): CaseTaskDelivery => ({
  caseId,
  talentId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  program: 'BAIYUN_YUNJU',
  item: item as CaseTaskDelivery['item'],
  form: JSON.stringify({ text: '咨询' }),
  acceptedAt: clock.now(),
  dueOn: '2099-01-01',
});

/** A decision that writes one record under its derived id, counting how often it ran. */
let decisions = 0;
const decide = async (task: Parameters<Parameters<CaseTaskDesk['receive']>[1]>[0]) => {
  decisions += 1;
  const note = await insertOnce(Note(), { _id: recordIdFor(task), text: '已受理', status: 'OPEN' });
  return { status: 'IN_PROGRESS' as const, step: 'OPEN', note: '已受理', recordIds: [note._id.toString()] };
};

beforeAll(async () => {
  db = await connectDepartmentDb(inject('mongoUri'), `unit_${randomBytes(4).toString('hex')}`);
  desk = createCaseTaskDesk(db.connection, testEnvironment({}, clock), 'legal');
  Note();
  await ensureIndexes(db.connection);
});
beforeEach(async () => {
  clock.set(new Date());
  decisions = 0;
  await Promise.all(Object.values(db.connection.models).map((model) => model.deleteMany({})));
});
afterAll(() => db.close());

describe('receive', () => {
  it('decides again after an interruption, onto the same record, and a decided part is not decided twice', async () => {
    await expect(desk.receive(delivery(), async (task) => {
      await decide(task);
      throw new Error('process stopped');
    })).rejects.toThrow('process stopped');
    expect(await desk.CaseTask.findById(taskIdFor(caseId, 'LEGAL_CONSULTATION')).lean()).toMatchObject({ decided: false, sequence: 0 });
    const task = await desk.receive(delivery(), decide);
    const again = await desk.receive(delivery(), decide);
    expect(again).toEqual(task);
    expect(task).toMatchObject({ decided: true, status: 'IN_PROGRESS', sequence: 1, report: { state: 'PENDING' } });
    expect(decisions).toBe(2);
    expect(await Note().countDocuments()).toBe(1);
  });

  it('leaves no task behind when the delivery itself is refused', async () => {
    const { badUserInput } = await import('./errors');
    await expect(desk.receive(delivery(), async () => {
      throw badUserInput('input.form.text', '内容不能为空', 'text is empty');
    })).rejects.toThrow('内容不能为空');
    expect(await desk.CaseTask.countDocuments()).toBe(0);
  });
});

describe('a staff step', () => {
  const close = (note: NoteDoc) => ({ set: { status: 'CLOSED' }, task: { status: 'DONE' as const, step: 'CLOSED', note: `已办结：${note.text}` } });

  it('moves the record and its task together, and a step on a moved record reads it again', async () => {
    const task = await desk.receive(delivery(), decide);
    const note = await desk.stepRecord(Note(), task.recordIds[0], { name: 'Note', zh: '记录', en: 'note' }, async (record) => close(record));
    expect(note).toMatchObject({ status: 'CLOSED', __v: 1 });
    expect(await desk.CaseTask.findById(task._id).lean()).toMatchObject({ status: 'DONE', sequence: 2, pendingStep: null, completedAt: expect.any(Date) });
  });

  it('cut off between its record and its task: within the grace the task is busy; after it the recovery finishes it once', async () => {
    const task = await desk.receive(delivery(), decide);
    const id = task.recordIds[0];
    // As a step writes it: first the step into the task, then the record — and there the process stopped.
    const change = { status: 'DONE', step: 'CLOSED', note: '已办结' };
    await desk.CaseTask.updateOne({ _id: task._id }, { $set: { pendingStep: { token: 't1', kind: 'RECORD', at: clock.now(), change, model: 'Note', recordId: id, fromVersion: 0, set: '{"status":"CLOSED"}' } } });
    await Note().updateOne({ _id: id }, { $set: { status: 'CLOSED' }, $inc: { __v: 1 } });
    await expect(desk.stepRecord(Note(), id, { name: 'Note', zh: '记录', en: 'note' }, async (record) => close(record))).rejects.toMatchObject({ extensions: { code: 'REQUEST_IN_PROGRESS' } });
    clock.advance(STEP_GRACE_MS + 1000);
    desk.reports.start();
    await desk.reports.drain();
    await desk.reports.stop();
    expect(await desk.CaseTask.findById(task._id).lean()).toMatchObject({ status: 'DONE', sequence: 2, pendingStep: null });
    expect(await Note().findById(id).lean()).toMatchObject({ status: 'CLOSED', __v: 1 });
  });

  it('cut off before its record was written: the recovery writes the record once, then the task', async () => {
    const task = await desk.receive(delivery(), decide);
    const id = task.recordIds[0];
    await desk.CaseTask.updateOne({ _id: task._id }, { $set: { pendingStep: { token: 't2', kind: 'RECORD', at: new Date(clock.now().getTime() - STEP_GRACE_MS - 1), change: { status: 'DONE', step: 'CLOSED', note: '已办结' }, model: 'Note', recordId: id, fromVersion: 0, set: '{"status":"CLOSED"}' } } });
    const closed = await desk.stepRecord(Note(), id, { name: 'Note', zh: '记录', en: 'note' }, async (record) => {
      expect(record.status).toBe('CLOSED');
      return { set: { text: '补充说明' } };
    });
    expect(closed).toMatchObject({ status: 'CLOSED', text: '补充说明', __v: 2 });
    expect(await desk.CaseTask.findById(task._id).lean()).toMatchObject({ status: 'DONE', sequence: 2, pendingStep: null });
  });
});

describe('reports to the window', () => {
  const sent: CaseTaskReport[] = [];
  let answer: () => Promise<void> = async () => {};
  const reporter = () => createReporter(desk.CaseTask, { department: 'legal', clock: clock.now, log: () => {}, send: async (report) => {
    sent.push(report);
    await answer();
  } });
  beforeEach(() => {
    sent.length = 0;
    answer = async () => {};
  });

  it('sends the current state once acknowledged, and a change made while a report was on its way is sent after it', async () => {
    const task = await desk.receive(delivery(), decide);
    const one = reporter();
    one.start();
    answer = async () => {
      // A staff step lands while the first report is on its way.
      if (sent.length === 1) await desk.change(task._id, { status: 'DONE', step: 'CLOSED', note: '已办结' });
    };
    await one.drain();
    await one.drain();
    await one.stop();
    expect(sent.map((report) => [report.sequence, report.status])).toEqual([[1, 'IN_PROGRESS'], [2, 'DONE']]);
    expect(await desk.CaseTask.findById(task._id).lean()).toMatchObject({ acknowledgedSequence: 2, report: { state: 'DONE' } });
  });

  it('retries a window that is down, dead-letters a report refused for good, and the next change sends again', async () => {
    const task = await desk.receive(delivery(), decide);
    const one = reporter();
    one.start();
    answer = async () => {
      throw new Error('window down');
    };
    await one.drain();
    expect(await desk.CaseTask.findById(task._id).lean()).toMatchObject({ report: { state: 'PENDING', attempts: 1, lastError: 'window down' } });
    answer = async () => {
      throw new GraphQLCallError('refused', [{ message: '办件中没有该事项', extensions: { code: 'BAD_USER_INPUT' } }]);
    };
    clock.advance(60_000);
    await one.drain();
    expect(await desk.CaseTask.findById(task._id).lean()).toMatchObject({ report: { state: 'DEAD', attempts: 2 } });
    clock.advance(3_600_000);
    await one.drain();
    expect(sent).toHaveLength(2);
    answer = async () => {};
    await desk.change(task._id, { status: 'DONE', step: 'CLOSED', note: '已办结' });
    await one.drain();
    await one.stop();
    expect(sent.at(-1)).toMatchObject({ sequence: 2, status: 'DONE' });
    expect(MAX_ATTEMPTS).toBeGreaterThan(2);
  });

  it('two reporters on one database send each state once', async () => {
    const tasks = await Promise.all(['LEGAL_CONSULTATION', 'FREE_ANNUAL_CHECKUP', 'AIRPORT_VIP_DOMESTIC'].map((item) => desk.receive(delivery(item), decide)));
    const [one, two] = [reporter(), reporter()];
    one.start();
    two.start();
    await Promise.all([one.drain(), two.drain()]);
    await Promise.all([one.stop(), two.stop()]);
    expect(sent.map((report) => report.item).sort()).toEqual(tasks.map((task) => task.item).sort());
  });
});

describe('withdraw', () => {
  it('cancels an unfinished task and undoes its record once, however often it is run', async () => {
    const task = await desk.receive(delivery(), decide);
    let undone = 0;
    const cancelRecords = async () => {
      const result = await Note().updateOne({ _id: task.recordIds[0], status: 'OPEN' }, { $set: { status: 'WITHDRAWN' } });
      undone += result.modifiedCount;
    };
    const [first] = await desk.withdraw(caseId, '不再需要', cancelRecords);
    const [second] = await desk.withdraw(caseId, '再次撤回', cancelRecords);
    expect(first).toMatchObject({ status: 'CANCELLED', sequence: 2 });
    expect(second).toEqual(first);
    expect(undone).toBe(1);
  });
});
