// Nothing lost, nothing duplicated when the window restarts (issue 3): dispatch state lives in the
// database, so a window that stops with parts undelivered hands them out after it restarts; and a
// part delivered again (the window stopped after delivering but before recording it) finds the
// department's task and makes no second one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from './harness';
import type { CaseDoc } from '../subgraphs/talent/case-model';
import { BAIYUN, itemsReach, legalItem, SUBMIT, withTestTalents } from './cases';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

const cases = () => harness.subgraphs.talent.connection.models.Case;
const legalDispatch = async (caseId: string) => (await cases().findById(caseId).lean<CaseDoc>())!.items[0].dispatch;

describe('the window restarting', () => {
  it('delivers after a restart what it could not deliver before, and a repeated delivery changes nothing', async () => {
    await harness.stopSubgraph('legal');
    const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, {
      input: { requestKey: 'e2e-restart-01', talentId: BAIYUN, items: [legalItem], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] },
    });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitCase.id;
    await eventually(() => legalDispatch(id), (dispatch) => dispatch.attempts >= 1);

    // The window goes down with the part undelivered; the department comes back meanwhile.
    await harness.stopSubgraph('talent');
    await harness.startSubgraph('legal');
    await harness.startSubgraph('talent');
    harness.clock.advance(10 * 60_000);
    await itemsReach(harness, id, { LEGAL_CONSULTATION: ['IN_PROGRESS'] });

    // As if the window had stopped right after delivering, before recording it: it delivers again.
    const current = (await cases().findById(id).lean<CaseDoc>())!;
    const again = { ...current.items[0], dispatch: { ...current.items[0].dispatch, state: 'PENDING', dueAt: new Date(0), leaseUntil: null } };
    await cases().updateOne({ _id: id }, { $set: { items: [again], workDueAt: new Date(0) }, $inc: { __v: 1 } });
    await eventually(() => legalDispatch(id), (dispatch) => dispatch.state === 'DONE' && dispatch.attempts > current.items[0].dispatch.attempts);
    expect(await harness.subgraphs.legal.connection.models.CaseTask.countDocuments({ caseId: id })).toBe(1);
    expect(await harness.subgraphs.legal.connection.models.LegalConsultation.countDocuments({ caseId: id })).toBe(1);
    const timeline = await harness.query<{ case: { timeline: { kind: string }[] } }>(`query($id: ID!) { case(id: $id) { timeline { kind } } }`, { id });
    expect(timeline.data!.case.timeline.filter((event) => event.kind === 'DISPATCHED')).toHaveLength(1);
  });
});
