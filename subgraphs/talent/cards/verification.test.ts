// 核实 (003 九（四）): name + ID number + card number → genuine and in force, nothing else; every
// mismatch answers the same; a 副卡 is verified with its holder's own name and ID number and follows
// its main card; each asker is limited and every question audited.
import { describe, expect, it } from 'vitest';
import { useRegistryFixture } from './registry-fixture';
import { auditEntries, createAuditTrail } from '../../kit/audit';
import { registerTalentModels } from '../model';
import { BAIYUN, EXPIRED, SPOUSE, TIANHE } from '../cases/fixtures';
import { VERIFY_LIMIT, VerificationLimiter, verifyCard } from './verification';

const { fixture, clock } = useRegistryFixture(new Date('2026-12-15T04:00:00Z'));
const COORDINATOR = { subject: 'coordinator-1', role: 'coordinator' } as const;
const VERIFY = /* GraphQL */ `query($n: String!, $i: String!, $c: String!) { verifyCard(name: $n, idNumber: $i, cardNumber: $c) { genuine inForce } }`;
const NO = { genuine: false, inForce: false };

let asker = 0;
/** Each question from a new asker, so the limit does not interfere (it has its own test). */
async function verify(name: string, idNumber: string, cardNumber: string) {
  asker += 1;
  const result = await fixture.run<{ verifyCard: { genuine: boolean; inForce: boolean } }>(VERIFY, { n: name, i: idNumber, c: cardNumber }, { subject: `talent-${asker}`, role: 'talent', talentId: '64c0000000000000000000ff' });
  expect(result.errors).toBeUndefined();
  return result.data!.verifyCard;
}
const numberOf = async (id: string) => (await registerTalentModels(fixture.connection).Talent.findById(id).lean())!.mainCard.number;


describe('verifyCard', () => {
  it('answers genuine and in force for a matching holder, and only that', async () => {
    expect(await verify('陈思远', '440111198406181239', await numberOf(BAIYUN))).toEqual({ genuine: true, inForce: true });
    expect(await verify(' 陈思远 ', '440111198406181239', (await numberOf(BAIYUN)).toLowerCase())).toEqual({ genuine: true, inForce: true });
  });

  it('a genuine card out of force: expired, or on the contact list from the next month', async () => {
    expect(await verify('王磊', '440111197001011237', await numberOf(EXPIRED))).toEqual({ genuine: true, inForce: false });
    await fixture.run(`mutation { moveToContactList(talentId: "${BAIYUN}", reason: "调整") { id } }`, {}, COORDINATOR);
    expect(await verify('陈思远', '440111198406181239', await numberOf(BAIYUN))).toEqual({ genuine: true, inForce: true });
    clock.set(new Date('2027-01-01T04:00:00Z'));
    expect(await verify('陈思远', '440111198406181239', await numberOf(BAIYUN))).toEqual({ genuine: true, inForce: false });
  });

  it('every mismatch gives the same answer', async () => {
    const number = await numberOf(BAIYUN);
    expect([
      await verify('陈思', '440111198406181239', number), // wrong name
      await verify('陈思远', '440111198406181230', number), // wrong ID number
      await verify('陈思远', '440111198406181239', 'BY-2099-000001'), // unknown card
      await verify('黄婷', '440103198801012224', number), // another holder's name and ID with this card
      await verify('陈思远', '440111198406181239', 'x'.repeat(200)), // too long to be a card number
      await verify('', '', ''),
    ]).toEqual([NO, NO, NO, NO, NO, NO]);
  });

  it('a 副卡 is verified with its holder and follows the main card', async () => {
    await registerTalentModels(fixture.connection).Talent.updateOne({ _id: TIANHE }, { $set: { 'mainCard.issuedOn': '2025-06-01' } });
    await fixture.run(`mutation { issueAffiliatedCard(talentId: "${TIANHE}", familyMemberId: "${SPOUSE}") { id } }`, {}, COORDINATOR);
    const card = `${await numberOf(TIANHE)}-1`;
    expect(await verify('林晓燕', '440103198602112345', card)).toEqual({ genuine: true, inForce: true });
    expect(await verify('李明', '440106198001011230', card)).toEqual(NO); // the main holder is not the 副卡's holder
    await fixture.run(`mutation { terminateCard(input: { talentId: "${TIANHE}", ground: CRIME, reason: "经查实" }) { id } }`, {}, COORDINATOR);
    expect(await verify('林晓燕', '440103198602112345', card)).toEqual({ genuine: true, inForce: false });
  });

  it('is limited per asker, the refusal naming its rule and source', async () => {
    const viewer = { subject: 'one-asker', role: 'department_staff', department: 'customs' } as const;
    const ask = () => fixture.run(VERIFY, { n: 'a', i: 'b', c: 'c' }, viewer);
    for (let question = 0; question < VERIFY_LIMIT; question += 1) expect((await ask()).errors).toBeUndefined();
    expect((await ask()).errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', rule: 'VERIFY_RATE_LIMIT', source: '003 九（四）' });
    clock.advance(61_000);
    expect((await ask()).errors).toBeUndefined();
  });

  it('audits who asked, naming the holder only when the three matched', async () => {
    const models = registerTalentModels(fixture.connection);
    const viewer = { subject: 'bank-officer', role: 'department_staff' as const, department: 'customs' as const };
    const trail = createAuditTrail('talent', 'req-1', viewer, clock.now);
    const deps = { models, limiter: new VerificationLimiter(), now: clock.now(), context: { viewer, audit: trail } };
    await verifyCard(deps, { name: '陈思远', idNumber: '440111198406181239', cardNumber: await numberOf(BAIYUN) });
    await verifyCard(deps, { name: '陈思远', idNumber: '0', cardNumber: await numberOf(BAIYUN) });
    expect(auditEntries(trail.take()).map((event) => [event.subject, event.operation, event.talentId, event.outcome])).toEqual([
      // One record for the request, its reads in talent order (no talent named first).
      ['bank-officer', 'verifyCard', null, 'OK'],
      ['bank-officer', 'verifyCard', BAIYUN, 'OK'],
    ]);
  });
});
