// Every step that touches another document is finished by a retry and never doubled (DESIGN.md, The
// flow of a case; no multi-document transaction): a delivery whose decision was interrupted after
// its application and declarations were written, a rejection whose application was written but
// whose task was not moved (its waitlist put right by the next queue step), and a withdrawal
// interrupted after its effects — each replayed, each writing its records once.
import { randomUUID } from 'node:crypto';
import { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createCaseTaskDesk, type CaseTaskDelivery, type CaseTaskDoc } from '../kit/case-task';
import { STEP_GRACE_MS } from '../kit/task-steps';
import { testEnvironment } from '../../test/environment';
import { decideApartmentTask } from './cases';
import type { HousingServices } from './context';
import { registerHousingModels } from './model';
import { caseId, delivery, liwanForm, RECEIVE, talentId, useHousingFixture, WAITLIST } from './test-support';

const h = useHousingFixture();

/** The department's services on the fixture's database and clock, to drive its desk by hand. */
function services(): HousingServices {
  const environment = testEnvironment({}, h.clock);
  return { connection: h.connection, models: registerHousingModels(h.connection), environment, desk: createCaseTaskDesk(h.connection, environment, 'housing') };
}

type Received = { receiveHousingCaseTask: { status: string; step: string; application: { id: string } | null } };
const receive = (input: unknown) => h.run<Received>(RECEIVE, { input });
async function received(n: number): Promise<string> {
  return (await receive(delivery(n, liwanForm()))).data!.receiveHousingCaseTask.application!.id;
}
const task = async (n: number) => (await h.tasks.findOne({ caseId: caseId(n) }).lean<CaseTaskDoc>())!;
const application = (id: string) => h.models.TalentApartmentApplication.findById(id).lean();
const WITHDRAW = /* GraphQL */ `mutation ($caseId: ID!, $reason: String!) { withdrawHousingCaseTasks(caseId: $caseId, reason: $reason) { status } }`;

describe('replaying an interrupted step', () => {
  it('a delivery interrupted after its records were written decides again: one application, one set of declarations, not refused as its own duplicate', async () => {
    const raw = delivery(1, liwanForm());
    const interrupted = services().desk.receive({ ...raw, acceptedAt: new Date(raw.acceptedAt) } as CaseTaskDelivery, async (draft, form) => {
      await decideApartmentTask(services(), draft, form);
      throw new Error('process stopped before the decision was stored');
    });
    await expect(interrupted).rejects.toThrow('process stopped');
    expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(1);

    const retried = await receive(delivery(1, liwanForm()));
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.receiveHousingCaseTask).toMatchObject({ status: 'IN_PROGRESS', step: 'SUBMITTED' });
    expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(1);
    expect(await h.models.HomeOwnershipDeclaration.countDocuments()).toBe(3);
    expect(await task(1)).toMatchObject({ sequence: 1, recordIds: [retried.data!.receiveHousingCaseTask.application!.id] });
  });

  it('a rejection whose application was written but whose task was not moved is finished by the recovery, the application written once', async () => {
    const { desk } = services();
    const first = await received(1);
    const second = await received(2);
    await h.run(WAITLIST, { id: first });
    await h.run(WAITLIST, { id: second });
    const before = (await application(first))!;
    // What task-steps.ts leaves when the process stops after the record write: the step in the
    // task, the application at its new version, the task not moved, the waitlist not left.
    const set = { status: 'REJECTED', rejectionReason: '材料不全', waitlistPosition: null, decidedOn: '2026-03-16', openSlot: first };
    const change = { status: 'REFUSED' as const, step: 'REJECTED', note: '不予配租（application rejected）', reason: '不予配租：材料不全（rejected by the housing office）' };
    await h.tasks.updateOne({ caseId: caseId(1) }, { $set: { pendingStep: { token: randomUUID(), kind: 'RECORD', at: h.clock.now(), change, model: 'TalentApartmentApplication', recordId: first, fromVersion: before.__v, set: mongo.BSON.EJSON.stringify(set) } } });
    await h.models.TalentApartmentApplication.updateOne({ _id: first, __v: before.__v }, { $set: set, $inc: { __v: 1 } });

    h.clock.advance(STEP_GRACE_MS + 1000);
    await desk.reports.drain();
    expect(await task(1)).toMatchObject({ status: 'REFUSED', step: 'REJECTED', pendingStep: null, sequence: 3 });
    expect(await application(first)).toMatchObject({ status: 'REJECTED', __v: before.__v + 1 });

    // The waitlist step that never ran is put right by the next step on the project's queue.
    const third = await received(3);
    const joined = await h.run<{ waitlistApartmentApplication: { waitlistPosition: number } }>(WAITLIST, { id: third });
    expect(joined.data?.waitlistApartmentApplication.waitlistPosition).toBe(2);
    expect(await application(second)).toMatchObject({ waitlistPosition: 1 });
  });

  it('a withdrawal interrupted after its effects, run again, closes the application once', async () => {
    const id = await received(1);
    const first = await task(1);
    // The first run: its step in the task, the application already withdrawn, the task not moved.
    await h.tasks.updateOne({ _id: first._id }, { $set: { pendingStep: { token: randomUUID(), kind: 'WITHDRAW', at: h.clock.now(), change: { status: 'CANCELLED', step: 'SUBMITTED', note: '…' }, model: null, recordId: null, fromVersion: null, set: null } } });
    await h.models.TalentApartmentApplication.updateOne({ _id: id }, { $set: { status: 'WITHDRAWN', decidedOn: '2026-03-16', openSlot: id }, $inc: { __v: 1 } });

    const again = await h.run<{ withdrawHousingCaseTasks: { status: string }[] }>(WITHDRAW, { caseId: caseId(1), reason: '已另购住房' });
    expect(again.errors).toBeUndefined();
    expect(again.data?.withdrawHousingCaseTasks).toEqual([{ status: 'CANCELLED' }]);
    expect(await task(1)).toMatchObject({ status: 'CANCELLED', pendingStep: null, sequence: 2 });
    expect(await application(id)).toMatchObject({ status: 'WITHDRAWN', __v: 1 });
    // Closed once: the talent may apply again, once.
    expect((await receive(delivery(4, liwanForm(), { talentId: talentId(1) }))).data?.receiveHousingCaseTask).toMatchObject({ status: 'IN_PROGRESS' });
    expect((await receive(delivery(5, liwanForm(), { talentId: talentId(1) }))).data?.receiveHousingCaseTask).toMatchObject({ status: 'REFUSED' });
  });

  it('two applications of one talent racing: one is made, the other refused with the one-open-application rule', async () => {
    const APPLY = /* GraphQL */ `mutation ($input: TalentApartmentApplicationInput!) { applyForTalentApartment(input: $input) { id } }`;
    const input = { talentId: talentId(1), program: 'LIWAN_YINGCAI', ...liwanForm() };
    const results = await Promise.all([h.run(APPLY, { input }), h.run(APPLY, { input })]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.flatMap((result) => result.errors ?? []).map((error) => error.extensions?.problems)).toEqual([[expect.objectContaining({ rule: 'ONE_OPEN_APPLICATION' })]]);
    expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(1);
    expect(await h.models.HomeOwnershipDeclaration.countDocuments()).toBe(3);
  });
});
