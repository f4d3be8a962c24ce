// 动态管理 against the subgraph (001 第六条; 003 九（三））: the contact list takes effect on the first day
// of the following month (status, the cardStatus filter, 副卡 following); fraud or a crime revokes at
// once, and a fraud bars the applicant and the unit for 3 years; retirement changes no status; the
// employer's assessments are kept as history, once per day; only the window records any of it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../../test/environment';
import { todayInChina } from '../../kit/dates';
import { buildTalentSubgraph } from '../server';
import { registerTalentModels } from '../model';
import { BAIYUN, SPOUSE, TIANHE, insertTestTalents } from '../cases/fixtures';
import { APPLY, personInput, REGISTER, tianheApplication } from './fixtures';

let fixture: SubgraphFixture;
const clock = new TestClock();
const COORDINATOR = { subject: 'coordinator-1', role: 'coordinator' } as const;
const HEALTH_STAFF = { subject: 'health-1', role: 'department_staff', department: 'health' } as const;
/** Mid-December in China: the contact list takes effect on 2027-01-01. */
const MID_MONTH = new Date('2026-12-15T04:00:00Z');
const NEXT_MONTH = new Date('2027-01-01T00:30:00+08:00');
const LAST_DAY = new Date('2026-12-31T23:30:00+08:00');

const CARDS = /* GraphQL */ `query($id: ID!) { talent(id: $id) { mainCard { status contactListFrom expiresOn } cards { kind status contactListFrom expiresOn } } }`;
const MOVE = /* GraphQL */ `mutation($t: ID!) { moveToContactList(talentId: $t, reason: "职务调整，不再符合发放条件") { mainCard { status contactListFrom contactListReason } } }`;
const TERMINATE = /* GraphQL */ `mutation($input: TerminateCardInput!) { terminateCard(input: $input) { mainCard { status terminatedOn terminationGround } cards { kind status } } }`;
const COUNT = /* GraphQL */ `query($s: CardStatus!) { talents(filter: { cardStatus: $s }) { totalCount } }`;

type CardsAnswer = { talent: { mainCard: { status: string; contactListFrom: string | null; expiresOn: string }; cards: { kind: string; status: string; contactListFrom: string | null; expiresOn: string }[] } };
const cardsOf = async (id: string) => (await fixture.run<CardsAnswer>(CARDS, { id }, COORDINATOR)).data!.talent;
const count = async (status: string) => (await fixture.run<{ talents: { totalCount: number } }>(COUNT, { s: status }, COORDINATOR)).data!.talents.totalCount;
const rulesOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => (errors?.[0]?.extensions?.problems as { rule: string }[] | undefined)?.map((problem) => problem.rule);

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
});
beforeEach(async () => {
  clock.set(MID_MONTH);
  await fixture.clear();
  await insertTestTalents(fixture.connection, todayInChina(clock.now()));
});
afterAll(() => fixture.close());

/** A 副卡 for the Tianhe holder's spouse, the main card having been held over a year (003 四（二））. */
async function withAffiliatedCard() {
  await registerTalentModels(fixture.connection).Talent.updateOne({ _id: TIANHE }, { $set: { 'mainCard.issuedOn': '2025-06-01' } });
  const issued = await fixture.run(`mutation { issueAffiliatedCard(talentId: "${TIANHE}", familyMemberId: "${SPOUSE}") { id } }`, {}, COORDINATOR);
  expect(issued.errors).toBeUndefined();
}

describe('联系名单 (001 第六条（一）)', () => {
  it('keeps the card ACTIVE to the end of the month and CONTACT_LIST from the first day of the next', async () => {
    const moved = await fixture.run(MOVE, { t: BAIYUN }, COORDINATOR);
    expect(moved).toEqual({ data: { moveToContactList: { mainCard: { status: 'ACTIVE', contactListFrom: '2027-01-01', contactListReason: '职务调整，不再符合发放条件' } } } });
    expect(await count('ACTIVE')).toBe(3);
    clock.set(LAST_DAY);
    expect((await cardsOf(BAIYUN)).mainCard.status).toBe('ACTIVE');
    clock.set(NEXT_MONTH);
    expect((await cardsOf(BAIYUN)).mainCard).toMatchObject({ status: 'CONTACT_LIST', contactListFrom: '2027-01-01' });
    expect([await count('ACTIVE'), await count('CONTACT_LIST'), await count('EXPIRED')]).toEqual([2, 1, 1]);
  });

  it('moving again keeps the first date', async () => {
    await fixture.run(MOVE, { t: BAIYUN }, COORDINATOR);
    clock.set(new Date('2027-02-10T04:00:00Z'));
    const again = await fixture.run<{ moveToContactList: { mainCard: { contactListFrom: string } } }>(MOVE, { t: BAIYUN }, COORDINATOR);
    expect(again.data!.moveToContactList.mainCard.contactListFrom).toBe('2027-01-01');
  });

  it('only the window moves a holder (and needs a reason)', async () => {
    const staff = await fixture.run(MOVE, { t: BAIYUN }, HEALTH_STAFF);
    expect(staff.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noReason = await fixture.run(`mutation { moveToContactList(talentId: "${BAIYUN}", reason: " ") { id } }`, {}, COORDINATOR);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'INPUT_REQUIRED' });
  });
});

