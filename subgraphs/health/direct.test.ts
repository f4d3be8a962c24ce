// Single services without a case (issue 3: "Departments can also be used directly … the same rules
// apply"): bookCheckup and signFamilyDoctorContract, one test per rule, each citing its clause.
import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { BAIYUN_CHECKUP_BASE, UNION_ARRANGED_HOSPITAL, familyDoctorTermEnd } from './rules';
import { addDays } from '../kit/dates';
import { documentCounts } from '../../test/case-desk';
import { BOOKING_FIELDS, CONTRACT_FIELDS, TODAY, refusal, talentId, useHealthFixture } from './testing';

const fixture = useHealthFixture();

const BOOK = `mutation ($input: BookCheckupInput!) { bookCheckup(input: $input) { ${BOOKING_FIELDS} } }`;
const SIGN = `mutation ($input: SignFamilyDoctorContractInput!) { signFamilyDoctorContract(input: $input) { ${CONTRACT_FIELDS} } }`;
const RECORD_DONE = `mutation ($id: ID!) { recordCheckupDone(id: $id) { ${BOOKING_FIELDS} } }`;
const CANCEL = `mutation ($id: ID!) { cancelCheckupBooking(id: $id) { ${BOOKING_FIELDS} } }`;

type Booking = { id: string; caseId: string | null; kind: string; hospital: string; status: string };
const BAIYUN = talentId(11);
const LIWAN = talentId(12);
const baiyunCheckup = (over: Record<string, unknown> = {}) => ({ talentId: BAIYUN, program: 'BAIYUN_YUNJU', kind: 'HEALTH_CHECKUP', preferredDate: '2026-07-01', ...over });
const baiyunUnion = (over: Record<string, unknown> = {}) => baiyunCheckup({ kind: 'UNION_CHECKUP', hospital: '白云区第二人民医院', ...over });
const liwanCheckup = (over: Record<string, unknown> = {}) => ({ talentId: LIWAN, program: 'LIWAN_YINGCAI', kind: 'HEALTH_CHECKUP', preferredDate: '2026-07-01', hospital: '荔湾区人民医院', ...over });
const contract = (over: Record<string, unknown> = {}) => ({ talentId: LIWAN, program: 'LIWAN_YINGCAI', communityHealthCentre: '荔湾区华林街社区卫生服务中心', team: '华林家庭医生团队', package: 'FREE', startsOn: TODAY, ...over });

const book = (input: Record<string, unknown>) => fixture.run<{ bookCheckup: Booking }>(BOOK, { input });
const booked = async (input: Record<string, unknown>) => {
  const result = await book(input);
  expect(result.errors).toBeUndefined();
  return result.data!.bookCheckup;
};
const sign = (input: Record<string, unknown>) => fixture.run<{ signFamilyDoctorContract: { endsOn: string; renewals: number } }>(SIGN, { input });

/** Refused with BAD_USER_INPUT naming the field, the rules and their clause. */
function expectRefused(result: ExecutionResult, field: string, rules: string[], source: string) {
  expect(refusal(result)).toEqual({ count: 1, code: 'BAD_USER_INPUT', field, rules });
  expect(result.errors![0].message).toContain(source);
}

