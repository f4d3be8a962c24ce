// 联系名单 through the gateway (001 第六条（一）: 人才服务功能从调整的次月开始终止): a holder moved to the
// contact list keeps a department's direct service this month — customs books the Baiyun holder's
// airport service, asking the window's registry — and is refused from the first day of the next
// month, with the rule and its clause. Their 副卡 follow the main card on the same day (003 六（二）).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BAIYUN, withTestTalents } from './cases';
import { SPOUSE, TIANHE } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;
const THIS_MONTH = new Date('2026-12-15T04:00:00Z');
const NEXT_MONTH = new Date('2027-01-01T01:00:00Z'); // 09:00 in China on the first day of the next month

beforeAll(async () => {
  harness = await startHarness();
  harness.clock.set(THIS_MONTH);
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

const BOOK = /* GraphQL */ `
  mutation Book($input: BookAirportServiceInput!) { bookAirportService(input: $input) { status servicePoint } }
`;
const booking = (flightNumber: string) => ({
  talentId: BAIYUN,
  program: 'BAIYUN_YUNJU',
  scope: 'DOMESTIC',
  direction: 'DEPARTURE',
  flightNumber,
  flightTime: new Date(harness.clock.now().getTime() + 24 * 3600_000).toISOString(),
  passengers: [{ name: '陈思远' }],
  greeters: [],
  vehicles: [],
  checkedLuggage: false,
  nameSign: false,
  contactPhone: '13800138000',
});
const MOVE = /* GraphQL */ `mutation($t: ID!) { moveToContactList(talentId: $t, reason: "工作变动，不再符合发放条件") { mainCard { status contactListFrom } } }`;
const CARDS = /* GraphQL */ `query($t: ID!) { talent(id: $t) { mainCard { status } cards { kind status contactListFrom } } }`;

describe('the contact list from the following month', () => {
  it('customs serves the holder this month and refuses them from the first day of the next', async () => {
    const moved = await harness.query(MOVE, { t: BAIYUN });
    expect(moved).toEqual({ data: { moveToContactList: { mainCard: { status: 'ACTIVE', contactListFrom: '2027-01-01' } } } });

    const thisMonth = await harness.query(BOOK, { input: booking('CZ3101') });
    expect(thisMonth).toEqual({ data: { bookAirportService: { status: 'BOOKED', servicePoint: '国内商务贵宾厅' } } });

    harness.clock.set(NEXT_MONTH);
    const nextMonth = await harness.query(BOOK, { input: booking('CZ3103') });
    expect(nextMonth.data).toBeNull();
    expect(nextMonth.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.talentId', rule: 'CARD_NOT_IN_FORCE', source: '001 第六条（一）' });
    const listed = await harness.query(`{ talents(filter: { cardStatus: CONTACT_LIST }) { totalCount } }`);
    expect(listed).toEqual({ data: { talents: { totalCount: 1 } } });
    harness.clock.set(THIS_MONTH);
  });

  it('a 副卡 moves with its main card, on the same day', async () => {
    await harness.subgraphs.talent.connection.models.Talent.updateOne({ _id: TIANHE }, { $set: { 'mainCard.issuedOn': '2025-06-01' } });
    const issued = await harness.query(`mutation { issueAffiliatedCard(talentId: "${TIANHE}", familyMemberId: "${SPOUSE}") { id } }`);
    expect(issued.errors).toBeUndefined();
    await harness.query(MOVE, { t: TIANHE });

    expect(await harness.query(CARDS, { t: TIANHE })).toEqual({
      data: { talent: { mainCard: { status: 'ACTIVE' }, cards: [{ kind: 'MAIN', status: 'ACTIVE', contactListFrom: '2027-01-01' }, { kind: 'AFFILIATED', status: 'ACTIVE', contactListFrom: '2027-01-01' }] } },
    });
    harness.clock.set(NEXT_MONTH);
    expect(await harness.query(CARDS, { t: TIANHE })).toEqual({
      data: { talent: { mainCard: { status: 'CONTACT_LIST' }, cards: [{ kind: 'MAIN', status: 'CONTACT_LIST', contactListFrom: '2027-01-01' }, { kind: 'AFFILIATED', status: 'CONTACT_LIST', contactListFrom: '2027-01-01' }] } },
    });
    harness.clock.set(THIS_MONTH);
  });
});