describe('副卡 follow their main card', () => {
  it('moves to the contact list on the same day as the main card, and shows its period', async () => {
    await withAffiliatedCard();
    await fixture.run(MOVE, { t: TIANHE }, COORDINATOR);
    const thisMonth = await cardsOf(TIANHE);
    expect(thisMonth.cards.map((card) => [card.kind, card.status, card.contactListFrom])).toEqual([
      ['MAIN', 'ACTIVE', '2027-01-01'],
      ['AFFILIATED', 'ACTIVE', '2027-01-01'],
    ]);
    clock.set(NEXT_MONTH);
    expect((await cardsOf(TIANHE)).cards.map((card) => card.status)).toEqual(['CONTACT_LIST', 'CONTACT_LIST']);
  });

  it('expires with the main card, whatever it was issued with', async () => {
    await withAffiliatedCard();
    await registerTalentModels(fixture.connection).Talent.updateOne({ _id: TIANHE }, { $set: { 'mainCard.expiresOn': '2026-12-20' } });
    expect((await cardsOf(TIANHE)).cards.map((card) => [card.status, card.expiresOn])).toEqual([
      ['ACTIVE', '2026-12-20'],
      ['ACTIVE', '2026-12-20'],
    ]);
    clock.set(new Date('2026-12-21T04:00:00Z'));
    expect((await cardsOf(TIANHE)).cards.map((card) => card.status)).toEqual(['EXPIRED', 'EXPIRED']);
  });

  it('is revoked with the main card', async () => {
    await withAffiliatedCard();
    const revoked = await fixture.run(TERMINATE, { input: { talentId: TIANHE, ground: 'CRIME', reason: '触犯刑法，经查实' } }, COORDINATOR);
    expect(revoked).toEqual({ data: { terminateCard: { mainCard: { status: 'REVOKED', terminatedOn: '2026-12-15', terminationGround: 'CRIME' }, cards: [{ kind: 'MAIN', status: 'REVOKED' }, { kind: 'AFFILIATED', status: 'REVOKED' }] } } });
  });
});

describe('终止 (001 第六条（二）; 003 九（三）)', () => {
  it('revokes at once; a revoked card cannot then be moved to the contact list', async () => {
    await fixture.run(TERMINATE, { input: { talentId: BAIYUN, ground: 'FRAUD', reason: '提供虚假学历证明' } }, COORDINATOR);
    expect((await cardsOf(BAIYUN)).mainCard.status).toBe('REVOKED');
    const move = await fixture.run(MOVE, { t: BAIYUN }, COORDINATOR);
    expect(move.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'CARD_REVOKED', source: '001 第六条（二）' });
  });

  it('bars a fraudulent applicant and their unit from applying for 3 years', async () => {
    const person = await fixture.run<{ registerPerson: { id: string } }>(REGISTER, { input: personInput('fraud-person-1') }, COORDINATOR);
    const personId = person.data!.registerPerson.id;
    const idDocument = personInput('x').idDocument;
    // The person held a card through 天河软件有限公司 and was found to have cheated.
    const { Talent } = registerTalentModels(fixture.connection);
    const baiyun = (await Talent.findById(BAIYUN).lean())!;
    await Talent.insertMany([{ ...baiyun, _id: personId, idDocument, employer: '天河软件有限公司', mainCard: { ...baiyun.mainCard, number: 'GZLK-2024-000001' } }]);
    await fixture.run(TERMINATE, { input: { talentId: personId, ground: 'FRAUD', reason: '伪造劳动合同' } }, COORDINATOR);

    const refused = await fixture.run(APPLY, { input: tianheApplication('fraud-apply-01', personId) }, COORDINATOR);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'FRAUD_BAR_APPLICANT', source: '003 九（三）' });
    expect(rulesOf(refused.errors)).toEqual(['FRAUD_BAR_APPLICANT', 'FRAUD_BAR_UNIT']);

    // Another person applying through the same unit is refused for the unit alone.
    const colleague = await fixture.run<{ registerPerson: { id: string } }>(REGISTER, { input: personInput('fraud-person-2', {}, 56) }, COORDINATOR);
    const other = await fixture.run(APPLY, { input: tianheApplication('fraud-apply-02', colleague.data!.registerPerson.id) }, COORDINATOR);
    expect(rulesOf(other.errors)).toEqual(['FRAUD_BAR_UNIT']);

    clock.set(new Date('2029-12-14T04:00:00Z')); // the bar's last day: 3 years from the finding on 2026-12-15
    expect(rulesOf((await fixture.run(APPLY, { input: tianheApplication('fraud-apply-03', colleague.data!.registerPerson.id) }, COORDINATOR)).errors)).toContain('FRAUD_BAR_UNIT');
    clock.set(new Date('2029-12-15T04:00:00Z'));
    const later = await fixture.run(APPLY, { input: tianheApplication('fraud-apply-04', colleague.data!.registerPerson.id) }, COORDINATOR);
    expect(later.errors).toBeUndefined();
  });

  it('a crime revokes the card but bars no one from applying', async () => {
    const person = await fixture.run<{ registerPerson: { id: string } }>(REGISTER, { input: personInput('crime-person-1') }, COORDINATOR);
    const personId = person.data!.registerPerson.id;
    const { Talent } = registerTalentModels(fixture.connection);
    const baiyun = (await Talent.findById(BAIYUN).lean())!;
    await Talent.insertMany([{ ...baiyun, _id: personId, idDocument: personInput('x').idDocument, employer: '天河软件有限公司', mainCard: { ...baiyun.mainCard, number: 'GZLK-2024-000002' } }]);
    await fixture.run(TERMINATE, { input: { talentId: personId, ground: 'CRIME', reason: '经查实' } }, COORDINATOR);
    const applied = await fixture.run(APPLY, { input: tianheApplication('crime-apply-01', personId) }, COORDINATOR);
    expect(applied.errors).toBeUndefined();
  });
});

