// The education bureau's read levels (access.ts READ_ACCESS, issue 4) held by the subgraph itself,
// reached directly with `_entities` as the gateway would: a talent reads only their own part and
// their own case's part, another department's staff never reads it, analysts read no child's name
// and no working details (schools, lottery and priority outcomes, notes).
import { expectPartRefused, forbiddenPaths } from '../../test/subgraph-fixture';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../kit/context';
import { caseId, delivery, enrolmentForm, RECEIVE, talentId, TODDLER, useEducationFixture } from './testing';

const fixture = useEducationFixture();

const TALENT_PART = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) { ... on Talent { id education { enrolments { status child { name } preferredSchool } } } }
  }
`;
const CASE_PART = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Case { id education { status note enrolment { status level child { name birthDate ageAtEntry } preferredSchool lotteryOutcome } } }
    }
  }
`;

const OWN = talentId(1);
const asTalent = (id: string): Viewer => ({ subject: 'holder', role: 'talent', talentId: id });
const HOUSEHOLD_STAFF: Viewer = { subject: 'police', role: 'department_staff', department: 'household' };
const EDUCATION_STAFF: Viewer = { subject: 'centre', role: 'department_staff', department: 'education' };


/** A Baiyun kindergarten request for the holder's toddler, through a case the window delivered. */
async function withCaseTask(): Promise<void> {
  const received = await fixture.run(RECEIVE, { input: delivery(1, OWN, 'BAIYUN_YUNJU', 'KINDERGARTEN_ENROLMENT', enrolmentForm(TODDLER, 'KINDERGARTEN')) });
  expect(received.errors).toBeUndefined();
}

describe('read access, straight to the subgraph', () => {
  it("refuses a talent another talent's part, and another department's staff any talent's part", async () => {
    await withCaseTask();
    const talent = { r: [{ __typename: 'Talent', id: OWN }] };
    await expectPartRefused(fixture, TALENT_PART, talent, [asTalent(talentId(2)), HOUSEHOLD_STAFF], 'education');

    const own = await fixture.run(TALENT_PART, talent, asTalent(OWN));
    expect(own.errors).toBeUndefined();
    expect(own.data).toEqual({ _entities: [{ id: OWN, education: { enrolments: [{ status: 'RECEIVED', child: { name: TODDLER.name }, preferredSchool: '广州市白云区京溪幼儿园' }] } }] });
  });

  it("refuses a talent another talent's case part, by the talent of its tasks", async () => {
    await withCaseTask();
    const kase = { r: [{ __typename: 'Case', id: caseId(1) }] };
    await expectPartRefused(fixture, CASE_PART, kase, [asTalent(talentId(2)), HOUSEHOLD_STAFF], 'education');
    const own = await fixture.run(CASE_PART, kase, asTalent(OWN));
    expect(own.errors).toBeUndefined();
    expect(own.data).toMatchObject({ _entities: [{ education: [{ status: 'IN_PROGRESS', enrolment: { status: 'RECEIVED', lotteryOutcome: 'PENDING' } }] }] });
  });

  it("shows analysts and the bureau's staff the same statuses, the child's name and the schools to the staff only", async () => {
    await withCaseTask();
    const kase = { r: [{ __typename: 'Case', id: caseId(1) }] };
    const analyst = await fixture.run(CASE_PART, kase, { subject: 'stats', role: 'analyst' });
    expect(forbiddenPaths(analyst).sort()).toEqual([
      '_entities.0.education.0.enrolment.child.birthDate',
      '_entities.0.education.0.enrolment.child.name',
      '_entities.0.education.0.enrolment.lotteryOutcome',
      '_entities.0.education.0.enrolment.preferredSchool',
      '_entities.0.education.0.note',
    ]);
    expect(analyst.data).toEqual({
      _entities: [
        {
          id: caseId(1),
          education: [
            {
              status: 'IN_PROGRESS',
              note: null,
              enrolment: { status: 'RECEIVED', level: 'KINDERGARTEN', child: { name: null, birthDate: null, ageAtEntry: 3 }, preferredSchool: null, lotteryOutcome: null },
            },
          ],
        },
      ],
    });
    const staff = await fixture.run(CASE_PART, kase, EDUCATION_STAFF);
    expect(staff.errors).toBeUndefined();
    expect(staff.data).toMatchObject({ _entities: [{ education: [{ note: expect.stringContaining(TODDLER.name), enrolment: { child: { birthDate: TODDLER.birthDate } } }] }] });
  });
});
