// Who may read the health office's records (issue 4, access.ts), asked straight at the subgraph as
// a direct caller would: the subgraph itself refuses a talent reading another talent's part and
// another department's staff, whatever the gateway does; the window never sees clinical details.
import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expectPartRefused } from '../../test/subgraph-fixture';
import type { Viewer } from '../kit/context';
import { LIWAN_CONTRACT, RECEIVE, caseId, delivery, talentId, useHealthFixture } from './testing';

const fixture = useHealthFixture();

const OWN = talentId(1);
const OTHER = talentId(2);
const own: Viewer = { subject: 'own', role: 'talent', talentId: OWN };
const foreign: Viewer = { subject: 'foreign', role: 'talent', talentId: OTHER };
const housingStaff: Viewer = { subject: 'housing', role: 'department_staff', department: 'housing' };
const healthStaff: Viewer = { subject: 'health', role: 'department_staff', department: 'health' };
const coordinator: Viewer = { subject: 'coordinator', role: 'coordinator' };

const TALENT = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id health { familyDoctor { team startsOn } } } } }
`;
const CASE = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id health { status familyDoctorContract { communityHealthCentre endsOn } } } } }
`;
const talentRef = { r: [{ __typename: 'Talent', id: OWN, program: 'LIWAN_YINGCAI' }] };
const caseRef = { r: [{ __typename: 'Case', id: caseId(1) }] };

/** Each error as "path: code". */
const refusals = (result: ExecutionResult) => (result.errors ?? []).map((error) => `${error.path?.join('.')}: ${error.extensions?.code}`);

describe('reads straight at the health subgraph', () => {
  it('answers the talent’s own part and the office, refuses another talent and another department', async () => {
    expect((await fixture.run(RECEIVE, { input: delivery(1, OWN, 'LIWAN_YINGCAI', 'FAMILY_DOCTOR_CONTRACT', LIWAN_CONTRACT) })).errors).toBeUndefined();
    for (const viewer of [own, healthStaff]) {
      const talent = await fixture.run(TALENT, talentRef, viewer);
      expect(talent.errors).toBeUndefined();
      expect(talent.data).toEqual({ _entities: [{ id: OWN, health: { familyDoctor: { team: LIWAN_CONTRACT.team, startsOn: LIWAN_CONTRACT.startsOn } } }] });
      const kase = await fixture.run(CASE, caseRef, viewer);
      expect(kase.errors).toBeUndefined();
      expect(kase.data).toEqual({ _entities: [{ id: caseId(1), health: [{ status: 'DONE', familyDoctorContract: { communityHealthCentre: LIWAN_CONTRACT.communityHealthCentre, endsOn: expect.any(String) } }] }] });
    }
    await expectPartRefused(fixture, TALENT, talentRef, [foreign, housingStaff], 'health');
    await expectPartRefused(fixture, CASE, caseRef, [foreign, housingStaff], 'health');
  });

  it('shows the window dates and statuses, not where or with whom the talent is seen', async () => {
    await fixture.run(RECEIVE, { input: delivery(1, OWN, 'LIWAN_YINGCAI', 'FAMILY_DOCTOR_CONTRACT', LIWAN_CONTRACT) });
    const talent = await fixture.run(TALENT, talentRef, coordinator);
    expect(refusals(talent)).toEqual(['_entities.0.health.familyDoctor.team: FORBIDDEN']);
    expect(talent.data).toEqual({ _entities: [{ id: OWN, health: { familyDoctor: { team: null, startsOn: LIWAN_CONTRACT.startsOn } } }] });
  });
});
