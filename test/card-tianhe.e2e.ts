// 广州市人才绿卡 (天河区受理) from registration to the card in hand, through the gateway: the person
// registers themself (003 附件1), applies under 003 三（四） with every material (003 六（一）), the
// window's 初审 and 复核 and the district HRSS's 终审 share 7 working days (003 七（二）), a 退案 asks for
// materials and restarts the 7 days when they are supplied (七（二）), the police make the card within
// 15 working days (七（三）) and it is issued within 3 (七（四）); an overdue stage is on the 督办 list;
// the issued card starts its 5-year period (001 第六条) and the registry answers for the new holder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';
import { todayInChina } from '../subgraphs/kit/dates';
import { loadWorkingCalendar } from '../subgraphs/kit/working-days';
import { managementPeriodEnd } from '../subgraphs/talent/rules';
import { APPLY, personInput, REGISTER, STEP, tianheApplication } from '../subgraphs/talent/cards/fixtures';

let harness: Harness;
const calendar = loadWorkingCalendar();
const DAY = 24 * 3600_000;
const TALENT_ID = '64c0000000000000000000e1';

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

const today = () => todayInChina(harness.clock.now());
const specialist = () => bearer({ subject: 'window-li', role: 'specialist' });
const self = () => bearer({ subject: 'zhou-zimo', role: 'talent', talentId: TALENT_ID });

interface StepView {
  status: string;
  stage: string;
  stageDueOn: string;
  stageLimitWorkingDays: number;
  overdue: boolean;
  round: number;
  cardNumber: string | null;
  materialsToSupply: { code: string }[];
  talent: { id: string; program: string; mainCard: { number: string; status: string; issuedOn: string; expiresOn: string; eligibility: { code: string } } } | null;
  timeline: { stage: string; decision: string; actor: string; recordedBy: string | null; late: boolean }[];
}

async function step(applicationId: string, stage: string, decision: string, headers?: Record<string, string>, extra: Record<string, unknown> = {}): Promise<StepView> {
  const result = await harness.query<{ recordCardApplicationStep: StepView }>(STEP, { input: { applicationId, stage, decision, ...extra } }, headers);
  expect(result.errors).toBeUndefined();
  return result.data!.recordCardApplicationStep;
}

const OVERDUE = /* GraphQL */ `query { cardApplications(filter: { overdue: true, program: GUANGZHOU_GREEN_CARD }) { totalCount edges { node { id stage overdue } } } }`;

