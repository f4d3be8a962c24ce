// The household office's read levels (access.ts READ_ACCESS, issue 4) held by the subgraph itself,
// reached directly with `_entities` as the gateway would: a talent reads only their own part and
// their own case's part, another department's staff never reads it, analysts read no names and no
// working details (where the hukou goes, the notes).
import { expectPartRefused, forbiddenPaths } from '../../test/subgraph-fixture';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../kit/context';
import { caseId, delivery, hukouForm, MINOR, RECEIVE, SPOUSE, talentId, useHouseholdFixture } from './testing';

const fixture = useHouseholdFixture();

const TALENT_PART = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) { ... on Talent { id household { transfers { id status applicant { name relation } targetAddress } } } }
  }
`;
const CASE_PART = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id household { id status note transfers { status applicant { name relation } policeStation } } } } }
`;

const OWN = talentId(1);
const asTalent = (id: string): Viewer => ({ subject: 'holder', role: 'talent', talentId: id });
const EDUCATION_STAFF: Viewer = { subject: 'school', role: 'department_staff', department: 'education' };
const HOUSEHOLD_STAFF: Viewer = { subject: 'office', role: 'department_staff', department: 'household' };


/** The holder's spouse and child moving, through a case the window delivered. */
async function withCaseTask(): Promise<void> {
  const received = await fixture.run(RECEIVE, { input: delivery(1, OWN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_FAMILY', hukouForm([SPOUSE, MINOR])) });
  expect(received.errors).toBeUndefined();
}

describe('read access, straight to the subgraph', () => {
  it("refuses a talent another talent's part, and another department's staff any talent's part", async () => {
    await withCaseTask();
    const talent = { r: [{ __typename: 'Talent', id: OWN }] };
    await expectPartRefused(fixture, TALENT_PART, talent, [asTalent(talentId(2)), EDUCATION_STAFF], 'household');

    const own = await fixture.run(TALENT_PART, talent, asTalent(OWN));
    expect(own.errors).toBeUndefined();
    expect(own.data).toMatchObject({ _entities: [{ household: { transfers: [{ applicant: { name: MINOR.name } }, { applicant: { name: SPOUSE.name } }] } }] });
  });

  it("refuses a talent another talent's case part, by the talent of its tasks", async () => {
    await withCaseTask();
    const kase = { r: [{ __typename: 'Case', id: caseId(1) }] };
    await expectPartRefused(fixture, CASE_PART, kase, [asTalent(talentId(2)), EDUCATION_STAFF], 'household');
    const own = await fixture.run(CASE_PART, kase, asTalent(OWN));
    expect(own.errors).toBeUndefined();
    expect(own.data).toMatchObject({ _entities: [{ household: [{ status: 'IN_PROGRESS', transfers: [{ policeStation: '同和派出所' }, { policeStation: '同和派出所' }] }] }] });
  });

  it("shows analysts and the office's staff the same statuses, names and working details to the staff only", async () => {
    await withCaseTask();
    const kase = { r: [{ __typename: 'Case', id: caseId(1) }] };
    const analyst = await fixture.run(CASE_PART, kase, { subject: 'stats', role: 'analyst' });
    expect(forbiddenPaths(analyst).sort()).toEqual([
      '_entities.0.household.0.note',
      '_entities.0.household.0.transfers.0.applicant.name',
      '_entities.0.household.0.transfers.0.policeStation',
      '_entities.0.household.0.transfers.1.applicant.name',
      '_entities.0.household.0.transfers.1.policeStation',
    ]);
    const hidden = { status: 'IN_PROGRESS', applicant: { name: null, relation: expect.any(String) }, policeStation: null };
    expect(analyst.data).toEqual({ _entities: [{ id: caseId(1), household: [{ id: expect.any(String), status: 'IN_PROGRESS', note: null, transfers: [hidden, hidden] }] }] });
    const staff = await fixture.run(CASE_PART, kase, HOUSEHOLD_STAFF);
    expect(staff.errors).toBeUndefined();
    expect(staff.data).toMatchObject({ _entities: [{ household: [{ note: expect.stringContaining(SPOUSE.name), transfers: [{ applicant: { name: SPOUSE.name } }, {}] }] }] });
  });
});
