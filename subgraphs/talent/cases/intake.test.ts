// 统一受理 at the window (004 第七至九条): 一次性告知 of every material and problem at once (第八条;
// 002 二（二）2), refusal of a missing key material with the full list, 容缺受理 with a written promise
// (002 二（一）2), idempotent submission, and the case — with each part's hand-over state and its
// first events — stored in one single-document write.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../../test/environment';
import { addDays, todayInChina } from '../../kit/dates';
import type { CaseDoc } from '../case-model';
import { buildTalentSubgraph } from '../server';
import { BAD_ID_CHILD, BAIYUN, CHILD, EXPIRED, LIWAN, PARENT, SPOUSE, insertTestTalents } from './fixtures';

let fixture: SubgraphFixture;
const clock = new TestClock();
const today = () => todayInChina(clock.now());

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitCaseInput!) {
    submitCase(input: $input) {
      id status requestKey dueOn overdue
      items { service department status dueOn overdue }
      pendingMaterials { code promisedBy suppliedAt }
      timeline { kind message }
    }
  }
`;

const legal = { service: 'LEGAL_CONSULTATION', legalConsultation: { topic: '劳动合同纠纷', category: 'CONSULTATION', personalMatter: true, channel: 'PHONE' } };
const checkup = () => ({ service: 'FREE_ANNUAL_CHECKUP', checkup: { preferredDate: addDays(today(), 10), hospital: null } });
const flight = (hoursAhead: number) => ({
  service: 'AIRPORT_VIP_DOMESTIC',
  airportService: { direction: 'DEPARTURE', flightNumber: 'CZ3101', flightTime: new Date(clock.now().getTime() + hoursAhead * 3600_000).toISOString(), passengers: ['陈思远'], greeters: [], vehiclePlates: ['粤A12345'], checkedLuggage: true, nameSign: false, contactPhone: '13800138000' },
});

async function submit(input: Record<string, unknown>) {
  return fixture.run<{ submitCase: { id: string; status: string; items: { service: string; dueOn: string }[]; pendingMaterials: unknown[]; timeline: { kind: string }[] } }>(SUBMIT, { input });
}

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
});
beforeEach(async () => {
  await fixture.clear();
  await insertTestTalents(fixture.connection, today());
});
afterAll(() => fixture.close());

describe('一次性告知: requirements', () => {
  it('lists the union of materials once each, key if any item holds it key, with the items that need it', async () => {
    const result = await fixture.run(`{ requirements(items: [HUKOU_TRANSFER_HOLDER, LEGAL_CONSULTATION]) { materials { code key neededFor } problems { code } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      requirements: {
        materials: [
          { code: 'TALENT_CARD', key: true, neededFor: ['HUKOU_TRANSFER_HOLDER', 'LEGAL_CONSULTATION'] },
          { code: 'TALENT_INTRO_FORM', key: true, neededFor: ['HUKOU_TRANSFER_HOLDER'] },
          { code: 'ID_CARD', key: true, neededFor: ['HUKOU_TRANSFER_HOLDER'] },
          { code: 'HOUSEHOLD_REGISTER', key: true, neededFor: ['HUKOU_TRANSFER_HOLDER'] },
          { code: 'RESIDENCE_PROOF', key: false, neededFor: ['HUKOU_TRANSFER_HOLDER'] },
          { code: 'CONSULTATION_SUMMARY', key: false, neededFor: ['LEGAL_CONSULTATION'] },
        ],
        problems: [],
      },
    });
  });

  it('names every problem the talent already has, all at once (001 第六条; the catalog)', async () => {
    const result = await fixture.run(`query($t: ID) { requirements(items: [AIRPORT_VIP_DOMESTIC, FAMILY_DOCTOR_CONTRACT], talentId: $t) { problems { code item source } } }`, { t: EXPIRED });
    expect(result.data).toEqual({
      requirements: {
        problems: [
          { code: 'CARD_EXPIRED', item: null, source: '001 第六条' },
          { code: 'PROGRAM_NOT_ELIGIBLE', item: 'FAMILY_DOCTOR_CONTRACT', source: '002 八（四）' },
        ],
      },
    });
  });

  it('serves the catalog with every item, its department, limit and source', async () => {
    const result = await fixture.run<{ serviceCatalog: { code: string; department: string; timeLimitWorkingDays: number; source: string }[] }>(`{ serviceCatalog { code department timeLimitWorkingDays source } }`);
    expect(result.data!.serviceCatalog).toHaveLength(13);
    expect(result.data!.serviceCatalog.find((item) => item.code === 'AIRPORT_VIP_INTERNATIONAL')).toEqual({ code: 'AIRPORT_VIP_INTERNATIONAL', department: 'CUSTOMS', timeLimitWorkingDays: 1, source: '000 十三；001 第四条（七）' });
  });
});

