// The household office's part of the role × field matrix (issue 4 "Access, decided by the owning
// department"): one query over every household field of a talent and of their cases, asked through
// the gateway by every role. Each row states exactly which paths are FORBIDDEN — written out here,
// not derived from access.ts, so a wrong policy fails the test. The fixture is worked as in life
// (000 一（二）; 001 第四条（一）): the holder's own transfer settled through all five steps, and a
// family case where the child's transfer is rejected (004 第十一条) while the spouse's goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentRows, expectMatrix } from './access-matrix';
import { BAIYUN, CHILD, itemsReach, SPOUSE, staff, SUBMIT, withTestTalents } from './cases';
import { startHarness, type Harness } from './harness';
import { LIWAN } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;

const TRANSFER = 'id applicant { name relation birthDate dependent } route steps { step order label status completedAt } currentStep status targetAddress policeStation submittedOn settledOn rejectionReason source caseId';
const MATRIX_QUERY = /* GraphQL */ `
  query ($id: ID!) {
    talent(id: $id) {
      id
      household { transfers { ${TRANSFER} } }
      cases { id household { id item status step note reason dueOn receivedAt completedAt transfers { ${TRANSFER} } } }
    }
  }
`;

const MATERIALS = ['TALENT_CARD', 'TALENT_INTRO_FORM', 'ID_CARD', 'HOUSEHOLD_REGISTER', 'FAMILY_MATERIALS', 'RESIDENCE_PROOF'];

/** A hukou case at the window, once the office has opened its transfers: their ids, in the order of the people named. */
async function transfersAtWindow(requestKey: string, service: string, familyMemberIds: string[]): Promise<string[]> {
  const hukouTransfer = { familyMemberIds, route: 'PLANNED_GUIDANCE', targetAddress: '广州市白云区白云大道南118号', policeStation: '景泰派出所' };
  const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, { input: { requestKey, talentId: BAIYUN, items: [{ service, hukouTransfer }], materials: MATERIALS } });
  expect(submitted.errors).toBeUndefined();
  const view = await itemsReach(harness, submitted.data!.submitCase.id, { [service]: ['IN_PROGRESS'] });
  return view.household![0].transfers.map((transfer) => transfer.id);
}

async function asOffice(mutation: string, variables: Record<string, unknown>): Promise<void> {
  const result = await harness.query(mutation, variables, await staff('household'));
  expect(result.errors).toBeUndefined();
}

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
  const [holder] = await transfersAtWindow('household-read-0001', 'HUKOU_TRANSFER_HOLDER', []);
  // Steps 2 to 5 (000 一（二）): the last one, 派出所落户, settles it.
  for (let step = 0; step < 4; step += 1) await asOffice(`mutation($id: ID!) { advanceHukouTransfer(id: $id) { status } }`, { id: holder });
  const [, child] = await transfersAtWindow('household-read-0002', 'HUKOU_TRANSFER_FAMILY', [SPOUSE, CHILD]);
  await asOffice(`mutation($id: ID!) { rejectHukouTransfer(id: $id, reason: "出生医学证明与户籍信息不符") { status } }`, { id: child });
});
afterAll(() => harness.stop());

/** What an analyst may not see: the names and birth dates of the people moving, where they move, reasons and notes. */
const ANALYST_FORBIDDEN = [
  'talent.household.transfers.applicant.name',
  'talent.household.transfers.applicant.birthDate',
  'talent.household.transfers.targetAddress',
  'talent.household.transfers.policeStation',
  'talent.household.transfers.rejectionReason',
  'talent.cases.household.note',
  'talent.cases.household.reason',
  'talent.cases.household.transfers.applicant.name',
  'talent.cases.household.transfers.applicant.birthDate',
  'talent.cases.household.transfers.targetAddress',
  'talent.cases.household.transfers.policeStation',
  'talent.cases.household.transfers.rejectionReason',
];

const ROWS = departmentRows({ department: 'household', otherDepartment: 'education', own: BAIYUN, foreign: LIWAN, window: [], analyst: ANALYST_FORBIDDEN });

describe('who reads the household office’s records', () => {
  it('answers every role exactly as the matrix says, every field filled', async () => {
    await expectMatrix(harness, MATRIX_QUERY, ROWS);
  });
});