describe('bookCheckup', () => {
  it('allows one free checkup a year', async () => {
    // 000 十一; 001 第四条（四）; 002 八（三）: 每年享受一次免费体检.
    expect(await booked(liwanCheckup())).toMatchObject({ caseId: null, kind: 'HEALTH_CHECKUP', hospital: '荔湾区人民医院', status: 'BOOKED' });
    expectRefused(await book(liwanCheckup({ preferredDate: '2026-09-01' })), 'input.kind', ['YEARLY_LIMIT'], '002 八（三）');
    expect(await booked(liwanCheckup({ preferredDate: '2027-03-01' }))).toMatchObject({ status: 'BOOKED' });
  });

  it('gives the year’s use back when a booking is cancelled', async () => {
    // 001 第四条（四）; 002 八（三）: once a year — a cancelled booking does not use it.
    const first = await booked(liwanCheckup());
    const cancelled = await fixture.run(CANCEL, { id: first.id });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data).toEqual({ cancelCheckupBooking: { ...first, status: 'CANCELLED' } });
    expect(await booked(liwanCheckup({ preferredDate: '2026-08-01' }))).toMatchObject({ status: 'BOOKED' });
  });

  it('refuses the free checkup to programs that do not grant it', async () => {
    // 000 十一; 002 八（三）: the free checkup is a Baiyun and Liwan card service (003, 004 grant none).
    for (const program of ['WUHAN_GREEN_CHANNEL', 'GUANGZHOU_GREEN_CARD']) {
      expectRefused(await book(liwanCheckup({ program })), 'input.program', ['NO_FREE_CHECKUP'], '000 十一');
    }
  });

  it('offers the union checkup to Baiyun holders only', async () => {
    // 000 十: 持卡人可参加区总工会组织的一年一次的基础体检 (Baiyun's district union).
    expectRefused(await book(liwanCheckup({ kind: 'UNION_CHECKUP' })), 'input.program', ['NO_UNION_CHECKUP'], '000 十');
  });

  it('lets a Baiyun holder have the union checkup or the free checkup in a year, not both', async () => {
    // 000 十一: 定期体检服务（与工会服务二选一）.
    await booked(baiyunUnion());
    expectRefused(await book(baiyunCheckup()), 'input.kind', ['UNION_CHOSEN'], '000 十一（与工会服务二选一）');
    const other = talentId(13);
    await booked(baiyunCheckup({ talentId: other }));
    expectRefused(await book(baiyunUnion({ talentId: other })), 'input.kind', ['FREE_CHECKUP_USED'], '000 十一（与工会服务二选一）');
  });

  it('allows the union checkup once a year', async () => {
    // 000 十: 一年一次的基础体检.
    // Without a hospital named, the union's own arrangement is recorded (区总工会组织).
    expect(await booked(baiyunUnion({ hospital: null }))).toMatchObject({ kind: 'UNION_CHECKUP', hospital: UNION_ARRANGED_HOSPITAL });
    expectRefused(await book(baiyunUnion({ preferredDate: '2026-10-01' })), 'input.kind', ['UNION_YEARLY_LIMIT'], '000 十');
  });

  it('holds Baiyun’s free checkup at the cadre health-care base', async () => {
    // 000 十一: 统一安排在区干部保健基地（南方医科大学南方医院白云分院）进行体检.
    expectRefused(await book(baiyunCheckup({ hospital: '白云区第三人民医院' })), 'input.hospital', ['CHECKUP_BASE_ONLY'], '000 十一');
    expect(await booked(baiyunCheckup())).toMatchObject({ hospital: BAIYUN_CHECKUP_BASE });
  });

  it('lets Liwan holders choose their checkup hospital, and requires the choice', async () => {
    // 002 八（三）: 持卡人根据通知时间自行选择指定体检医院.
    expectRefused(await book(liwanCheckup({ hospital: null })), 'input.hospital', ['HOSPITAL_REQUIRED'], '002 八（三）');
    expectRefused(await book(liwanCheckup({ hospital: '   ' })), 'input.hospital', ['HOSPITAL_REQUIRED'], '002 八（三）');
  });

  it('books a checkup for today or later only', async () => {
    // 000 十一: the year's checkup is arranged ahead (体检通知 → 回执 → 统一安排); no booking in the past.
    expectRefused(await book(liwanCheckup({ preferredDate: addDays(TODAY, -1) })), 'input.preferredDate', ['BOOKED_IN_PAST'], '000 十一');
    expect(await booked(liwanCheckup({ preferredDate: TODAY }))).toMatchObject({ status: 'BOOKED' });
  });

  it('names every broken rule at once', async () => {
    // 004 第八条 (一次性告知) over 000 十一: wrong hospital and a past day, both reported.
    const result = await book(baiyunCheckup({ hospital: '白云区第三人民医院', preferredDate: '2026-01-05' }));
    expect(refusal(result)).toEqual({ count: 1, code: 'BAD_USER_INPUT', field: 'input.hospital', rules: ['CHECKUP_BASE_ONLY', 'BOOKED_IN_PAST'] });
  });

  it('keeps the yearly limit when two bookings arrive at the same moment', async () => {
    // 000 十一; 002 八（三）: once a year, also under concurrency — the year slot is a unique index (model.ts).
    const results = await Promise.all([book(liwanCheckup()), book(liwanCheckup({ preferredDate: '2026-08-01' }))]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    // The loser's insert meets the winner's year slot; its rules run again, see the winner and refuse it.
    const loser = results.find((result) => result.errors)!;
    expect(refusal(loser)).toMatchObject({ code: 'BAD_USER_INPUT', rules: ['YEARLY_LIMIT'] });
    expect(await fixture.connection.models.CheckupBooking.countDocuments()).toBe(1);
  });
});

