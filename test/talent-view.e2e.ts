// One query, the whole talent (issue 2; DESIGN.md "Services"): a Baiyun 云聚英才卡 holder with
// records in every department comes back through the gateway with each department's part,
// every subgraph asked exactly once. A holder with no records gets empty parts, never null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../subgraphs/kit/dates';
import { startHarness, type Harness } from './harness';
import { TALENT_VIEW } from './queries';
import { expectedParts } from './talent-view.expected';

const TALENT_ID = '64b000000000000000000001';
const EMPTY_TALENT_ID = '64b000000000000000000002';
const year = Number(todayInChina().slice(0, 4));
const lastYear = year - 1;
const { HOUSEHOLD_PART, EDUCATION_PART, HEALTH_PART, LEGAL_PART, HOUSING_PART, CUSTOMS_PART, EMPTY_HOUSING_REASONS } = expectedParts(year);

let harness: Harness;

/** The holder's identity as stored, and so as the graph must return it. */
const IDENTITY = {
  name: '陈思远',
  gender: 'MALE',
  birthDate: '1984-06-18',
  nationality: '中国',
  idDocument: { type: 'RESIDENT_ID', number: '440111198406181234' },
  phone: '13800138000',
  employer: '广州白云电器设备股份有限公司',
  position: '研发总监',
  degree: 'DOCTORATE',
  district: '白云区',
  program: 'BAIYUN_YUNJU',
};

const card = (number: string, status = 'ACTIVE') => ({
  number,
  program: 'BAIYUN_YUNJU',
  kind: 'MAIN',
  holderName: '陈思远',
  relation: null,
  eligibilityCode: '001-3-4',
  issuedOn: `${lastYear}-03-01`,
  expiresOn: `${lastYear + 5}-02-28`,
  status,
});

beforeAll(async () => {
  harness = await startHarness();
  const models = (name: keyof Harness['subgraphs']) => harness.subgraphs[name].connection.models;
  await models('talent').Talent.insertMany([
    {
      _id: TALENT_ID,
      ...IDENTITY,
      mainCard: card('BY-2025-000001'),
      affiliatedCards: [],
      family: [
        { name: '林晓燕', relation: 'SPOUSE', gender: 'FEMALE', birthDate: '1986-02-11', idDocument: { type: 'RESIDENT_ID', number: '440103198602112345' } },
        { name: '陈子轩', relation: 'CHILD', gender: 'MALE', birthDate: `${year - 3}-05-20`, idDocument: { type: 'RESIDENT_ID', number: '440111200005201234' } },
      ],
    },
    {
      _id: EMPTY_TALENT_ID,
      name: '王静',
      gender: 'FEMALE',
      birthDate: '1990-01-01',
      nationality: '中国',
      idDocument: { type: 'RESIDENT_ID', number: '420111199001014321' },
      phone: '13900139000',
      employer: '武汉大学',
      position: '教授',
      degree: 'DOCTORATE',
      district: '洪山区',
      program: 'WUHAN_GREEN_CHANNEL',
      mainCard: { ...card('WHLS-2025-000002'), program: 'WUHAN_GREEN_CHANNEL', holderName: '王静', eligibilityCode: '004-4-3' },
      affiliatedCards: [],
      family: [],
    },
  ]);
  await models('household').HukouTransfer.create({
    talentId: TALENT_ID,
    program: 'BAIYUN_YUNJU',
    applicant: { name: '陈思远', relation: 'HOLDER', birthDate: '1984-06-18' },
    route: 'TOTAL_QUOTA_ADJUSTMENT',
    steps: [
      { step: 'ONLINE_DECLARATION', completedAt: new Date(`${year}-01-05T02:00:00Z`) },
      { step: 'MATERIALS_UPLOADED', completedAt: new Date(`${year}-01-06T02:00:00Z`) },
      { step: 'INFO_CARD', completedAt: null },
      { step: 'POLICE_REVIEW', completedAt: null },
      { step: 'SETTLED', completedAt: null },
    ],
    status: 'IN_PROGRESS',
    targetAddress: '广州市白云区白云大道南118号',
    policeStation: '景泰派出所',
    submittedOn: `${year}-01-05`,
  });
  await models('education').SchoolEnrolment.create({
    talentId: TALENT_ID,
    program: 'BAIYUN_YUNJU',
    child: { name: '陈子轩', gender: 'MALE', birthDate: `${year - 3}-05-20` },
    level: 'KINDERGARTEN',
    schoolYear: year,
    district: '白云区',
    preferredSchool: '白云区机关幼儿园',
    assignedSchool: null,
    lotteryOutcome: 'PENDING',
    priorityOutcome: 'NOT_REQUESTED',
    status: 'RECEIVED',
    submittedOn: `${year}-01-10`,
  });
  await models('health').CheckupBooking.create({
    talentId: TALENT_ID,
    year,
    kind: 'HEALTH_CHECKUP',
    hospital: '南方医科大学南方医院白云分院',
    scheduledOn: `${year}-01-15`,
    status: 'DONE',
  });
  await models('legal').LegalConsultation.create({
    talentId: TALENT_ID,
    program: 'BAIYUN_YUNJU',
    topic: '房屋租赁合同纠纷咨询',
    category: 'CONSULTATION',
    personalMatter: true,
    channel: 'PHONE',
    counsel: { name: '李明', role: 'GOVERNMENT_LEGAL_ADVISER', office: '白云区司法局' },
    status: 'ANSWERED',
    requestedAt: new Date(`${year}-01-08T01:00:00Z`),
    answeredAt: new Date(`${year}-01-09T01:00:00Z`),
  });
  await models('housing').HomeOwnershipDeclaration.insertMany(
    ['陈思远:HOLDER', '林晓燕:SPOUSE', '陈子轩:MINOR_CHILD'].map((entry) => {
      const [personName, relation] = entry.split(':');
      return { talentId: TALENT_ID, personName, relation, city: '广州市', homesOwned: 0, declaredOn: `${year}-01-02` };
    }),
  );
  await models('housing').TalentApartmentApplication.create({
    talentId: TALENT_ID,
    district: '白云区',
    project: '白云人才公寓（嘉禾）',
    status: 'WAITLISTED',
    waitlistPosition: 3,
    householdSize: 3,
    submittedOn: `${year}-01-03`,
  });
  await models('customs').AirportServiceBooking.create({
    talentId: TALENT_ID,
    scope: 'DOMESTIC',
    direction: 'DEPARTURE',
    flightNumber: 'CZ3101',
    flightTime: new Date(`${year}-01-20T02:00:00Z`),
    passengers: [{ name: '陈思远' }],
    greeters: [{ name: '林晓燕' }],
    vehicles: [{ plate: '粤A12345' }],
    checkedLuggage: true,
    nameSign: false,
    contactPhone: '13800138000',
    status: 'SERVED',
    bookedAt: new Date(`${year}-01-18T02:00:00Z`),
  });
});

