// Every step of the bureau's part that touches another document is finished by a retry after an
// interruption, never doubled (DESIGN.md, The flow of a case; no multi-document transaction): a
// decision run again records one consultation, a staff step left half-done is finished by the
// recovery round or the next step without writing the consultation twice, and a withdrawal run
// again withdraws once (000 十二（二）; 002 十（二）: 提出 → 安排顾问 → 答复 → 办结).
import { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { documentCounts } from '../../test/case-desk';
import { recordIdFor, type CaseTaskDoc } from '../kit/case-task';
import type { PendingStep } from '../kit/case-task-model';
import { STEP_GRACE_MS } from '../kit/task-steps';
import { decideLegalTask } from './cases';
import { consultationTaskChange } from './consultations';
import type { LegalConsultationDoc } from './model';
import { ADVISER, ANSWER, PERSONAL_PHONE, RECEIVE, TASK_FIELDS, caseId, delivery, deskDelivery, secondProcess, talentId, useLegalFixture } from './testing';

const fixture = useLegalFixture();

type Task = { status: string; step: string | null; consultation: { id: string; status: string; requestedAt: string } | null };
const consultationFor = (n: number) => delivery(n, talentId(1), 'BAIYUN_YUNJU', PERSONAL_PHONE);
const received = async (n: number) => {
  const result = await fixture.run<{ receiveLegalCaseTask: Task }>(RECEIVE, { input: consultationFor(n) });
  expect(result.errors).toBeUndefined();
  return result.data!.receiveLegalCaseTask;
};
const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawLegalCaseTasks(caseId: $caseId, reason: $reason) { ${TASK_FIELDS} } }`;
const taskOf = async (n: number) => (await fixture.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const consultations = () => fixture.models.LegalConsultation.find().sort({ caseId: 1 }).lean<(LegalConsultationDoc & { __v: number })[]>();

describe('a decision run again after an interruption', () => {
  it('finds the consultation it recorded instead of recording another', async () => {
    const services = secondProcess(fixture);
    const decide = decideLegalTask(services);
    const stopped = services.desk.receive(deskDelivery(consultationFor(1)), async (task, form) => {
      await decide(task, form);
      throw new Error('process stopped');
    });
    await expect(stopped).rejects.toThrow('process stopped');
    const [first] = await consultations();
    expect(await taskOf(1)).toMatchObject({ decided: false, status: 'RECEIVED' });

    fixture.clock.advance(60_000);
    const task = await received(1);
    // The consultation of the first run, with the time it was first requested.
    expect(task).toMatchObject({ status: 'IN_PROGRESS', step: 'REQUESTED', consultation: { id: recordIdFor(await taskOf(1)).toString(), requestedAt: first.requestedAt.toISOString() } });
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, LegalConsultation: 1 });
    expect(await taskOf(1)).toMatchObject({ decided: true, sequence: 1 });
  });
});

describe('a staff step interrupted between the consultation and the task', () => {
  /** What kit/task-steps.ts leaves when its process stops after the record write: counsel assigned, the task not moved. */
  async function assignHalfDone(n: number): Promise<LegalConsultationDoc> {
    await received(n);
    const [consultation] = await consultations();
    const set = { status: 'ASSIGNED' as const, counsel: { ...ADVISER, role: 'GOVERNMENT_LEGAL_ADVISER' as const }, answeredAt: null };
    const step: PendingStep = {
      token: 'stopped-step', kind: 'RECORD', at: fixture.clock.now(), change: consultationTaskChange({ ...consultation, ...set }),
      model: 'LegalConsultation', recordId: consultation._id.toString(), fromVersion: 0, set: mongo.BSON.EJSON.stringify(set),
    };
    await fixture.tasks.updateOne({ caseId: caseId(n) }, { $set: { pendingStep: step } });
    await fixture.models.LegalConsultation.updateOne({ _id: consultation._id, __v: 0 }, { $set: set, $inc: { __v: 1 } });
    return consultation;
  }

  it('is finished by the recovery round once its grace has passed, the consultation written once', async () => {
    await assignHalfDone(2);
    const other = secondProcess(fixture);
    await other.desk.reports.drain();
    expect(await taskOf(2)).toMatchObject({ step: 'REQUESTED', sequence: 1, pendingStep: expect.objectContaining({ token: 'stopped-step' }) });

    fixture.clock.advance(STEP_GRACE_MS + 1000);
    await other.desk.reports.drain();
    expect(await taskOf(2)).toMatchObject({ status: 'IN_PROGRESS', step: 'COUNSEL_ASSIGNED', sequence: 2, pendingStep: null });
    expect(await consultations()).toEqual([expect.objectContaining({ status: 'ASSIGNED', counsel: ADVISER, __v: 1 })]);
  });

  it('is finished by the next step, which then takes its own: answered after the assignment', async () => {
    const { _id } = await assignHalfDone(3);
    // Within the grace the assignment may still be under way.
    expect((await fixture.run(ANSWER, { id: _id.toString() })).errors?.[0].extensions).toMatchObject({ code: 'REQUEST_IN_PROGRESS' });

    fixture.clock.advance(STEP_GRACE_MS + 1000);
    const answered = await fixture.run(ANSWER, { id: _id.toString() });
    expect(answered.errors).toBeUndefined();
    expect(await taskOf(3)).toMatchObject({ status: 'DONE', step: 'ANSWERED', sequence: 3, pendingStep: null });
    // Two writes: the assignment once, then the answer.
    expect(await consultations()).toEqual([expect.objectContaining({ status: 'ANSWERED', counsel: ADVISER, __v: 2 })]);
  });
});

describe('a withdrawal interrupted after withdrawing the consultation', () => {
  it('is finished by the window’s retry, the consultation withdrawn once', async () => {
    await received(4);
    const services = secondProcess(fixture);
    const stopped = services.desk.withdraw(caseId(4), '纠纷已和解', async (task) => {
      await fixture.models.LegalConsultation.updateOne({ _id: task.recordIds[0], status: 'REQUESTED' }, { $set: { status: 'WITHDRAWN' }, $inc: { __v: 1 } });
      throw new Error('process stopped');
    });
    await expect(stopped).rejects.toThrow('process stopped');
    expect(await taskOf(4)).toMatchObject({ status: 'IN_PROGRESS', pendingStep: expect.objectContaining({ kind: 'WITHDRAW' }) });

    const retried = await fixture.run<{ withdrawLegalCaseTasks: Task[] }>(WITHDRAW, { caseId: caseId(4), reason: '纠纷已和解' });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.withdrawLegalCaseTasks).toEqual([expect.objectContaining({ status: 'CANCELLED', consultation: expect.objectContaining({ status: 'WITHDRAWN' }) })]);
    expect(await taskOf(4)).toMatchObject({ status: 'CANCELLED', sequence: 2, pendingStep: null });
    expect(await consultations()).toEqual([expect.objectContaining({ status: 'WITHDRAWN', answeredAt: null, __v: 1 })]);
  });

  it('withdraws a consultation whose delivery was withdrawn before its decision was stored', async () => {
    const services = secondProcess(fixture);
    const decide = decideLegalTask(services);
    await expect(
      services.desk.receive(deskDelivery(consultationFor(5)), async (task, form) => {
        await decide(task, form);
        throw new Error('process stopped');
      }),
    ).rejects.toThrow('process stopped');
    expect((await fixture.run(WITHDRAW, { caseId: caseId(5), reason: '纠纷已和解' })).errors).toBeUndefined();
    expect(await taskOf(5)).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect(await consultations()).toEqual([expect.objectContaining({ status: 'WITHDRAWN', __v: 1 })]);
  });
});

describe('a report the window refused for good', () => {
  it('shows on the task as failed, with its reason, until the task changes again', async () => {
    await received(1);
    const id = caseId(1);
    const asCase = async () =>
      (await fixture.run<{ _entities: { legal: { reportFailed: boolean; reportError: string | null }[] }[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { legal { reportFailed reportError } } } }`,
        { r: [{ __typename: 'Case', id }] },
      )).data!._entities[0].legal[0];
    expect(await asCase()).toEqual({ reportFailed: false, reportError: null });
    await fixture.tasks.updateOne({ caseId: id }, { $set: { 'report.state': 'DEAD', 'report.lastError': '办件中没有该事项（no such item）' } });
    expect(await asCase()).toEqual({ reportFailed: true, reportError: '办件中没有该事项（no such item）' });
  });
});
