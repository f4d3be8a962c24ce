// Who may read the legal office's records, role by role, through the gateway (issue 4: "a role ×
// field matrix test … so a leak fails the test"; legal/access.ts). The window sees every case's
// legal status, dates and counsel but not what a consultation is about (its topic); analysts see
// counts, kinds and statuses only, no counsel names; another department's staff see nothing of it;
// a talent only their own. A talent cannot cancel a consultation themself: withdrawal goes through
// the window's case (case-withdraw.e2e.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAIYUN, LIWAN } from '../subgraphs/talent/cases/fixtures';
import { departmentRows, expectMatrix } from './access-matrix';
import { itemsReach, legalItem, staff, SUBMIT, withTestTalents } from './cases';
import { startHarness, type Harness } from './harness';

let harness: Harness;
const MATERIALS = ['TALENT_CARD', 'CONSULTATION_SUMMARY'];

async function submitted(requestKey: string, item: Record<string, unknown>): Promise<string> {
  const result = await harness.query<{ submitCase: { id: string } }>(SUBMIT, { input: { requestKey, talentId: BAIYUN, items: [item], materials: MATERIALS } });
  expect(result.errors).toBeUndefined();
  return result.data!.submitCase.id;
}

async function byLegalStaff(mutation: string, variables: Record<string, unknown>): Promise<void> {
  expect((await harness.query(mutation, variables, await staff('legal'))).errors).toBeUndefined();
}

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
  // A free personal consultation through the window, a counsel assigned and the answer recorded by
  // the office (000 十二（二）); and one Baiyun does not offer, refused with its reason (000 十二).
  const answered = await submitted('legal-read-0001', legalItem);
  const working = await itemsReach(harness, answered, { LEGAL_CONSULTATION: ['IN_PROGRESS'] });
  const id = working.legal![0].consultation.id;
  await byLegalStaff(`mutation($id: ID!) { assignLegalCounsel(id: $id, counsel: { name: "陈志强", role: GOVERNMENT_LEGAL_ADVISER, office: "白云区司法局" }) { status } }`, { id });
  await byLegalStaff(`mutation($id: ID!) { answerLegalConsultation(id: $id) { status } }`, { id });
  await itemsReach(harness, answered, { LEGAL_CONSULTATION: ['DONE'] });
  const refused = await submitted('legal-read-0002', { service: 'LEGAL_CONSULTATION', legalConsultation: { ...legalItem.legalConsultation, category: 'MEDIATION' } });
  await itemsReach(harness, refused, { LEGAL_CONSULTATION: ['REFUSED'] });
});
afterAll(() => harness.stop());

const CONSULTATION = 'id caseId topic category personalMatter channel counsel { name role office } status free feeBearing feeNote requestedAt answeredAt';
const MATRIX = /* GraphQL */ `
  query ($id: ID!) {
    talent(id: $id) {
      id
      legal { consultations { ${CONSULTATION} } openCount totalThisYear }
      cases { id legal { id item status step note reason dueOn receivedAt completedAt consultation { ${CONSULTATION} } } }
    }
  }
`;

/** What the consultation is about: the talent's and the legal office's only. */
const CONTENT = ['talent.legal.consultations.topic', 'talent.cases.legal.consultation.topic'];
/** Who handles it and the office's notes: not for analysts. */
const WORKING_DETAILS = [
  'talent.legal.consultations.counsel.name',
  'talent.legal.consultations.counsel.office',
  'talent.cases.legal.consultation.counsel.name',
  'talent.cases.legal.consultation.counsel.office',
  'talent.cases.legal.note',
  'talent.cases.legal.reason',
];

describe('reading legal records, role by role', () => {
  it('answers each role exactly the fields its level allows', async () => {
    const analyst = [...CONTENT, ...WORKING_DETAILS];
    await expectMatrix(harness, MATRIX, departmentRows({ department: 'legal', otherDepartment: 'health', own: BAIYUN, foreign: LIWAN, window: CONTENT, analyst }));
  });
});

describe('what the window keeps of a legal case', () => {
  it('never quotes the topic in its notes and timeline', async () => {
    const WINDOW = `query ($id: ID!) { talent(id: $id) { cases { items { service status note } timeline { message } } } }`;
    const result = await harness.query<{ talent: { cases: unknown[] } }>(WINDOW, { id: BAIYUN });
    expect(result.errors).toBeUndefined();
    const kept = JSON.stringify(result.data);
    expect(kept).toContain('陈志强已答复');
    expect(kept).not.toContain(legalItem.legalConsultation.topic);
  });
});
