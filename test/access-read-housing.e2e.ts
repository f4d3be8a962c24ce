// The housing office's part of the role × field matrix (issue 4 "Access, decided by the owning
// department"): one query over every housing field of a talent and of their cases, asked through
// the gateway by every role. Each row states exactly which paths are FORBIDDEN — written out here,
// not derived from access.ts, so a wrong policy fails the test. The fixture is worked as in life:
// two TALENT_APARTMENT cases at the window (000 九; 001 第四条（八）), one rejected by the office,
// the other waitlisted and then allocated a unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentRows, expectMatrix } from './access-matrix';
import { BAIYUN, itemsReach, staff, SUBMIT, withTestTalents, type CaseView } from './cases';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';
import { LIWAN } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;

const APPLICATION = 'id district project status waitlistPosition allocatedUnit { project building unitNumber areaSqm } householdSize submittedOn decidedOn rejectionReason caseId';
const MATRIX_QUERY = /* GraphQL */ `
  query ($id: ID!) {
    talent(id: $id) {
      id
      housing {
        eligibility { eligible reasons ownedHomes { id personName relation city homesOwned declaredOn } }
        applications { ${APPLICATION} }
      }
      cases { id housing { id item status step note reason dueOn receivedAt completedAt application { ${APPLICATION} } } }
    }
  }
`;

const HOUSING_CASE = /* GraphQL */ `
  query ($id: ID!) { case(id: $id) { id status items { service status } housing { application { id } } } }
`;
type HousingCase = CaseView & { housing: { application: { id: string } }[] };

const apartmentItem = {
  service: 'TALENT_APARTMENT',
  talentApartment: {
    district: '白云区',
    project: '白云人才公寓（嘉禾）',
    // 002 四: the whole registered household — the spouse and both minor children (subgraphs/talent/cases/fixtures.ts).
    householdSize: 4,
    declarations: [
      { personName: '陈思远', relation: 'HOLDER', city: '广州市', homesOwned: 0 },
      { personName: '林晓燕', relation: 'SPOUSE', city: '广州市', homesOwned: 0 },
      { personName: '陈子轩', relation: 'MINOR_CHILD', city: '广州市', homesOwned: 0 },
      { personName: '陈雨涵', relation: 'MINOR_CHILD', city: '广州市', homesOwned: 0 },
    ],
  },
};

/** A TALENT_APARTMENT case at the window, once the office has its application: the application's id. */
async function applyAtWindow(requestKey: string): Promise<string> {
  const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, {
    input: { requestKey, talentId: BAIYUN, items: [apartmentItem], materials: ['TALENT_CARD', 'ID_CARD', 'HOUSING_DECLARATION', 'EMPLOYMENT_PROOF', 'HOUSEHOLD_REGISTER'] },
  });
  expect(submitted.errors).toBeUndefined();
  const view = (await itemsReach(harness, submitted.data!.submitCase.id, { TALENT_APARTMENT: ['IN_PROGRESS'] }, HOUSING_CASE)) as HousingCase;
  return view.housing[0].application.id;
}

async function asOffice(mutation: string, variables: Record<string, unknown>): Promise<void> {
  const result = await harness.query(mutation, variables, await staff('housing'));
  expect(result.errors).toBeUndefined();
}

let waitlisted: string;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
  const rejected = await applyAtWindow('housing-read-0001');
  await asOffice(`mutation($id: ID!) { rejectApartmentApplication(id: $id, reason: "申报材料与不动产登记不符") { status } }`, { id: rejected });
  waitlisted = await applyAtWindow('housing-read-0002');
  await asOffice(`mutation($id: ID!) { waitlistApartmentApplication(id: $id) { status } }`, { id: waitlisted });
});
afterAll(() => harness.stop());


/** What an analyst may not see: names, the household's declarations, the unit, reasons and notes. */
const ANALYST_FORBIDDEN = [
  'talent.housing.eligibility.reasons',
  'talent.housing.eligibility.ownedHomes.personName',
  'talent.housing.eligibility.ownedHomes.city',
  'talent.housing.eligibility.ownedHomes.homesOwned',
  'talent.housing.applications.allocatedUnit',
  'talent.housing.applications.rejectionReason',
  'talent.cases.housing.note',
  'talent.cases.housing.reason',
  'talent.cases.housing.application.allocatedUnit',
  'talent.cases.housing.application.rejectionReason',
];

const ROWS = departmentRows({ department: 'housing', otherDepartment: 'customs', own: BAIYUN, foreign: LIWAN, window: [], analyst: ANALYST_FORBIDDEN });

describe('who reads the housing office’s records', () => {
  it('shows a waitlist position as a status, to analysts too', async () => {
    const analyst = await harness.query<{ talent: { housing: { applications: { status: string; waitlistPosition: number | null }[] } } }>(
      `query($id: ID!) { talent(id: $id) { housing { applications { status waitlistPosition } } } }`,
      { id: BAIYUN },
      await bearer({ subject: 'analyst', role: 'analyst' }),
    );
    expect(analyst.errors).toBeUndefined();
    expect(analyst.data!.talent.housing.applications).toEqual([
      { status: 'WAITLISTED', waitlistPosition: 1 },
      { status: 'REJECTED', waitlistPosition: null },
    ]);
  });

  it('answers every role exactly as the matrix says, every field filled', async () => {
    await asOffice(`mutation($id: ID!) { allocateApartment(id: $id, unit: { building: "3栋", unitNumber: "1203", areaSqm: 68.5 }) { status } }`, { id: waitlisted });
    // At most one open application (application-rules.ts): once allocated, no application waits in the queue.
    const nulls = ['talent.housing.applications.waitlistPosition', 'talent.cases.housing.application.waitlistPosition'];
    await expectMatrix(harness, MATRIX_QUERY, ROWS, nulls);
  });
});
