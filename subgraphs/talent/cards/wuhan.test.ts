// 武汉 高层次人才"绿色通道" (004): the categories of 第四条 3、4 with the materials that prove them
// (一次性告知, 第八条), the three stages — 专人受理 (第九条), 市委人才办确认 (第四条、第五条), 纳入绿色通道
// and 统一建档 (第十二条) — each within the office's configured limit (第六条), and 荔湾, whose seed
// (002) sets no application procedure, refused with where to apply.
import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../kit/dates';
import { APPLY, personInput, REGISTER, STEP } from './fixtures';
import { useRegistryFixture } from './registry-fixture';
import { stagesOf, wuhanStageDays } from './stages';

const MOMENT = new Date('2026-11-16T02:00:00Z');
const { fixture } = useRegistryFixture(MOMENT);
const WINDOW = { subject: 'window-clerk', role: 'specialist' } as const;
const COORDINATOR = { subject: 'coordinator-1', role: 'coordinator' } as const;

type Problems = readonly { extensions?: { problems?: { field: string; rule: string; source: string }[] } }[];
const problemsOf = (errors: readonly unknown[] | undefined) => ((errors ?? []) as Problems)[0]?.extensions?.problems?.map((problem) => `${problem.field} ${problem.rule} ${problem.source}`);

const REQUIREMENTS = /* GraphQL */ `
  query Needs($program: CardProgram!, $category: String!) { cardRequirements(program: $program, category: $category) { materials { code source } } }
`;

function wuhanApplication(requestKey: string, personId: string, change: Record<string, unknown> = {}) {
  return {
    requestKey,
    personId,
    program: 'WUHAN_GREEN_CHANNEL',
    category: '004-4-3',
    materials: ['APPLICATION_FORM', 'IDENTITY_PROOF', 'TALENT_HONOUR_PROOF'],
    employerConfirmation: { confirmed: false, unit: '', contactName: '' },
    facts: {},
    ...change,
  };
}

describe('Wuhan green channel (004)', () => {
  it('names each category’s materials with the clause that asks for them', async () => {
    const selected = await fixture.run<{ cardRequirements: { materials: { code: string; source: string }[] } }>(REQUIREMENTS, { program: 'WUHAN_GREEN_CHANNEL', category: '004-4-3' }, WINDOW);
    expect(selected.data!.cardRequirements.materials).toEqual([
      { code: 'APPLICATION_FORM', source: '004 第八条、第九条' },
      { code: 'IDENTITY_PROOF', source: '004 第八条、第九条' },
      { code: 'TALENT_HONOUR_PROOF', source: '004 第四条第3项' },
    ]);
    const recognised = await fixture.run<{ cardRequirements: { materials: { code: string }[] } }>(REQUIREMENTS, { program: 'WUHAN_GREEN_CHANNEL', category: '004-4-4' }, WINDOW);
    expect(recognised.data!.cardRequirements.materials.map((material) => material.code)).toEqual(['APPLICATION_FORM', 'IDENTITY_PROOF', 'WUHAN_RECOGNITION']);
  });

  it('runs 专人受理 → 市委人才办确认 → 纳入绿色通道, each due in the configured working days, and opens the holder’s record', async () => {
    const person = await fixture.run<{ registerPerson: { id: string } }>(REGISTER, { input: personInput('wuhan-person-1', { district: '洪山区', employer: '武汉光谷光电子有限公司' }) }, WINDOW);
    expect(person.errors).toBeUndefined();
    const personId = person.data!.registerPerson.id;

    const missing = await fixture.run(APPLY, { input: wuhanApplication('wuhan-apply-00', personId, { category: '004-4-4' }) }, WINDOW);
    expect(problemsOf(missing.errors)).toEqual(['input.materials CARD_MATERIAL_MISSING 004 第四条第4项']);

    const applied = await fixture.run<{ applyForCard: { id: string; stage: string; stageDueOn: string; eligibility: { source: string } } }>(APPLY, { input: wuhanApplication('wuhan-apply-01', personId) }, WINDOW);
    expect(applied.errors).toBeUndefined();
    const application = applied.data!.applyForCard;
    expect(application).toMatchObject({ stage: 'SPECIALIST_INTAKE', stageDueOn: '2026-11-23', eligibility: { source: '004 第四条第3项' } });
    expect(stagesOf('WUHAN_GREEN_CHANNEL').map((rule) => `${rule.stage}:${rule.limitWorkingDays}`)).toEqual(['SPECIALIST_INTAKE:5', 'TALENT_OFFICE_CONFIRMATION:5', 'CHANNEL_OPENING:5']);

    // The city office's confirmation is not the window's to record: a specialist is refused, a coordinator records it on the office's behalf.
    expect((await fixture.run(STEP, { input: { applicationId: application.id, stage: 'SPECIALIST_INTAKE', decision: 'APPROVE' } }, WINDOW)).errors).toBeUndefined();
    const bySpecialist = await fixture.run(STEP, { input: { applicationId: application.id, stage: 'TALENT_OFFICE_CONFIRMATION', decision: 'APPROVE' } }, WINDOW);
    expect((bySpecialist.errors?.[0].extensions as { code: string }).code).toBe('FORBIDDEN');
    const confirmed = await fixture.run<{ recordCardApplicationStep: { stage: string; cardNumber: string } }>(STEP, { input: { applicationId: application.id, stage: 'TALENT_OFFICE_CONFIRMATION', decision: 'APPROVE' } }, COORDINATOR);
    expect(confirmed.data!.recordCardApplicationStep).toMatchObject({ stage: 'CHANNEL_OPENING', cardNumber: expect.stringMatching(/^WHLS-2026-8\d{5}$/) });
    const opened = await fixture.run<{ recordCardApplicationStep: { status: string; talent: { id: string; program: string; mainCard: { status: string; issuedOn: string; eligibility: { code: string } } } } }>(
      STEP,
      { input: { applicationId: application.id, stage: 'CHANNEL_OPENING', decision: 'APPROVE' } },
      WINDOW,
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.recordCardApplicationStep).toMatchObject({
      status: 'ISSUED',
      talent: { id: personId, program: 'WUHAN_GREEN_CHANNEL', mainCard: { status: 'ACTIVE', issuedOn: todayInChina(MOMENT), eligibility: { code: '004-4-3' } } },
    });
  });

  it('takes its stage limit from CARD_STAGE_DAYS_WUHAN and refuses a bad one', () => {
    expect(wuhanStageDays({ CARD_STAGE_DAYS_WUHAN: '8' })).toBe(8);
    expect(() => wuhanStageDays({ CARD_STAGE_DAYS_WUHAN: 'five' })).toThrow(/CARD_STAGE_DAYS_WUHAN/);
  });
});

describe('Liwan (002)', () => {
  it('refuses an application, saying that 002 sets no procedure and where to apply', async () => {
    const person = await fixture.run<{ registerPerson: { id: string } }>(REGISTER, { input: personInput('liwan-person-1', {}, 77) }, WINDOW);
    const refused = await fixture.run(APPLY, { input: wuhanApplication('liwan-apply-01', person.data!.registerPerson.id, { program: 'LIWAN_YINGCAI', category: '002-yingcai' }) }, WINDOW);
    expect(problemsOf(refused.errors)).toEqual(['input.program PROGRAM_NOT_ACCEPTED_HERE 002']);
    expect(refused.errors![0].message).toContain('荔湾区人才工作部门');
  });
});