describe('退休 and 考核 (001 第六条（三）, 第六条)', () => {
  it('retirement is recorded and the card stays in force', async () => {
    const retired = await fixture.run(`mutation { recordCardRetirement(talentId: "${BAIYUN}", retiredOn: "2026-12-01") { mainCard { status retiredOn } } }`, {}, COORDINATOR);
    expect(retired).toEqual({ data: { recordCardRetirement: { mainCard: { status: 'ACTIVE', retiredOn: '2026-12-01' } } } });
  });

  it('keeps every assessment as history, once per assessment day; analysts do not read them', async () => {
    const RECORD = `mutation($d: Date!, $r: CardAssessmentResult!) { recordCardAssessment(input: { talentId: "${BAIYUN}", assessedOn: $d, result: $r, note: "业绩良好" }) { assessments { assessedOn result note recordedBy } } }`;
    await fixture.run(RECORD, { d: '2024-11-30', r: 'PASSED' }, COORDINATOR);
    await fixture.run(RECORD, { d: '2026-11-30', r: 'FAILED' }, COORDINATOR);
    const repeated = await fixture.run(RECORD, { d: '2026-11-30', r: 'FAILED' }, COORDINATOR);
    expect(repeated).toEqual({
      data: {
        recordCardAssessment: {
          assessments: [
            { assessedOn: '2024-11-30', result: 'PASSED', note: '业绩良好', recordedBy: 'coordinator-1' },
            { assessedOn: '2026-11-30', result: 'FAILED', note: '业绩良好', recordedBy: 'coordinator-1' },
          ],
        },
      },
    });
    const future = await fixture.run(RECORD, { d: '2027-01-05', r: 'PASSED' }, COORDINATOR);
    expect(future.errors?.[0].extensions).toMatchObject({ rule: 'INPUT_DATE_IN_FUTURE' });
    const analyst = await fixture.run(`{ talent(id: "${BAIYUN}") { assessments { result } } }`, {}, { subject: 'analyst-1', role: 'analyst' });
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps both of two assessments recorded at the same moment: neither overwrites the other', async () => {
    const RECORD = `mutation($d: Date!) { recordCardAssessment(input: { talentId: "${BAIYUN}", assessedOn: $d, result: PASSED }) { id } }`;
    const days = ['2020-11-30', '2022-11-30', '2024-11-30', '2026-11-30'];
    const answers = await Promise.all(days.map((d) => fixture.run(RECORD, { d }, COORDINATOR)));
    expect(answers.map((answer) => answer.errors)).toEqual(days.map(() => undefined));
    const stored = await registerTalentModels(fixture.connection).Talent.findById(BAIYUN).lean<{ assessments: { assessedOn: string }[] }>();
    expect(stored!.assessments.map((entry) => entry.assessedOn)).toEqual(days);
  });
});
