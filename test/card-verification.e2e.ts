// 核实 through the gateway (003 九（四）): anyone — here a talent asking about someone
// else's card, and a department's staff — learns whether the card is genuine and in force, and
// nothing more: the answer has those two booleans only, the same for every mismatch, and asking for
// anything else is not in the type. A caller without a token may ask too (gateway/auth.ts), counted by
// address for the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BAIYUN, withTestTalents } from './cases';
import { LIWAN } from '../subgraphs/talent/cases/fixtures';
import { bearer } from './tokens';
import { VERIFY_LIMIT } from '../subgraphs/talent/cards/verification';

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

  it('answers an anonymous caller too, counting each address apart from signed-in askers', async () => {
    const anonymous = { authorization: '' };
    expect(await harness.query(VERIFY, { n: '陈思远', i: '440111198406181239', c: cardNumber }, anonymous)).toEqual({ data: { verifyCard: { genuine: true, inForce: true } } });
    for (let asked = 1; asked < VERIFY_LIMIT; asked += 1) await harness.query(VERIFY, { n: '陈思远', i: '0', c: cardNumber }, anonymous);
    const limited = await harness.query(VERIFY, { n: '陈思远', i: '440111198406181239', c: cardNumber }, anonymous);
    expect(limited.data ?? null).toBeNull();
    expect(limited.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', source: '003 九（四）' });
    // A signed-in asker has a count of their own; and nothing but the two booleans is open without a token.
    const staff = await bearer({ subject: 'legal-1', role: 'department_staff', department: 'legal' });
    expect(await harness.query(VERIFY, { n: '陈思远', i: '440111198406181239', c: cardNumber }, staff)).toEqual({ data: { verifyCard: { genuine: true, inForce: true } } });
    const more = await harness.query(`{ verifyCard(name: "陈思远", idNumber: "440111198406181239", cardNumber: "${cardNumber}") { genuine } talent(id: "${BAIYUN}") { name } }`, {}, anonymous);
    expect(more.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