afterAll(() => harness.stop());

describe('the talent view', () => {
  it('returns the talent with every department part, each subgraph asked once', async () => {
    harness.resetCounters();
    const result = await harness.query(TALENT_VIEW, { id: TALENT_ID });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      talent: {
        id: TALENT_ID,
        ...IDENTITY,
        // Masked by default, even for a coordinator: the full value only when asked for (issue 4).
        idDocument: { type: 'RESIDENT_ID', number: '4401**********1234' },
        phone: '138****8000',
        mainCard: {
          number: 'BY-2025-000001',
          program: 'BAIYUN_YUNJU',
          kind: 'MAIN',
          holderName: '陈思远',
          relation: null,
          eligibility: { code: '001-3-4', label: '市级人才工程入选者（广州市杰出专家、优秀专家等）', source: '001 第三条第4项' },
          issuedOn: `${lastYear}-03-01`,
          expiresOn: `${lastYear + 5}-02-28`,
          status: 'ACTIVE',
        },
        cards: [{ number: 'BY-2025-000001', kind: 'MAIN', holderName: '陈思远', relation: null, status: 'ACTIVE' }],
        family: [
          { name: '林晓燕', relation: 'SPOUSE', gender: 'FEMALE', birthDate: '1986-02-11', minor: false, cardNumber: null },
          { name: '陈子轩', relation: 'CHILD', gender: 'MALE', birthDate: `${year - 3}-05-20`, minor: true, cardNumber: null },
        ],
        household: HOUSEHOLD_PART,
        education: EDUCATION_PART,
        health: HEALTH_PART,
        legal: LEGAL_PART,
        housing: HOUSING_PART,
        customs: CUSTOMS_PART,
      },
    });
    expect(harness.requestCounts()).toEqual({ talent: 1, household: 1, education: 1, health: 1, legal: 1, housing: 1, customs: 1 });
  });

  it('gives a talent with no records an empty part in every department, never null', async () => {
    const result = await harness.query(TALENT_VIEW, { id: EMPTY_TALENT_ID });
    expect(result.errors).toBeUndefined();
    const talent = result.data!.talent as Record<string, unknown>;
    expect({
      household: talent.household,
      education: talent.education,
      health: talent.health,
      legal: talent.legal,
      housing: talent.housing,
      customs: talent.customs,
    }).toEqual({
      household: { transfers: [] },
      education: { enrolments: [] },
      health: {
        designatedHospitals: [],
        priorityCare: true,
        checkup: { year, freeCheckupsPerYear: 0, used: 0, remaining: 0, unionCheckupChosen: false, unionCheckupAvailable: false },
        checkupBookings: [],
        familyDoctor: null,
      },
      legal: { openCount: 0, totalThisYear: 0, consultations: [] },
      housing: { eligibility: { eligible: null, reasons: EMPTY_HOUSING_REASONS, ownedHomes: [] }, applications: [] },
      customs: { airportService: { year, allowed: 0, used: 0, remaining: 0 }, airportBookings: [], exitEntryItems: [] },
    });
  });

  it('answers null for an unknown talent and BAD_USER_INPUT for a malformed id', async () => {
    expect(await harness.query(TALENT_VIEW, { id: 'ffffffffffffffffffffffff' })).toEqual({ data: { talent: null } });
    const malformed = await harness.query(TALENT_VIEW, { id: '12345' });
    expect(malformed.data).toEqual({ talent: null });
    expect(malformed.errors).toHaveLength(1);
    expect(malformed.errors![0]).toMatchObject({ path: ['talent'], extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
  });
});
