// 白云区云聚英才卡 through its stages (001 第五条): 申报 → 预审 (the window) → 初审 (the industry
// authority) → 复审 (区人社局) → 审定 (the leading group) → 制卡 (the bank) → 发卡, each recorded with its
// actor, a coordinator recording for the authorities; 001 sets no limits, so each stage has the
// configured CARD_STAGE_DAYS_BAIYUN working days. Issued, the card starts its 5-year period (001
// 第六条) and a department's single service (the airport, 001 第四条（七）) serves the new holder at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { bearer } from './tokens';
import { todayInChina } from '../subgraphs/kit/dates';
import { loadWorkingCalendar } from '../subgraphs/kit/working-days';
import { managementPeriodEnd } from '../subgraphs/talent/rules';
import { baiyunStageDays } from '../subgraphs/talent/cards/stages';
import { APPLY, baiyunApplication, personInput, REGISTER, STEP } from '../subgraphs/talent/cards/fixtures';

let harness: Harness;
const calendar = loadWorkingCalendar();

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

const today = () => todayInChina(harness.clock.now());

interface StepView {
  status: string;
  stage: string;
  stageDueOn: string;
  cardNumber: string | null;
  talent: { id: string; mainCard: { number: string; status: string; expiresOn: string } } | null;
  timeline: { stage: string; decision: string; actor: string; recordedBy: string | null }[];
}

describe('a Baiyun card through its stages', () => {
  it('goes 预审 → 初审 → 复审 → 审定 → 制卡 → 发卡, each with its actor and limit, and the holder is served', async () => {
    const person = await harness.query<{ registerPerson: { id: string } }>(REGISTER, { input: personInput('baiyun-person-1', { district: '白云区', employer: '天河软件有限公司' }, 41) }, await bearer({ subject: 'window-wang', role: 'specialist' }));
    expect(person.errors).toBeUndefined();
    const personId = person.data!.registerPerson.id;
    const applied = await harness.query<{ applyForCard: { id: string; stage: string; stageDueOn: string } }>(APPLY, { input: baiyunApplication('baiyun-apply-1', personId) });
    expect(applied.errors).toBeUndefined();
    const id = applied.data!.applyForCard.id;
    const days = baiyunStageDays();
    expect(applied.data!.applyForCard).toMatchObject({ stage: 'PRE_REVIEW', stageDueOn: calendar.addWorkingDays(today(), days) });

    const stages: [string, string, string][] = [
      ['PRE_REVIEW', '白云区人才工作经办部门', 'INDUSTRY_REVIEW'],
      ['INDUSTRY_REVIEW', '白云区科技工业商务和信息化局', 'HRSS_REVIEW'],
      ['HRSS_REVIEW', '白云区人力资源和社会保障局', 'LEADING_GROUP_DECISION'],
      ['LEADING_GROUP_DECISION', '白云区人才工作领导小组', 'BANK_CARD_MAKING'],
      ['BANK_CARD_MAKING', '广州农商银行白云支行', 'CARD_HANDOVER'],
    ];
    let view: StepView | null = null;
    for (const [stage, actor, next] of stages) {
      const result = await harness.query<{ recordCardApplicationStep: StepView }>(STEP, { input: { applicationId: id, stage, decision: 'APPROVE', actor } });
      expect(result.errors).toBeUndefined();
      view = result.data!.recordCardApplicationStep;
      expect(view).toMatchObject({ stage: next, stageDueOn: calendar.addWorkingDays(today(), days) });
    }
    expect(view!.cardNumber).toMatch(/^BY-\d{4}-8\d{5}$/);
    const handed = await harness.query<{ recordCardApplicationStep: StepView }>(STEP, { input: { applicationId: id, stage: 'CARD_HANDOVER', decision: 'APPROVE' } });
    expect(handed.data!.recordCardApplicationStep).toMatchObject({ status: 'ISSUED', talent: { id: personId, mainCard: { number: view!.cardNumber, status: 'ACTIVE', expiresOn: managementPeriodEnd(today()) } } });
    expect(handed.data!.recordCardApplicationStep.timeline.map((entry) => `${entry.stage} ${entry.actor} ${entry.recordedBy}`)).toEqual([
      'APPLICATION 周子墨 coordinator-test',
      'PRE_REVIEW 白云区人才工作经办部门 coordinator-test',
      'INDUSTRY_REVIEW 白云区科技工业商务和信息化局 coordinator-test',
      'HRSS_REVIEW 白云区人力资源和社会保障局 coordinator-test',
      'LEADING_GROUP_DECISION 白云区人才工作领导小组 coordinator-test',
      'BANK_CARD_MAKING 广州农商银行白云支行 coordinator-test',
      'CARD_HANDOVER 白云区人才工作领导小组办公室 coordinator-test',
    ]);

    // The customs office checks the card with the registry (kit/card-check.ts) and serves the new holder.
    const booked = await harness.query(`mutation($input: BookAirportServiceInput!) { bookAirportService(input: $input) { status } }`, {
      input: {
        talentId: personId, program: 'BAIYUN_YUNJU', scope: 'DOMESTIC', direction: 'DEPARTURE', flightNumber: 'CZ3101',
        flightTime: new Date(harness.clock.now().getTime() + 24 * 3600_000).toISOString(), passengers: [{ name: '周子墨' }],
        greeters: [], vehicles: [], checkedLuggage: false, nameSign: false, contactPhone: '13912345678',
      },
    });
    expect(booked).toEqual({ data: { bookAirportService: { status: 'BOOKED' } } });
  });
});
