// Withdrawing a case (issue 3, case status "withdrawn"): the window stops handing out parts, and
// every department holding an unfinished part cancels it and undoes its records — an airport
// booking gives its yearly use back (000 十三（三）3) — and reports the cancellation to the archive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { airportItem, BAIYUN, itemsReach, legalItem, SUBMIT, withTestTalents } from './cases';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

const allowance = async () =>
  (await harness.query<{ talent: { customs: { airportService: { used: number; remaining: number } } } }>(`query($t: ID!) { talent(id: $t) { customs { airportService { used remaining } } } }`, { t: BAIYUN })).data!.talent.customs.airportService;

describe('a withdrawn case', () => {
  it('is cancelled in every department that held a part, and the airport use comes back', async () => {
    const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, {
      input: { requestKey: 'e2e-withdraw-01', talentId: BAIYUN, items: [legalItem, airportItem(harness)], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'FLIGHT_DETAILS'] },
    });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitCase.id;
    await itemsReach(harness, id, { LEGAL_CONSULTATION: ['IN_PROGRESS'], AIRPORT_VIP_DOMESTIC: ['IN_PROGRESS'] });
    expect(await allowance()).toEqual({ used: 1, remaining: 1 });

    const withdrawn = await harness.query<{ withdrawCase: { status: string } }>(`mutation($id: ID!) { withdrawCase(caseId: $id, reason: "行程取消") { status } }`, { id });
    expect(withdrawn.data).toEqual({ withdrawCase: { status: 'WITHDRAWN' } });

    const cancelled = await itemsReach(harness, id, { LEGAL_CONSULTATION: ['CANCELLED'], AIRPORT_VIP_DOMESTIC: ['CANCELLED'] });
    expect(cancelled.status).toBe('WITHDRAWN');
    expect(cancelled.customs![0].booking.status).toBe('CANCELLED');
    expect(await allowance()).toEqual({ used: 0, remaining: 2 });

    // Withdrawing again changes nothing.
    const again = await harness.query<{ withdrawCase: { status: string } }>(`mutation($id: ID!) { withdrawCase(caseId: $id, reason: "行程取消") { status } }`, { id });
    expect(again.data).toEqual({ withdrawCase: { status: 'WITHDRAWN' } });
    expect(await harness.subgraphs.customs.connection.models.CaseTask.countDocuments({ caseId: id })).toBe(1);
  });
});