describe('a Tianhe green card from registration to issue', () => {
  it('runs every stage with its limit and actor, and the registry knows the holder at once', async () => {
    const registered = await harness.query<{ registerPerson: { id: string; registeredBy: string } }>(REGISTER, { input: personInput('tianhe-person-1') }, await self());
    expect(registered.data).toEqual({ registerPerson: expect.objectContaining({ id: TALENT_ID, registeredBy: 'SELF' }) });

    const requirements = await harness.query<{ cardRequirements: { materials: { code: string; key: boolean }[]; stages: { stage: string; limitWorkingDays: number }[] } }>(
      `{ cardRequirements(program: GUANGZHOU_GREEN_CARD, category: "003-3-4", idDocumentType: RESIDENT_ID) { materials { code key } stages { stage limitWorkingDays } } }`,
    );
    expect(requirements.data!.cardRequirements.materials.map((material) => material.code)).toEqual(tianheApplication('x', TALENT_ID).materials);
    expect(requirements.data!.cardRequirements.stages.map((stage) => stage.limitWorkingDays)).toEqual([7, 7, 7, 15, 3]);

    const applied = await harness.query<{ applyForCard: { id: string; stage: string; stageDueOn: string } }>(APPLY, { input: tianheApplication('tianhe-apply-1', TALENT_ID) }, await self());
    expect(applied.errors).toBeUndefined();
    const id = applied.data!.applyForCard.id;
    const reviewDue = calendar.addWorkingDays(today(), 7);
    expect(applied.data!.applyForCard).toMatchObject({ stage: 'WINDOW_FIRST_REVIEW', stageDueOn: reviewDue });

    // 初审 and 复核 by the window, a day apart; the 7 days are the three reviews' together.
    expect(await step(id, 'WINDOW_FIRST_REVIEW', 'APPROVE', await specialist())).toMatchObject({ stage: 'WINDOW_RECHECK', stageDueOn: reviewDue });
    harness.clock.advance(DAY);
    expect(await step(id, 'WINDOW_RECHECK', 'APPROVE', await specialist())).toMatchObject({ stage: 'HRSS_FINAL_REVIEW', stageDueOn: reviewDue });

    // Past the 7 working days the application is on the 督办 list.
    harness.clock.set(new Date(`${calendar.addWorkingDays(reviewDue, 1)}T02:00:00Z`));
    expect((await harness.query(OVERDUE)).data).toEqual({ cardApplications: { totalCount: 1, edges: [{ node: { id, stage: 'HRSS_FINAL_REVIEW', overdue: true } }] } });

    // 退案 by the HRSS (recorded by a coordinator on its behalf), then the talent supplies; 7 days again.
    const returned = await step(id, 'HRSS_FINAL_REVIEW', 'RETURN', undefined, { actor: '天河区人社局人才科', materialsToSupply: ['EMPLOYMENT_CONTRACT'], note: '合同剩余期限不足6个月' });
    expect(returned).toMatchObject({ status: 'RETURNED', overdue: false, materialsToSupply: [{ code: 'EMPLOYMENT_CONTRACT' }] });
    expect((await harness.query(OVERDUE)).data).toEqual({ cardApplications: { totalCount: 0, edges: [] } });
    const resubmitted = await harness.query<{ resubmitCardApplication: { status: string; round: number; stageDueOn: string } }>(
      `mutation($id: ID!) { resubmitCardApplication(applicationId: $id, materials: [EMPLOYMENT_CONTRACT]) { status round stageDueOn } }`, { id }, await self(),
    );
    expect(resubmitted.data).toEqual({ resubmitCardApplication: { status: 'IN_PROGRESS', round: 2, stageDueOn: calendar.addWorkingDays(today(), 7) } });

    const approved = await step(id, 'HRSS_FINAL_REVIEW', 'APPROVE', undefined, { actor: '天河区人力资源和社会保障局' });
    expect(approved).toMatchObject({ stage: 'POLICE_CARD_MAKING', stageLimitWorkingDays: 15, stageDueOn: calendar.addWorkingDays(today(), 15) });
    harness.clock.advance(DAY);
    const made = await step(id, 'POLICE_CARD_MAKING', 'APPROVE');
    expect(made).toMatchObject({ stage: 'CARD_ISSUING', stageLimitWorkingDays: 3, stageDueOn: calendar.addWorkingDays(today(), 3) });
    expect(made.cardNumber).toMatch(/^GZLK-\d{4}-8\d{5}$/);

    const issued = await step(id, 'CARD_ISSUING', 'APPROVE', await specialist());
    expect(issued.status).toBe('ISSUED');
    expect(issued.talent).toEqual({ id: TALENT_ID, program: 'GUANGZHOU_GREEN_CARD', mainCard: { number: made.cardNumber, status: 'ACTIVE', issuedOn: today(), expiresOn: managementPeriodEnd(today()), eligibility: { code: '003-3-4' } } });
    expect(issued.timeline.map((entry) => `${entry.stage} ${entry.decision} ${entry.actor}`)).toEqual([
      'APPLICATION SUBMITTED 周子墨',
      'WINDOW_FIRST_REVIEW APPROVED 天河区人才服务管理办公室',
      'WINDOW_RECHECK APPROVED 天河区人才服务管理办公室',
      'HRSS_FINAL_REVIEW RETURNED 天河区人社局人才科',
      'HRSS_FINAL_REVIEW RESUBMITTED 申领人',
      'HRSS_FINAL_REVIEW APPROVED 天河区人力资源和社会保障局',
      'POLICE_CARD_MAKING APPROVED 广州市公安局',
      'CARD_ISSUING APPROVED 天河区人力资源和社会保障局',
    ]);
    expect(issued.timeline.map((entry) => entry.late)).toEqual([false, false, false, true, false, false, false, false]);

    // What every department's card check asks the registry (kit/card-check.ts), as the holder.
    const card = await harness.query(`query($id: ID!) { talent(id: $id) { program mainCard { status expiresOn } family { name relation } } }`, { id: TALENT_ID }, await self());
    expect(card).toEqual({ data: { talent: { program: 'GUANGZHOU_GREEN_CARD', mainCard: { status: 'ACTIVE', expiresOn: managementPeriodEnd(today()) }, family: [{ name: '孙悦', relation: 'SPOUSE' }] } } });
  });
});
