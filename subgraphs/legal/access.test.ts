// Who may read the legal office's records (issue 4, access.ts), asked straight at the subgraph as
// a direct caller would: the subgraph itself refuses a talent reading another talent's part and
// another department's staff, whatever the gateway does; the window never sees what a consultation is about.
import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expectPartRefused } from '../../test/subgraph-fixture';
import type { Viewer } from '../kit/context';
import { PERSONAL_PHONE, RECEIVE, caseId, delivery, talentId, useLegalFixture } from './testing';

const fixture = useLegalFixture();

const OWN = talentId(1);
const own: Viewer = { subject: 'own', role: 'talent', talentId: OWN };
const foreign: Viewer = { subject: 'foreign', role: 'talent', talentId: talentId(2) };
const healthStaff: Viewer = { subject: 'health', role: 'department_staff', department: 'health' };
const legalStaff: Viewer = { subject: 'legal', role: 'department_staff', department: 'legal' };
const specialist: Viewer = { subject: 'specialist', role: 'specialist' };

const TALENT = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id legal { consultations { topic status } } } } }
`;
const CASE = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id legal { status consultation { topic free } } } } }
`;
const talentRef = { r: [{ __typename: 'Talent', id: OWN }] };
const caseRef = { r: [{ __typename: 'Case', id: caseId(1) }] };

/** Each error as "path: code". */
const refusals = (result: ExecutionResult) => (result.errors ?? []).map((error) => `${error.path?.join('.')}: ${error.extensions?.code}`);

describe('reads straight at the legal subgraph', () => {
  it('answers the talent’s own part and the office, refuses another talent and another department', async () => {
    expect((await fixture.run(RECEIVE, { input: delivery(1, OWN, 'BAIYUN_YUNJU', PERSONAL_PHONE) })).errors).toBeUndefined();
    for (const viewer of [own, legalStaff]) {
      const talent = await fixture.run(TALENT, talentRef, viewer);
      expect(talent.errors).toBeUndefined();
      expect(talent.data).toEqual({ _entities: [{ id: OWN, legal: { consultations: [{ topic: PERSONAL_PHONE.topic, status: 'REQUESTED' }] } }] });
      const kase = await fixture.run(CASE, caseRef, viewer);
      expect(kase.errors).toBeUndefined();
      expect(kase.data).toEqual({ _entities: [{ id: caseId(1), legal: [{ status: 'IN_PROGRESS', consultation: { topic: PERSONAL_PHONE.topic, free: true } }] }] });
    }
    await expectPartRefused(fixture, TALENT, talentRef, [foreign, healthStaff], 'legal');
    await expectPartRefused(fixture, CASE, caseRef, [foreign, healthStaff], 'legal');
  });

  it('shows the window the consultation’s status, not its topic', async () => {
    await fixture.run(RECEIVE, { input: delivery(1, OWN, 'BAIYUN_YUNJU', PERSONAL_PHONE) });
    const kase = await fixture.run(CASE, caseRef, specialist);
    expect(refusals(kase)).toEqual(['_entities.0.legal.0.consultation.topic: FORBIDDEN']);
    expect(kase.data).toEqual({ _entities: [{ id: caseId(1), legal: [{ status: 'IN_PROGRESS', consultation: { topic: null, free: true } }] }] });
  });
});
