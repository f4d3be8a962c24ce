// Who may change what (issue 4): only the department works its own records, only the window
// delivers, only the talent (for themself) or the window submits, only services make the internal
// hand-offs — anyone else gets FORBIDDEN and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BAIYUN, legalItem, staff, SUBMIT, withTestTalents } from './cases';
import { bearer } from './tokens';
import { LIWAN } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

const code = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code ?? null;
const submission = (talentId: string, requestKey: string) => ({ input: { requestKey, talentId, items: [legalItem], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'] } });
const holder = () => bearer({ subject: 'holder', role: 'talent', talentId: BAIYUN });

describe('mutations by role', () => {
  it('lets a talent submit for themself, not for another; department staff may not submit', async () => {
    expect(code(await harness.query(SUBMIT, submission(BAIYUN, 'access-own-0001'), await holder()))).toBeNull();
    expect(code(await harness.query(SUBMIT, submission(LIWAN, 'access-other-001'), await holder()))).toBe('FORBIDDEN');
    expect(code(await harness.query(SUBMIT, submission(BAIYUN, 'access-staff-001'), await staff('legal')))).toBe('FORBIDDEN');
    expect(await harness.subgraphs.talent.connection.models.Case.countDocuments({})).toBe(1);
  });

  it('lets only the window deliver, and only the department work its own records', async () => {
    const id = (await harness.query<{ submitCase: { id: string } }>(SUBMIT, submission(BAIYUN, 'access-deliver-1'))).data!.submitCase.id;
    expect(code(await harness.query(`mutation($id: ID!) { deliverCase(caseId: $id) { status } }`, { id }, await holder()))).toBe('FORBIDDEN');
    const unknown = 'ffffffffffffffffffffffff';
    const answer = `mutation($id: ID!) { answerLegalConsultation(id: $id) { status } }`;
    expect(code(await harness.query(answer, { id: unknown }))).toBe('FORBIDDEN'); // a coordinator
    expect(code(await harness.query(answer, { id: unknown }, await staff('health')))).toBe('FORBIDDEN');
    expect(code(await harness.query(answer, { id: unknown }, await staff('legal')))).toBe('NOT_FOUND');
  });

  it('lets a talent withdraw their own case, not anyone else’s', async () => {
    const id = (await harness.query<{ submitCase: { id: string } }>(SUBMIT, submission(BAIYUN, 'access-withdraw-1'))).data!.submitCase.id;
    const withdraw = `mutation($id: ID!) { withdrawCase(caseId: $id, reason: "行程有变") { status } }`;
    const other = await bearer({ subject: 'other', role: 'talent', talentId: LIWAN });
    expect(code(await harness.query(withdraw, { id }, other))).toBe('FORBIDDEN');
    expect(code(await harness.query(withdraw, { id }, await staff('legal')))).toBe('FORBIDDEN');
    expect((await harness.query<{ case: { status: string } }>(`query($id: ID!) { case(id: $id) { status } }`, { id })).data!.case.status).not.toBe('WITHDRAWN');
    expect(await harness.query(withdraw, { id }, await holder())).toEqual({ data: { withdrawCase: { status: 'WITHDRAWN' } } });
  });

  it('keeps the internal hand-offs for services', async () => {
    const report = await harness.query(`mutation($input: CaseTaskReportInput!) { recordCaseTaskReport(input: $input) }`, {
      input: { caseId: 'ffffffffffffffffffffffff', item: 'LEGAL_CONSULTATION', department: 'legal', status: 'DONE', step: null, note: 'x', reason: null, occurredAt: new Date().toISOString(), sequence: 1 },
    });
    // Not in the public graph at all: the gateway does not know the field.
    expect(code(report)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
