// Stage limits in working days (003 七（二）（三）（四）; 001 第五条 with its configured limit).
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../kit/working-days';
import { baiyunStageDays, dueOnEntering, nextStage, stageRule, stagesOf } from './stages';

// 2026-10-01..07 National Day, 2026-10-10 (Saturday) a make-up working day.
const calendar = new WorkingCalendar({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workingWeekends: ['2026-10-10'] });

describe('Tianhe stages (003 七)', () => {
  it('runs 初审 → 复核 → 终审 → 制证 → 发证', () => {
    expect(stagesOf('GUANGZHOU_GREEN_CARD').map((rule) => `${rule.stage}:${rule.limitWorkingDays}`)).toEqual(['WINDOW_FIRST_REVIEW:7', 'WINDOW_RECHECK:7', 'HRSS_FINAL_REVIEW:7', 'POLICE_CARD_MAKING:15', 'CARD_ISSUING:3']);
  });
  it('gives the three reviews one 7-working-day limit from submission, skipping holidays (七（二）)', () => {
    const first = stageRule('GUANGZHOU_GREEN_CARD', 'WINDOW_FIRST_REVIEW')!;
    const due = calendar.addWorkingDays('2026-09-29', first.limitWorkingDays);
    // 9-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13, 10-14: seven working days.
    expect(due).toBe('2026-10-14');
  });
  it('keeps the review group’s due day through 复核 and 终审, and starts 15 days for 制证 and 3 for 发证', () => {
    const recheck = nextStage('GUANGZHOU_GREEN_CARD', 'WINDOW_FIRST_REVIEW')!;
    const first = stageRule('GUANGZHOU_GREEN_CARD', 'WINDOW_FIRST_REVIEW')!;
    expect(dueOnEntering(calendar, recheck, { rule: first, dueOn: '2026-06-10' }, '2026-06-05')).toBe('2026-06-10');
    const making = stageRule('GUANGZHOU_GREEN_CARD', 'POLICE_CARD_MAKING')!;
    const final = stageRule('GUANGZHOU_GREEN_CARD', 'HRSS_FINAL_REVIEW')!;
    expect(dueOnEntering(calendar, making, { rule: final, dueOn: '2026-06-10' }, '2026-06-05')).toBe('2026-06-26');
    const issuing = stageRule('GUANGZHOU_GREEN_CARD', 'CARD_ISSUING')!;
    expect(dueOnEntering(calendar, issuing, { rule: making, dueOn: '2026-06-26' }, '2026-06-26')).toBe('2026-07-01');
  });
});

describe('Baiyun stages (001 第五条)', () => {
  it('runs 预审 → 初审 → 复审 → 审定 → 制卡 → 发卡, each with its own configured limit', () => {
    expect(stagesOf('BAIYUN_YUNJU', { CARD_STAGE_DAYS_BAIYUN: '4' }).map((rule) => `${rule.stage}:${rule.limitWorkingDays}`)).toEqual([
      'PRE_REVIEW:4', 'INDUSTRY_REVIEW:4', 'HRSS_REVIEW:4', 'LEADING_GROUP_DECISION:4', 'BANK_CARD_MAKING:4', 'CARD_HANDOVER:4',
    ]);
    expect(baiyunStageDays({})).toBe(10);
    expect(() => baiyunStageDays({ CARD_STAGE_DAYS_BAIYUN: '0' })).toThrow(/CARD_STAGE_DAYS_BAIYUN/);
  });
  it('lets a coordinator alone record another authority’s stage, the window its own', () => {
    expect(stageRule('BAIYUN_YUNJU', 'PRE_REVIEW')!.recorders).toEqual(['coordinator', 'specialist']);
    expect(stageRule('BAIYUN_YUNJU', 'BANK_CARD_MAKING')!.recorders).toEqual(['coordinator']);
  });
});
