// The housing office's read levels (access.ts READ_ACCESS, issue 4) held by the subgraph itself,
// reached directly with `_entities` as the gateway would: a talent reads only their own part and
// their own case's part, another department's staff never reads it, analysts read no working details.
import { expectPartRefused, forbiddenPaths } from '../../test/subgraph-fixture';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../kit/context';
import { caseId, delivery, liwanForm, RECEIVE, talentId, useHousingFixture } from './test-support';

const fixture = useHousingFixture();

const TALENT_PART = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) { ... on Talent { id housing { eligibility { eligible reasons } applications { id status } } } }
  }
`;
const CASE_PART = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id housing { id status note application { id status } } } } }
`;

const OWN = talentId(1);
const asTalent = (id: string): Viewer => ({ subject: 'holder', role: 'talent', talentId: id });
const EDUCATION_STAFF: Viewer = { subject: 'school', role: 'department_staff', department: 'education' };
const HOUSING_STAFF: Viewer = { subject: 'office', role: 'department_staff', department: 'housing' };


async function withCaseTask(): Promise<void> {
  const received = await fixture.run(RECEIVE, { input: delivery(1, liwanForm()) });
  expect(received.errors).toBeUndefined();
}

describe('read access, straight to the subgraph', () => {
  it("refuses a talent another talent's part, and another department's staff any talent's part", async () => {
    const talent = { r: [{ __typename: 'Talent', id: OWN }] };
    await expectPartRefused(fixture, TALENT_PART, talent, [asTalent(talentId(2)), EDUCATION_STAFF], 'housing');

    const own = await fixture.run(TALENT_PART, talent, asTalent(OWN));
    expect(own.errors).toBeUndefined();
    expect(own.data).toMatchObject({ _entities: [{ id: OWN, housing: { applications: [] } }] });
  });

  it("refuses a talent another talent's case part, by the talent of its tasks", async () => {
    await withCaseTask();
    const kase = { r: [{ __typename: 'Case', id: caseId(1) }] };
    await expectPartRefused(fixture, CASE_PART, kase, [asTalent(talentId(2)), EDUCATION_STAFF], 'housing');
    const own = await fixture.run(CASE_PART, kase, asTalent(OWN));
    expect(own.errors).toBeUndefined();
    expect(own.data).toMatchObject({ _entities: [{ housing: [{ status: 'IN_PROGRESS', application: { status: 'SUBMITTED' } }] }] });
  });

  it("shows analysts and the office's staff the same statuses, the notes to the staff only", async () => {
    await withCaseTask();
    const kase = { r: [{ __typename: 'Case', id: caseId(1) }] };
    const analyst = await fixture.run(CASE_PART, kase, { subject: 'stats', role: 'analyst' });
    expect(forbiddenPaths(analyst)).toEqual(['_entities.0.housing.0.note']);
    expect(analyst.data).toMatchObject({ _entities: [{ housing: [{ status: 'IN_PROGRESS', note: null, application: { status: 'SUBMITTED' } }] }] });
    const staff = await fixture.run(CASE_PART, kase, HOUSING_STAFF);
    expect(staff.errors).toBeUndefined();
    expect(staff.data).toMatchObject({ _entities: [{ housing: [{ note: expect.stringContaining('白鹅潭人才公寓') }] }] });
  });
});