describe('staff steps on a checkup', () => {
  it('records a checkup done on or after its day, and only a booked one', async () => {
    // 000 十一: the checkup takes place on its arranged day; only then is it done.
    const { id } = await booked(liwanCheckup());
    expectRefused(await fixture.run(RECORD_DONE, { id }), 'id', ['DONE_IN_FUTURE'], '000 十一');
    fixture.clock.set(new Date('2026-07-01T11:00:00+08:00'));
    expect((await fixture.run(RECORD_DONE, { id })).data).toMatchObject({ recordCheckupDone: { status: 'DONE' } });
    expectRefused(await fixture.run(CANCEL, { id }), 'id', ['NOT_BOOKED'], '000 十一');
    expectRefused(await fixture.run(RECORD_DONE, { id }), 'id', ['NOT_BOOKED'], '000 十一');
  });

  it('answers NOT_FOUND for an unknown booking and BAD_USER_INPUT for a malformed id', async () => {
    const unknown = await fixture.run(CANCEL, { id: talentId(99) });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(await fixture.run(RECORD_DONE, { id: 'booking-1' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('signFamilyDoctorContract', () => {
  it('signs family-doctor contracts for Liwan holders only', async () => {
    // 002 八（四）: 持卡人享受家庭医生签约服务 — a Liwan card service.
    expectRefused(await sign(contract({ program: 'BAIYUN_YUNJU' })), 'input.program', ['LIWAN_ONLY'], '002 八（四）');
  });

  it('signs the free or the basic package, never both at once', async () => {
    // 002 八（四）: 免费服务包、基本服务包只能签约其中一种，不能同时签约.
    expect((await sign(contract())).errors).toBeUndefined();
    expectRefused(await sign(contract({ package: 'BASIC', startsOn: addDays(TODAY, 30) })), 'input.startsOn', ['ONE_PACKAGE_AT_A_TIME'], '002 八（四）');
    const personal = await fixture.served(SIGN, { input: contract({ package: 'PERSONAL' }) });
    expect(refusal(personal)).toMatchObject({ count: 1, code: 'BAD_USER_INPUT' });
  });

  it('keeps terms apart when two signings arrive at the same moment', async () => {
    // 002 八（四）: one package at a time, also under concurrency — a term is claimed at the version its check read (signings.ts).
    const results = await Promise.all([sign(contract()), sign(contract({ package: 'BASIC', startsOn: addDays(TODAY, 30) }))]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expectRefused(results.find((result) => result.errors)!, 'input.startsOn', ['ONE_PACKAGE_AT_A_TIME'], '002 八（四）');
    expect(await fixture.connection.models.FamilyDoctorContract.countDocuments()).toBe(1);
  });

  it('runs a contract for one year, renewable once it ends', async () => {
    // 002 八（四）: 协议有效期为1年。协议期满后可续约、改签其他服务包.
    const first = await sign(contract());
    expect(first.data).toEqual({ signFamilyDoctorContract: expect.objectContaining({ startsOn: TODAY, endsOn: '2027-06-14', status: 'ACTIVE', renewals: 0 }) });
    expectRefused(await sign(contract({ package: 'BASIC', startsOn: '2027-06-14' })), 'input.startsOn', ['ONE_PACKAGE_AT_A_TIME'], '002 八（四）');
    const renewed = await sign(contract({ package: 'BASIC', startsOn: '2027-06-15' }));
    expect(renewed.data).toEqual({ signFamilyDoctorContract: expect.objectContaining({ startsOn: '2027-06-15', endsOn: familyDoctorTermEnd('2027-06-15'), package: 'BASIC', renewals: 1 }) });
  });

  it('starts a contract today or later', async () => {
    // 002 八（四）: 签订服务协议 — a term signed now runs from today on.
    expectRefused(await sign(contract({ startsOn: addDays(TODAY, -1) })), 'input.startsOn', ['STARTS_IN_PAST'], '002 八（四）');
  });
});

describe('bad input to the direct services', () => {
  it('refuses missing fields, wrong types, oversized strings and malformed ids with BAD_USER_INPUT, writing nothing', async () => {
    const { talentId: _omitted, ...noTalent } = baiyunCheckup();
    for (const [query, input] of [
      [BOOK, noTalent],
      [BOOK, baiyunCheckup({ kind: 'DENTAL' })],
      [BOOK, baiyunCheckup({ preferredDate: '2026-13-01' })],
      [BOOK, baiyunCheckup({ program: 'SHENZHEN' })],
      [SIGN, contract({ startsOn: 20260615 })],
      [SIGN, contract({ team: undefined })],
    ] as const) {
      expect(refusal(await fixture.served(query, { input })), JSON.stringify(input)).toMatchObject({ count: 1, code: 'BAD_USER_INPUT' });
    }
    for (const [run, field] of [
      [() => book(baiyunCheckup({ talentId: 'talent-11' })), 'input.talentId'],
      [() => book(liwanCheckup({ hospital: '院'.repeat(81) })), 'input.hospital'],
      [() => sign(contract({ team: '队'.repeat(81) })), 'input.team'],
      [() => sign(contract({ communityHealthCentre: '' })), 'input.communityHealthCentre'],
    ] as const) {
      expect(refusal(await run())).toMatchObject({ count: 1, code: 'BAD_USER_INPUT', field });
    }
    expect(await documentCounts(fixture)).toEqual({});
  });
});