describe('submitCase', () => {
  it('stores the case, its first event and one pending hand-over per item in one write', async () => {
    fixture.dbCommands.reset();
    const result = await submit({ requestKey: 'req-0000001', talentId: BAIYUN, items: [legal, checkup(), flight(48)], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'CHECKUP_RECEIPT', 'FLIGHT_DETAILS'] });
    expect(result.errors).toBeUndefined();
    const stored = result.data!.submitCase;
    expect(stored.status).toBe('RECEIVED');
    expect(stored.items.map((item) => item.service)).toEqual(['LEGAL_CONSULTATION', 'FREE_ANNUAL_CHECKUP', 'AIRPORT_VIP_DOMESTIC']);
    expect(stored.timeline.map((event) => event.kind)).toEqual(['SUBMITTED']);
    const writes = fixture.dbCommands.snapshot();
    expect(writes['insert cases']).toBe(1);
    const raw = await fixture.connection.models.Case.findById(stored.id).lean<CaseDoc>();
    expect(raw!.items.map((item) => [item.department, item.dispatch.state, item.dispatch.attempts])).toEqual([['legal', 'PENDING', 0], ['health', 'PENDING', 0], ['customs', 'PENDING', 0]]);
    expect(raw!.workDueAt?.getTime()).toBeLessThanOrEqual(clock.now().getTime());
  });

  it('creates one case when the same submission is sent twice, and refuses the key for a different one', async () => {
    const input = { requestKey: 'req-twice-01', talentId: BAIYUN, items: [legal], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] };
    const [first, second] = await Promise.all([submit(input), submit(input)]);
    expect(first.errors).toBeUndefined();
    expect(second.errors, JSON.stringify(second.errors)).toBeUndefined();
    expect(second.data!.submitCase.id).toBe(first.data!.submitCase.id);
    expect(await fixture.connection.models.Case.countDocuments({})).toBe(1);
    const other = await submit({ ...input, items: [checkup()], materials: ['TALENT_CARD'] });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.requestKey' });
  });

  it('refuses a missing key material naming every missing material at once, and stores nothing (002 二（二）2)', async () => {
    const result = await submit({ requestKey: 'req-missing-1', talentId: BAIYUN, items: [{ service: 'HUKOU_TRANSFER_HOLDER', hukouTransfer: { familyMemberIds: [], route: 'PLANNED_GUIDANCE', targetAddress: '广州市白云区白云大道南118号', policeStation: '景泰派出所' } }, legal], materials: ['TALENT_CARD'] });
    expect(result.data).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.materials',
      missingMaterials: [
        { code: 'TALENT_INTRO_FORM', key: true },
        { code: 'ID_CARD', key: true },
        { code: 'HOUSEHOLD_REGISTER', key: true },
        { code: 'RESIDENCE_PROOF', key: false },
        { code: 'CONSULTATION_SUMMARY', key: false },
      ].map((material) => expect.objectContaining(material)),
    });
    expect(await fixture.connection.models.Case.countDocuments({})).toBe(0);
  });

  it('容缺受理: accepts with missing non-key materials only on a written promise with a deadline (002 二（一）2)', async () => {
    const withoutPromise = await submit({ requestKey: 'req-defer-01', talentId: BAIYUN, items: [legal], materials: ['TALENT_CARD'] });
    expect(withoutPromise.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ rule: 'NON_KEY_MATERIAL_MISSING', source: '002 二（一）2' })] });
    const promisedBy = addDays(today(), 7);
    const accepted = await submit({ requestKey: 'req-defer-02', talentId: BAIYUN, items: [legal], materials: ['TALENT_CARD'], deferral: { promisedBy, statement: '本人承诺于期限内补齐材料' } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.submitCase.pendingMaterials).toEqual([{ code: 'CONSULTATION_SUMMARY', promisedBy, suppliedAt: null }]);
    expect(accepted.data!.submitCase.timeline.map((event) => event.kind)).toEqual(['SUBMITTED', 'DEFERRED_MATERIALS']);
    const tooLate = await submit({ requestKey: 'req-defer-03', talentId: BAIYUN, items: [legal], materials: ['TALENT_CARD'], deferral: { promisedBy: addDays(today(), 90), statement: '本人承诺补齐材料' } });
    expect(tooLate.errors?.[0].extensions).toMatchObject({ field: 'input.deferral.promisedBy' });
  });

  it('accepts a holder moved to the contact list until the first day of the next month, and not from it (001 第六条（一）)', async () => {
    const input = (key: string) => ({ requestKey: key, talentId: BAIYUN, items: [legal], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] });
    await fixture.connection.models.Talent.updateOne({ _id: BAIYUN }, { $set: { 'mainCard.contactListFrom': addDays(today(), 1) } });
    expect((await submit(input('req-contact-01'))).errors).toBeUndefined();
    await fixture.connection.models.Talent.updateOne({ _id: BAIYUN }, { $set: { 'mainCard.contactListFrom': today() } });
    const refused = await submit(input('req-contact-02'));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ field: 'input.talentId', rule: 'CARD_ON_CONTACT_LIST', source: '001 第六条（一）' })] });
  });

  it('tells every problem of card, program and forms at once (004 第八条)', async () => {
    const result = await submit({
      requestKey: 'req-problems',
      talentId: EXPIRED,
      items: [flight(1), { service: 'FAMILY_DOCTOR_CONTRACT', familyDoctor: { communityHealthCentre: '逢源街社区卫生服务中心', team: '一队', package: 'FREE', startsOn: today() } }],
      materials: ['TALENT_CARD', 'FLIGHT_DETAILS', 'ID_CARD', 'FAMILY_DOCTOR_AGREEMENT'],
    });
    const problems = result.errors?.[0].extensions?.problems as { field: string; rule?: string; source?: string }[];
    expect(problems.map((problem) => [problem.field, problem.rule, problem.source])).toEqual([
      ['input.talentId', 'CARD_EXPIRED', '001 第六条'],
      ['input.items.1.service', 'PROGRAM_NOT_ELIGIBLE', '002 八（四）'],
      ['input.items.0.airportService.flightTime', 'AIRPORT_LEAD_TIME', '000 十三（三）1'],
    ]);
  });

  it('refuses bad input naming the field: wrong form, people outside the family scope, bad ID number, oversized text', async () => {
    const result = await submit({
      requestKey: 'req-badinput',
      talentId: BAIYUN,
      items: [
        { service: 'LEGAL_CONSULTATION', checkup: { preferredDate: today(), hospital: null } },
        { service: 'HUKOU_TRANSFER_FAMILY', hukouTransfer: { familyMemberIds: [SPOUSE, PARENT, BAD_ID_CHILD, 'ffffffffffffffffffffffff'], route: 'PLANNED_GUIDANCE', targetAddress: 'x'.repeat(201), policeStation: '景泰派出所' } },
        { service: 'SCHOOL_ENROLMENT', schoolEnrolment: { childId: CHILD, level: 'KINDERGARTEN', schoolYear: 1999, district: '白云区', preferredSchool: '白云小学' } },
      ],
      materials: ['TALENT_CARD', 'TALENT_INTRO_FORM', 'ID_CARD', 'HOUSEHOLD_REGISTER', 'FAMILY_MATERIALS', 'RESIDENCE_PROOF', 'CHILD_PAPERS', 'CONSULTATION_SUMMARY'],
    });
    const fields = (result.errors?.[0].extensions?.problems as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual([
      'input.items.0.legalConsultation',
      'input.items.1.hukouTransfer.familyMemberIds.2',
      'input.items.1.hukouTransfer.familyMemberIds.3',
      'input.items.1.hukouTransfer.familyMemberIds.1',
      'input.items.1.hukouTransfer.targetAddress',
      'input.items.2.schoolEnrolment.level',
      'input.items.2.schoolEnrolment.schoolYear',
    ]);
    expect(await fixture.connection.models.Case.countDocuments({})).toBe(0);
  });

  it('counts each item’s limit in working days from acceptance (004 第六条)', async () => {
    clock.set(new Date('2026-09-30T10:00:00+08:00'));
    const result = await submit({ requestKey: 'req-limits-1', talentId: LIWAN, items: [{ service: 'FAMILY_DOCTOR_CONTRACT', familyDoctor: { communityHealthCentre: '逢源街社区卫生服务中心', team: '一队', package: 'BASIC', startsOn: '2026-10-08' } }], materials: ['TALENT_CARD', 'ID_CARD', 'FAMILY_DOCTOR_AGREEMENT'] });
    clock.set(new Date());
    expect(result.errors).toBeUndefined();
    // 5 working days after 2026-09-30: Oct 1–7 are the National Day holidays, Oct 10 a make-up Saturday.
    expect(result.data!.submitCase.items[0].dueOn).toBe('2026-10-13');
  });
});
