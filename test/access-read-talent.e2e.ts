// The role × field matrix of the window's own data (issue 4): the card registry and the cases, for
// each role, on the talent's own record and on someone else's. Analysts see no names, ID numbers
// or phones; department staff see identity basics but not the window's notes about a case; a
// talent sees only themself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../subgraphs/kit/dates';
import { CHILD, LIWAN, SPOUSE, TIANHE } from '../subgraphs/talent/cases/fixtures';
import { expectMatrix, type MatrixRow } from './access-matrix';
import { itemsReach, SUBMIT, withTestTalents } from './cases';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
  // A Guangzhou holder (副卡 are theirs, 003 六（二）): a 副卡 for the spouse, and a kindergarten
  // case accepted on a promise (容缺) and handed to the education bureau.
  const today = todayInChina(harness.clock.now());
  // 副卡 only once the main card has been held a year (003 四（二））: this holder's is older here.
  await harness.subgraphs.talent.connection.models.Talent.updateOne({ _id: TIANHE }, { $set: { 'mainCard.issuedOn': addDays(today, -400) } });
  const card = await harness.query(`mutation { issueAffiliatedCard(talentId: "${TIANHE}", familyMemberId: "${SPOUSE}") { id } }`);
  expect(card.errors).toBeUndefined();
  const schoolEnrolment = { childId: CHILD, level: 'KINDERGARTEN', schoolYear: Number(today.slice(0, 4)), district: '天河区', preferredSchool: '广州市天河区天府路幼儿园' };
  const input = {
    requestKey: 'matrix-talent-01',
    talentId: TIANHE,
    items: [{ service: 'KINDERGARTEN_ENROLMENT', schoolEnrolment }],
    materials: ['TALENT_CARD', 'ID_CARD', 'CHILD_PAPERS'],
    specialist: '窗口-王芳',
    deferral: { promisedBy: addDays(today, 10), statement: '本人承诺补齐户口簿' },
  };
  const submitted = await harness.query<{ submitCase: { id: string } }>(SUBMIT, { input });
  expect(submitted.errors).toBeUndefined();
  await itemsReach(harness, submitted.data!.submitCase.id, { KINDERGARTEN_ENROLMENT: ['RECEIVED', 'IN_PROGRESS', 'DONE', 'REFUSED'] });
});
afterAll(() => harness.stop());

const QUERY = /* GraphQL */ `
  query($id: ID!) {
    talent(id: $id) {
      id name nameEn gender birthDate nationality idDocument { type number } phone employer position degree district program
      mainCard { number program kind holderName eligibility { code label source } issuedOn expiresOn status }
      cards { number kind holderName relation }
      family { id name relation gender birthDate idDocument { type number } minor cardNumber }
      cases {
        id requestKey specialist status submittedAt acceptedAt dueOn deliveredAt overdue overdueWorkingDays
        items { service department status step note reason dueOn overdue overdueWorkingDays dispatchedAt completedAt }
        pendingMaterials { code name promisedBy suppliedAt }
        timeline { at kind department service message }
      }
    }
  }
`;

// Left empty by this fixture for everyone: no English name, a case not yet delivered or finished.
const NULLS = ['talent.nameEn', 'talent.cases.deliveredAt', 'talent.cases.items.reason', 'talent.cases.items.completedAt', 'talent.cases.pendingMaterials.suppliedAt'];

const own = { id: TIANHE };
const IDENTITY = ['name', 'nameEn', 'birthDate', 'idDocument', 'phone', 'employer', 'position', 'mainCard.number', 'mainCard.holderName', 'cards.number', 'cards.holderName', 'family.name', 'family.birthDate', 'family.idDocument', 'family.cardNumber', 'cases.specialist'];
const CASE_NOTES = ['cases.items.note', 'cases.items.reason', 'cases.timeline.message'];
const under = (paths: string[]) => paths.map((path) => `talent.${path}`);

const rows: MatrixRow[] = [
  { name: 'coordinator', viewer: { subject: 'c', role: 'coordinator' }, variables: own, forbidden: [] },
  { name: 'specialist', viewer: { subject: 's', role: 'specialist' }, variables: own, forbidden: [] },
  { name: 'health staff', viewer: { subject: 'h', role: 'department_staff', department: 'health' }, variables: own, forbidden: under(CASE_NOTES) },
  { name: 'talent (own)', viewer: { subject: 't', role: 'talent', talentId: TIANHE }, variables: own, forbidden: [] },
  { name: 'talent (foreign)', viewer: { subject: 't', role: 'talent', talentId: LIWAN }, variables: own, forbidden: ['talent'] },
  { name: 'analyst', viewer: { subject: 'a', role: 'analyst' }, variables: own, forbidden: under([...IDENTITY, ...CASE_NOTES]) },
];

describe('the window’s data, role by role', () => {
  it('answers exactly the fields each role may see', async () => {
    await expectMatrix(harness, QUERY, rows, NULLS);
  });

  it('lists only a talent’s own talent and cases, and refuses someone else’s case', async () => {
    const headers = await bearer({ subject: 't', role: 'talent', talentId: LIWAN });
    const lists = await harness.query<{ talents: { totalCount: number }; cases: { totalCount: number } }>(`{ talents { totalCount } cases { totalCount } }`, {}, headers);
    expect(lists.data).toEqual({ talents: { totalCount: 1 }, cases: { totalCount: 0 } });
    const theirs = await harness.query(`query($id: ID!) { cases(filter: { talentId: $id }) { totalCount } }`, { id: TIANHE }, headers);
    expect(theirs.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const caseId = (await harness.query<{ cases: { edges: { node: { id: string } }[] } }>(`{ cases { edges { node { id } } } }`)).data!.cases.edges[0].node.id;
    const one = await harness.query(`query($id: ID!) { case(id: $id) { id } }`, { id: caseId }, headers);
    expect(one).toMatchObject({ data: { case: null }, errors: [{ extensions: { code: 'FORBIDDEN' }, path: ['case'] }] });
  });

  it('keeps analysts from searching by name', async () => {
    const search = await harness.query(`{ talents(filter: { search: "陈" }) { totalCount } }`, {}, await bearer({ subject: 'a', role: 'analyst' }));
    expect(search.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const counts = await harness.query(`{ talents(filter: { district: "白云区" }) { totalCount } }`, {}, await bearer({ subject: 'a', role: 'analyst' }));
    expect(counts.data).toEqual({ talents: { totalCount: 2 } });
  });
});
