// 核实 through the gateway (003 九（四）): any signed-in caller — here a talent asking about someone
// else's card, and a department's staff — learns whether the card is genuine and in force, and
// nothing more: the answer has those two booleans only, the same for every mismatch, and asking for
// anything else is not in the type. Anonymous callers are refused by the gateway (gateway/auth.ts
// allows them the service catalog only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BAIYUN, withTestTalents } from './cases';
import { LIWAN } from '../subgraphs/talent/cases/fixtures';
import { bearer } from './tokens';

let harness: Harness;
let cardNumber: string;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
  cardNumber = (await harness.subgraphs.talent.connection.models.Talent.findById(BAIYUN).lean<{ mainCard: { number: string } }>())!.mainCard.number;
});
afterAll(() => harness.stop());

const VERIFY = /* GraphQL */ `query($n: String!, $i: String!, $c: String!) { verifyCard(name: $n, idNumber: $i, cardNumber: $c) { genuine inForce } }`;

describe('verifyCard', () => {
  it('answers yes/no to another talent, and the same no for every mismatch', async () => {
    const other = await bearer({ subject: 'talent-liwan', role: 'talent', talentId: LIWAN });
    expect(await harness.query(VERIFY, { n: '陈思远', i: '440111198406181239', c: cardNumber }, other)).toEqual({ data: { verifyCard: { genuine: true, inForce: true } } });
    const wrongName = await harness.query(VERIFY, { n: '陈思', i: '440111198406181239', c: cardNumber }, other);
    const wrongId = await harness.query(VERIFY, { n: '陈思远', i: '440111198406181230', c: cardNumber }, other);
    const unknownCard = await harness.query(VERIFY, { n: '陈思远', i: '440111198406181239', c: 'BY-2099-000001' }, other);
    for (const answer of [wrongName, wrongId, unknownCard]) expect(answer).toEqual({ data: { verifyCard: { genuine: false, inForce: false } } });
  });

  it('reveals nothing else: the answer type has no other field', async () => {
    const staff = await bearer({ subject: 'customs-1', role: 'department_staff', department: 'customs' });
    const asked = await harness.query(`{ verifyCard(name: "陈思远", idNumber: "440111198406181239", cardNumber: "${cardNumber}") { genuine inForce talent { id } } }`, {}, staff);
    expect(asked.data).toBeUndefined();
    expect(asked.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses an anonymous caller at the gateway', async () => {
    const anonymous = await harness.query(VERIFY, { n: '陈思远', i: '440111198406181239', c: cardNumber }, { authorization: '' });
    expect(anonymous.data ?? null).toBeNull();
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
