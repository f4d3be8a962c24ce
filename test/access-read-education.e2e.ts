// The education bureau's part of the role × field matrix (issue 4 "Access, decided by the owning
// department"): one query over every education field of a talent and of their cases, asked through
// the gateway by every role. Each row states exactly which paths are FORBIDDEN — written out here,
// not derived from access.ts, so a wrong policy fails the test. The fixture is worked as in life
// (000 八; 001 第四条（二）): the holder's child loses the Baiyun kindergarten lottery and is placed
// with priority; a second request for the same child and year is refused (000 八（二）2; 004 第十一条).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentRows, expectMatrix } from './access-matrix';
import { BAIYUN, CHILD, itemsReach, staff, SUBMIT, withTestTalents, type CaseView } from './cases';
import { startHarness, type Harness } from './harness';
import { todayInChina } from '../subgraphs/kit/dates';
import { LIWAN } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;

const ENROLMENT =
  'id child { name gender birthDate ageAtEntry } level schoolYear district preferredSchool assignedSchool lotteryOutcome priorityOutcome status submittedOn decidedOn source caseId';
const MATRIX_QUERY = /* GraphQL */ `
  query ($id: ID!) {
    talent(id: $id) {
      id
      education { enrolments { ${ENROLMENT} } }
      cases { id education { id item status step note reason dueOn receivedAt completedAt enrolment { ${ENROLMENT} } } }
    }
  }
`;

const EDUCATION_CASE = /* GraphQL */ `
  query ($id: ID!) { case(id: $id) { id status items { service status } education { enrolment { id } } } }
`;
type EducationCase = CaseView & { education: { enrolment: { id: string } | null }[] };

/** A kindergarten request for the holder's child at the window, once the bureau has decided on it: the case. */
async function requestAtWindow(requestKey: string, outcome: string): Promise<EducationCase> {
  const schoolEnrolment = { childId: CHILD, level: 'KINDERGARTEN', schoolYear: Number(todayInChina(harness.clock.now()).slice(0, 4)), district: '白云区', preferredSchool: '广州市白云区京溪幼儿园' };
  const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, {
    input: { requestKey, talentId: BAIYUN, items: [{ service: 'KINDERGARTEN_ENROLMENT', schoolEnrolment }], materials: ['TALENT_CARD', 'ID_CARD', 'CHILD_PAPERS', 'HOUSEHOLD_REGISTER'] },
  });
  expect(submitted.errors).toBeUndefined();
  return (await itemsReach(harness, submitted.data!.submitCase.id, { KINDERGARTEN_ENROLMENT: [outcome] }, EDUCATION_CASE)) as EducationCase;
}

async function asBureau(mutation: string, variables: Record<string, unknown>): Promise<void> {
  const result = await harness.query(mutation, variables, await staff('education'));
  expect(result.errors).toBeUndefined();
}

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
  const placed = (await requestAtWindow('education-read-0001', 'IN_PROGRESS')).education[0].enrolment!.id;
  // 001 第四条（二）: the lottery first; a child who did not win is placed with priority where places remain.
  await asBureau(`mutation($id: ID!) { recordKindergartenLottery(id: $id, won: false) { status } }`, { id: placed });
  await asBureau(`mutation($id: ID!) { placeEnrolment(id: $id, school: "广州市白云区同和幼儿园", priority: true) { status } }`, { id: placed });
  await requestAtWindow('education-read-0002', 'REFUSED');
});
afterAll(() => harness.stop());

/** What an analyst may not see: the child's name and birth date, the schools, the lottery and priority outcomes, reasons and notes. */
const ANALYST_FORBIDDEN = [
  'talent.education.enrolments.child.name',
  'talent.education.enrolments.child.birthDate',
  'talent.education.enrolments.preferredSchool',
  'talent.education.enrolments.assignedSchool',
  'talent.education.enrolments.lotteryOutcome',
  'talent.education.enrolments.priorityOutcome',
  'talent.cases.education.note',
  'talent.cases.education.reason',
  'talent.cases.education.enrolment.child.name',
  'talent.cases.education.enrolment.child.birthDate',
  'talent.cases.education.enrolment.preferredSchool',
  'talent.cases.education.enrolment.assignedSchool',
  'talent.cases.education.enrolment.lotteryOutcome',
  'talent.cases.education.enrolment.priorityOutcome',
];

const ROWS = departmentRows({ department: 'education', otherDepartment: 'household', own: BAIYUN, foreign: LIWAN, window: [], analyst: ANALYST_FORBIDDEN });

describe('who reads the education bureau’s records', () => {
  it('answers every role exactly as the matrix says, every field filled', async () => {
    await expectMatrix(harness, MATRIX_QUERY, ROWS);
  });
});
