// Who may read the health office's records, role by role, through the gateway (issue 4: "a
// role × field matrix test … so a leak fails the test"; health/access.ts). The window sees every
// case's health status and dates but not where or with whom the talent is seen (hospital,
// family-doctor centre, team, package); analysts see counts and statuses only; another
// department's staff see nothing of it; a talent only their own. And a talent cancels their own
// checkup booking directly, never another's (001 第四条（四）; 002 八（三）).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../subgraphs/kit/dates';
import { BAIYUN, LIWAN } from '../subgraphs/talent/cases/fixtures';
import { departmentRows, expectMatrix } from './access-matrix';
import { itemsReach, staff, SUBMIT, withTestTalents } from './cases';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';

let harness: Harness;
// Mid-year, so the checkups booked below all fall in one entitlement year.
const NOW = new Date('2026-06-15T10:00:00+08:00');
const TODAY = todayInChina(NOW);
const CHECKUP = { preferredDate: addDays(TODAY, 3), hospital: '荔湾区人民医院' };
const CONTRACT = { communityHealthCentre: '荔湾区逢源街社区卫生服务中心', team: '逢源家庭医生一队', package: 'FREE', startsOn: TODAY };
const MATERIALS = ['TALENT_CARD', 'ID_CARD', 'CHECKUP_RECEIPT', 'FAMILY_DOCTOR_AGREEMENT'];

async function submitted(requestKey: string, items: Record<string, unknown>[]): Promise<string> {
  const result = await harness.query<{ submitCase: { id: string } }>(SUBMIT, { input: { requestKey, talentId: LIWAN, items, materials: MATERIALS } });
  expect(result.errors).toBeUndefined();
  return result.data!.submitCase.id;
}

beforeAll(async () => {
  harness = await startHarness();
  harness.clock.set(NOW);
  await withTestTalents(harness);
  // Liwan's card has every health service (002 八): a checkup booked and a family doctor signed
  // through one case, and a second checkup the same year refused with its reason (002 八（三）).
  const booked = await submitted('health-read-0001', [
    { service: 'FREE_ANNUAL_CHECKUP', checkup: CHECKUP },
    { service: 'FAMILY_DOCTOR_CONTRACT', familyDoctor: CONTRACT },
  ]);
  await itemsReach(harness, booked, { FREE_ANNUAL_CHECKUP: ['IN_PROGRESS'], FAMILY_DOCTOR_CONTRACT: ['DONE'] });
  const refused = await submitted('health-read-0002', [{ service: 'FREE_ANNUAL_CHECKUP', checkup: CHECKUP }]);
  await itemsReach(harness, refused, { FREE_ANNUAL_CHECKUP: ['REFUSED'] });
});
afterAll(() => harness.stop());

const BOOKING = 'id caseId year kind hospital scheduledOn status';
const CONTRACT_FIELDS = 'id caseId team communityHealthCentre package startsOn endsOn status renewals';
const MATRIX = /* GraphQL */ `
  query ($id: ID!) {
    talent(id: $id) {
      id
      health {
        designatedHospitals { name checkupBase source }
        priorityCare
        checkup { year freeCheckupsPerYear used remaining unionCheckupChosen unionCheckupAvailable }
        checkupBookings { ${BOOKING} }
        familyDoctor { ${CONTRACT_FIELDS} }
      }
      cases {
        id
        health {
          id item status step note reason dueOn receivedAt completedAt
          checkupBooking { ${BOOKING} }
          familyDoctorContract { ${CONTRACT_FIELDS} }
        }
      }
    }
  }
`;

/** Where the talent is seen and by whom: the talent's and the health office's only. */
const CLINICAL = [
  'talent.health.checkupBookings.hospital',
  'talent.health.familyDoctor.team',
  'talent.health.familyDoctor.communityHealthCentre',
  'talent.health.familyDoctor.package',
  'talent.cases.health.checkupBooking.hospital',
  'talent.cases.health.familyDoctorContract.team',
  'talent.cases.health.familyDoctorContract.communityHealthCentre',
  'talent.cases.health.familyDoctorContract.package',
];

describe('reading health records, role by role', () => {
  it('answers each role exactly the fields its level allows', async () => {
    const analyst = [...CLINICAL, 'talent.cases.health.note', 'talent.cases.health.reason'];
    await expectMatrix(harness, MATRIX, departmentRows({ department: 'health', otherDepartment: 'housing', own: LIWAN, foreign: BAIYUN, window: CLINICAL, analyst }));
  });
});

describe('what the window keeps of a health case', () => {
  it('never quotes the hospital, the centre, the team or the package in its notes and timeline', async () => {
    const WINDOW = `query ($id: ID!) { talent(id: $id) { cases { items { service status note } timeline { message } } } }`;
    const result = await harness.query<{ talent: { cases: unknown[] } }>(WINDOW, { id: LIWAN });
    expect(result.errors).toBeUndefined();
    const kept = JSON.stringify(result.data);
    expect(kept).toContain('已签约家庭医生');
    for (const clinical of [CHECKUP.hospital, CONTRACT.communityHealthCentre, CONTRACT.team, '免费服务包']) expect(kept).not.toContain(clinical);
  });
});

describe('a talent cancelling a checkup booking', () => {
  const BOOK = `mutation ($input: BookCheckupInput!) { bookCheckup(input: $input) { id status } }`;
  const CANCEL = `mutation ($id: ID!) { cancelCheckupBooking(id: $id) { id status } }`;
  const as = (talentId: string) => bearer({ subject: `talent-${talentId}`, role: 'talent', talentId });
  const bookingStatus = async (id: string) =>
    (await harness.subgraphs.health.connection.models.CheckupBooking.findById(id).lean<{ status: string }>())?.status;

  it('cancels their own booking', async () => {
    // Next year's checkup, booked by the talent themself: this year's is the matrix's.
    const input = { talentId: LIWAN, program: 'LIWAN_YINGCAI', kind: 'HEALTH_CHECKUP', preferredDate: addDays(TODAY, 365), hospital: '荔湾区人民医院' };
    const booked = await harness.query<{ bookCheckup: { id: string } }>(BOOK, { input }, await as(LIWAN));
    expect(booked.errors).toBeUndefined();
    const { id } = booked.data!.bookCheckup;
    const cancelled = await harness.query(CANCEL, { id }, await as(LIWAN));
    expect(cancelled).toEqual({ data: { cancelCheckupBooking: { id, status: 'CANCELLED' } } });
    expect(await bookingStatus(id)).toBe('CANCELLED');
  });

  it('may not cancel another talent’s booking, which stays booked', async () => {
    const input = { talentId: BAIYUN, program: 'BAIYUN_YUNJU', kind: 'HEALTH_CHECKUP', preferredDate: addDays(TODAY, 3) };
    const booked = await harness.query<{ bookCheckup: { id: string } }>(BOOK, { input }, await as(BAIYUN));
    expect(booked.errors).toBeUndefined();
    const { id } = booked.data!.bookCheckup;
    const refused = await harness.query(CANCEL, { id }, await as(LIWAN));
    expect(refused.data).toBeNull();
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await bookingStatus(id)).toBe('BOOKED');
    // Another department's staff may not cancel it either; the health office may.
    expect((await harness.query(CANCEL, { id }, await staff('housing'))).errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await harness.query(CANCEL, { id }, await staff('health'))).data).toEqual({ cancelCheckupBooking: { id, status: 'CANCELLED' } });
  });
});
