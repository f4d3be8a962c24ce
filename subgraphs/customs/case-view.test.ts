// Case.customs through the subgraph schema (_entities, as the gateway asks): a case's tasks with their
// booking or exit-entry item, in representation order, [] before the delivery arrives, and one query
// per collection however many cases are asked for (DESIGN.md: no N+1).
import { describe, expect, it } from 'vitest';
import { airportForm, caseId, delivery, RECEIVE, talentId, useCustomsFixture } from './test-support';

const QUERY = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Case {
        id
        customs { item status step booking { flightNumber status caseId } exitEntryItem { kind status caseId } }
      }
    }
  }
`;
const reps = (...ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'Case', id })) });

const h = useCustomsFixture();

const wuhanItem = (n: number) => delivery(n, { applicantName: '周敏' }, { program: 'WUHAN_GREEN_CHANNEL', item: 'EXIT_ENTRY_PERMIT' });

describe('Case.customs', () => {
  it("returns each case's tasks with their records, in the order asked, and [] for a case not delivered yet", async () => {
    await h.run(RECEIVE, { input: delivery(1, airportForm()) });
    await h.run(RECEIVE, { input: delivery(1, airportForm({ flightNumber: 'SQ850' }), { item: 'AIRPORT_VIP_INTERNATIONAL' }) });
    await h.run(RECEIVE, { input: wuhanItem(2) });
    const result = await h.run(QUERY, reps(caseId(2), caseId(9), caseId(1)));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: caseId(2), customs: [{ item: 'EXIT_ENTRY_PERMIT', status: 'IN_PROGRESS', step: 'RECEIVED', booking: null, exitEntryItem: { kind: 'EXIT_ENTRY_PERMIT', status: 'RECEIVED', caseId: caseId(2) } }] },
        { id: caseId(9), customs: [] },
        {
          id: caseId(1),
          customs: [
            { item: 'AIRPORT_VIP_DOMESTIC', status: 'IN_PROGRESS', step: 'BOOKED', booking: { flightNumber: 'CZ3101', status: 'BOOKED', caseId: caseId(1) }, exitEntryItem: null },
            { item: 'AIRPORT_VIP_INTERNATIONAL', status: 'IN_PROGRESS', step: 'BOOKED', booking: { flightNumber: 'SQ850', status: 'BOOKED', caseId: caseId(1) }, exitEntryItem: null },
          ],
        },
      ],
    });
  });

  it('costs one find per collection whether 1 or 20 cases are asked for', async () => {
    const cases = Array.from({ length: 20 }, (_, index) => index + 1);
    for (const n of cases) await h.run(RECEIVE, { input: n % 2 === 0 ? wuhanItem(n) : delivery(n, airportForm(), { talentId: talentId(n) }) });
    const expected = { 'find case_tasks': 1, 'find airport_service_bookings': 1, 'find exit_entry_items': 1 };

    h.dbCommands.reset();
    const two = await h.run(QUERY, reps(caseId(1), caseId(2)));
    expect(two.errors).toBeUndefined();
    expect(h.dbCommands.snapshot()).toEqual(expected);

    h.dbCommands.reset();
    const many = await h.run<{ _entities: { customs: { step: string }[] }[] }>(QUERY, reps(...cases.map(caseId)));
    expect(many.errors).toBeUndefined();
    expect(many.data?._entities.map((entity) => entity.customs[0].step)).toEqual(cases.map((n) => (n % 2 === 0 ? 'RECEIVED' : 'BOOKED')));
    expect(h.dbCommands.snapshot()).toEqual(expected);
  });
});
