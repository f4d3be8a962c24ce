// The customs office's access rules (access.ts, issue 4) held by the subgraph itself, reached
// directly as the gateway would: a talent reads only their own part and their own case's part,
// another department's staff never reads it; a talent changes and cancels only their own booking
// (000 十三（三）3), under the same booking rules as the office.
import { expectPartRefused, forbiddenPaths } from '../../test/subgraph-fixture';
import { describe, expect, it } from 'vitest';
import { rulesOf } from '../../test/case-desk';
import type { Viewer } from '../kit/context';
import { airportForm, CANCEL, caseId, CHANGE, delivery, HOUR, NOW, RECEIVE, talentId, useCustomsFixture } from './test-support';

const h = useCustomsFixture();

const TALENT_PART = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) { ... on Talent { id customs { airportService { used } airportBookings { id status contactPhone } } } }
  }
`;
const CASE_PART = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id customs { id status note booking { id flightNumber } } } } }
`;

const OWN = talentId(1);
const asTalent = (id: string): Viewer => ({ subject: 'holder', role: 'talent', talentId: id });
const LEGAL_STAFF: Viewer = { subject: 'counsel', role: 'department_staff', department: 'legal' };

const codeOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code ?? null;

type Received = { receiveCustomsCaseTask: { booking: { id: string } } };
/** The holder's booking, made through a case delivered by the window. */
async function ownBooking(): Promise<string> {
  const result = await h.run<Received>(RECEIVE, { input: delivery(1, airportForm()) });
  expect(result.errors).toBeUndefined();
  return result.data!.receiveCustomsCaseTask.booking.id;
}
const stored = async (id: string) => (await h.models.AirportServiceBooking.findById(id).lean())!;

describe('read access, straight to the subgraph', () => {
  it("refuses a talent another talent's part and case part, and another department's staff both", async () => {
    await ownBooking();
    const talent = { r: [{ __typename: 'Talent', id: OWN, program: 'BAIYUN_YUNJU' }] };
    const kase = { r: [{ __typename: 'Case', id: caseId(1) }] };
    await expectPartRefused(h, TALENT_PART, talent, [asTalent(talentId(2)), LEGAL_STAFF], 'customs');
    await expectPartRefused(h, CASE_PART, kase, [asTalent(talentId(2)), LEGAL_STAFF], 'customs');
    const own = await h.run(TALENT_PART, talent, asTalent(OWN));
    expect(own.errors).toBeUndefined();
    expect(own.data).toMatchObject({ _entities: [{ customs: { airportService: { used: 1 }, airportBookings: [{ status: 'BOOKED', contactPhone: '138****5678' }] } }] });
  });

  it('masks the contact phone: the full number only for the holder and the office, asked for', async () => {
    await ownBooking();
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { customs { airportBookings { contactPhone(full: true) } } } } }`;
    const talent = { r: [{ __typename: 'Talent', id: OWN, program: 'BAIYUN_YUNJU' }] };
    const phone = (result: { data?: unknown }) => (result.data as { _entities: { customs: { airportBookings: { contactPhone: string | null }[] } }[] })._entities[0].customs.airportBookings[0].contactPhone;
    for (const viewer of [asTalent(OWN), { subject: 'desk', role: 'department_staff', department: 'customs' } as Viewer]) {
      expect(phone(await h.run(query, talent, viewer))).toBe('13812345678');
    }
    const coordinator = await h.run(query, talent, { subject: 'c', role: 'coordinator' });
    expect(forbiddenPaths(coordinator)).toEqual(['_entities.0.customs.airportBookings.0.contactPhone']);
  });

  it('shows analysts the statuses, not the flight or the phone', async () => {
    await ownBooking();
    const analyst: Viewer = { subject: 'stats', role: 'analyst' };
    const part = await h.run(TALENT_PART, { r: [{ __typename: 'Talent', id: OWN, program: 'BAIYUN_YUNJU' }] }, analyst);
    expect(forbiddenPaths(part)).toEqual(['_entities.0.customs.airportBookings.0.contactPhone']);
    const kase = await h.run(CASE_PART, { r: [{ __typename: 'Case', id: caseId(1) }] }, analyst);
    expect(forbiddenPaths(kase).sort()).toEqual(['_entities.0.customs.0.booking.flightNumber', '_entities.0.customs.0.note']);
    expect(kase.data).toMatchObject({ _entities: [{ customs: [{ status: 'IN_PROGRESS', note: null, booking: { flightNumber: null } }] }] });
  });
});

describe('a talent on their own booking (000 十三（三）3)', () => {
  it("refuses a change or a cancellation of another talent's booking, and changes nothing", async () => {
    const id = await ownBooking();
    const before = await stored(id);
    expect(codeOf(await h.run(CHANGE, { id, input: { flightNumber: 'CZ3999' } }, asTalent(talentId(2))))).toBe('FORBIDDEN');
    expect(codeOf(await h.run(CANCEL, { id }, asTalent(talentId(2))))).toBe('FORBIDDEN');
    expect(await stored(id)).toEqual(before);
  });

  it('changes and cancels their own, every booking rule checked as for the office', async () => {
    const id = await ownBooking();
    const late = await h.run(CHANGE, { id, input: { flightTime: new Date(NOW.getTime() + HOUR).toISOString() } }, asTalent(OWN));
    expect(rulesOf(late.errors?.[0])).toEqual([['AIRPORT_LEAD_TIME', '000 十三（三）1']]);
    const changed = await h.run(CHANGE, { id, input: { flightNumber: 'CZ3999' } }, asTalent(OWN));
    expect(changed.errors).toBeUndefined();
    expect(changed.data).toMatchObject({ changeAirportServiceBooking: { flightNumber: 'CZ3999', status: 'BOOKED' } });
    const cancelled = await h.run(CANCEL, { id }, asTalent(OWN));
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data).toMatchObject({ cancelAirportServiceBooking: { status: 'CANCELLED' } });
  });

  it('answers NOT_FOUND, not FORBIDDEN, for a booking that does not exist', async () => {
    expect(codeOf(await h.run(CANCEL, { id: talentId(99) }, asTalent(OWN)))).toBe('NOT_FOUND');
  });
});
