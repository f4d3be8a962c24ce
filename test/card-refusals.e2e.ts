// An application the rules refuse is refused whole: every failed condition — age (003 四（一）), the
// category's own conditions (003 三（七）), the employer's confirmation (003 六（一）基本1) — and every
// missing material (003 六（一）) listed at once, each with its clause, and nothing stored. A window
// specialist may not record another authority's stage; a talent may not apply for someone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';
import { APPLY, personInput, REGISTER, tianheApplication } from '../subgraphs/talent/cards/fixtures';

let harness: Harness;
let personId: string;

beforeAll(async () => {
  harness = await startHarness();
  // 56 years old, registered by the window.
  const registered = await harness.query<{ registerPerson: { id: string } }>(REGISTER, { input: personInput('refusal-person-1', { birthDate: '1960-03-01' }, 77) });
  personId = registered.data!.registerPerson.id;
});
afterAll(() => harness.stop());

type Problem = { field: string; rule: string; source: string };

describe('refusals at application', () => {
  it('lists age, category conditions, employer and missing materials at once, and stores nothing', async () => {
    const result = await harness.query(APPLY, {
      input: tianheApplication('refusal-apply-1', personId, {
        category: '003-3-7',
        materials: ['APPLICATION_FORM', 'ID_PHOTO', 'DEGREE_CERTIFICATES', 'IDENTITY_PROOF', 'HOUSEHOLD_BOOKLET', 'EMPLOYMENT_CONTRACT'],
        employerConfirmation: { confirmed: false, unit: '天河软件有限公司', contactName: '王经理' },
        facts: { monthsWorkedPerYear: 12, guangzhouHukou: false, annualSalaryYuan: 500_000, annualIncomeTaxYuan: 150_000 },
      }),
    });
    expect(result.data).toBeNull();
    const problems = (result.errors![0].extensions!.problems as Problem[]).map((problem) => `${problem.field} ${problem.rule} ${problem.source}`);
    expect(problems).toEqual([
      'input.employerConfirmation.confirmed EMPLOYER_NOT_CONFIRMED 003 六（一）基本1',
      'input.personId AGE_UNDER_55 003 四（一）',
      'input.category HK_MACAO_TAIWAN_OR_FOREIGN 003 三（七）',
      'input.facts.annualSalaryYuan ANNUAL_SALARY_600K 003 三（七）',
      'input.materials CARD_MATERIAL_MISSING 003 六（一）基本6',
      'input.materials CARD_MATERIAL_MISSING 003 六（一）专项7',
    ]);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const stored = await harness.query(`{ cardApplications { totalCount } }`);
    expect(stored.data).toEqual({ cardApplications: { totalCount: 0 } });
  });

  it('refuses a talent applying for someone else, and a specialist recording the HRSS’s stage', async () => {
    const other = await bearer({ subject: 'other', role: 'talent', talentId: '64c0000000000000000000e9' });
    expect((await harness.query(APPLY, { input: tianheApplication('refusal-apply-2', personId) }, other)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const step = await harness.query(`mutation { recordCardApplicationStep(input: { applicationId: "64c0000000000000000000e8", stage: HRSS_FINAL_REVIEW, decision: APPROVE }) { id } }`, {}, await bearer({ subject: 'window-li', role: 'specialist' }));
    expect(step.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
