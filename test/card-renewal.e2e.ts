// 续办 and 补办 through the gateway (003 六（三）2、3; 001 第六条). A Guangzhou green-card holder renews in
// the 30 days before the period ends; after the old period would have ended, a department's card check
// (education's applySchoolEnrolment, asking the window's registry) still serves them — and refuses
// the same holder had they not renewed. A Baiyun holder whose card was reissued keeps customs' airport
// service under the new number (a reissue keeps the card in force, same period).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BAIYUN, directAirportBooking, withTestTalents } from './cases';
import { TIANHE } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;
const TODAY = new Date('2026-12-15T04:00:00Z');
/** 09:00 in China, 2027-01-05: the old period (ending 2026-12-25) is over. */
const AFTER_OLD_END = new Date('2027-01-05T01:00:00Z');

beforeAll(async () => {
  harness = await startHarness();
  harness.clock.set(TODAY);
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

const RENEW = /* GraphQL */ `mutation($input: RenewCardInput!) { renewCard(input: $input) { mainCard { status expiresOn } cardHistory { event expiresOn } } }`;
const ENROL = /* GraphQL */ `mutation($input: ApplySchoolEnrolmentInput!) { applySchoolEnrolment(input: $input) { status } }`;
const enrolment = (schoolYear: number) => ({
  talentId: TIANHE,
  program: 'GUANGZHOU_GREEN_CARD',
  child: { name: '陈子轩', relation: 'CHILD', gender: 'MALE', birthDate: '2022-12-16' },
  level: 'KINDERGARTEN',
  schoolYear,
  district: '天河区',
  preferredSchool: '广州市天河区天府路幼儿园',
});
const endsOn = (expiresOn: string) => harness.subgraphs.talent.connection.models.Talent.updateOne({ _id: TIANHE }, { $set: { 'mainCard.expiresOn': expiresOn } });

describe('a renewed card after the old period', () => {
  it('is refused by education without the renewal, and served with it', async () => {
    await endsOn('2026-12-25');
    harness.clock.set(AFTER_OLD_END);
    const unrenewed = await harness.query(ENROL, { input: enrolment(2027) });
    expect(unrenewed.data).toBeNull();
    expect(unrenewed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.talentId', rule: 'CARD_NOT_IN_FORCE', source: '001 第六条' });

    harness.clock.set(TODAY);
    const renewed = await harness.query(RENEW, { input: { talentId: TIANHE, requestKey: 'e2e-renew-tianhe', materials: ['CARD_COPY', 'RENEWAL_PROOF'] } });
    expect(renewed).toEqual({ data: { renewCard: { mainCard: { status: 'ACTIVE', expiresOn: '2031-12-25' }, cardHistory: [{ event: 'RENEWED', expiresOn: '2026-12-25' }] } } });

    harness.clock.set(AFTER_OLD_END);
    const served = await harness.query(ENROL, { input: enrolment(2027) });
    expect(served.errors).toBeUndefined();
    expect(served.data).toEqual({ applySchoolEnrolment: { status: expect.any(String) } });
    harness.clock.set(TODAY);
  });
});

describe('a reissued card', () => {
  it('keeps customs serving the Baiyun holder under the new number', async () => {
    const reissued = await harness.query<{ reissueCard: { mainCard: { number: string; status: string }; cardHistory: { number: string }[] } }>(
      `mutation { reissueCard(input: { talentId: "${BAIYUN}", requestKey: "e2e-reissue-baiyun", reason: LOST, note: "遗失" }) { mainCard { number status } cardHistory { number } } }`,
    );
    expect(reissued.errors).toBeUndefined();
    expect(reissued.data!.reissueCard.mainCard).toEqual({ number: expect.stringMatching(/^BY-2026-8\d{5}$/), status: 'ACTIVE' });
    expect(reissued.data!.reissueCard.cardHistory).toHaveLength(1);
    const booked = await harness.query(`mutation($input: BookAirportServiceInput!) { bookAirportService(input: $input) { status } }`, {
      input: directAirportBooking(harness, BAIYUN, 'BAIYUN_YUNJU'),
    });
    expect(booked).toEqual({ data: { bookAirportService: { status: 'BOOKED' } } });
  });
});
