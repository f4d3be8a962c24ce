// Case.housing through the subgraph schema (_entities, as the gateway asks): a case's tasks with
// their applications, in representation order, empty before the delivery arrives, and one query
// per collection however many cases are asked for (DESIGN.md: no N+1).
import { describe, expect, it } from 'vitest';
import { caseId, delivery, liwanForm, person, RECEIVE, useHousingFixture } from './test-support';

const QUERY = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Case { id housing { item status step reason dueOn application { status project caseId } } }
    }
  }
`;
const reps = (...ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'Case', id })) });

const h = useHousingFixture();

describe('Case.housing', () => {
  it("returns each case's task with its application, in the order asked, and [] for a case not delivered yet", async () => {
    await h.run(RECEIVE, { input: delivery(1, liwanForm()) });
    await h.run(RECEIVE, { input: delivery(2, liwanForm({ district: '白云区' })) });
    const result = await h.run(QUERY, reps(caseId(2), caseId(7), caseId(1)));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          id: caseId(2),
          housing: [{
            item: 'TALENT_APARTMENT',
            status: 'REFUSED',
            step: null,
            reason: '荔湾英才卡持卡人须在荔湾区申请人才公寓（所填为“白云区”）（a Liwan talent card holder applies in Liwan, not "白云区"）— 002 四',
            dueOn: '2026-04-28',
            application: null,
          }],
        },
        { id: caseId(7), housing: [] },
        {
          id: caseId(1),
          housing: [{ item: 'TALENT_APARTMENT', status: 'IN_PROGRESS', step: 'SUBMITTED', reason: null, dueOn: '2026-04-28', application: { status: 'SUBMITTED', project: '白鹅潭人才公寓', caseId: caseId(1) } }],
        },
      ],
    });
  });

  it('costs one find per collection whether 1 or 20 cases are asked for', async () => {
    const cases = Array.from({ length: 20 }, (_, index) => index + 1);
    for (const n of cases) {
      const owner = n % 4 === 0 ? 1 : 0;
      await h.run(RECEIVE, { input: delivery(n, liwanForm({ declarations: [person('李伟', 'HOLDER', owner), person('陈芳', 'SPOUSE'), person('李子轩', 'MINOR_CHILD')] })) });
    }
    const expected = { 'find case_tasks': 1, 'find talent_apartment_applications': 1 };

    h.dbCommands.reset();
    const one = await h.run(QUERY, reps(caseId(1)));
    expect(one.errors).toBeUndefined();
    expect(h.dbCommands.snapshot()).toEqual(expected);

    h.dbCommands.reset();
    const many = await h.run<{ _entities: { housing: { status: string }[] }[] }>(QUERY, reps(...cases.map(caseId)));
    expect(many.errors).toBeUndefined();
    expect(many.data?._entities.map((entity) => entity.housing[0].status)).toEqual(cases.map((n) => (n % 4 === 0 ? 'REFUSED' : 'IN_PROGRESS')));
    expect(h.dbCommands.snapshot()).toEqual(expected);
  });
});
