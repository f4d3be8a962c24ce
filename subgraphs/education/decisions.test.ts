// The bureau's decisions on a request — the kindergarten lottery first, priority only after it is
// lost, compulsory-school priority only after local catchment demand (000 八; 001 第四条（二）), no
// priority where the program grants none (003 五; 004 第五条第11项) — each moving the case task, with
// a report queued for the window; bad staff input refused with BAD_USER_INPUT, nothing written.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Program } from '../kit/programs';
import { documentCounts, queuedReports, refusal } from '../../test/case-desk';
import {
  APPLY,
  LOTTERY,
  PLACE,
  RECEIVE,
  SIX,
  TODDLER,
  WAITLIST,
  caseId,
  delivery,
  enrolmentForm,
  registered,
  registry,
  talentId,
  type EducationItem,
  useEducationFixture,
} from './testing';

const fixture = useEducationFixture();

type Enrolment = { id: string; assignedSchool: string | null; lotteryOutcome: string; priorityOutcome: string; status: string; decidedOn: string | null };
const BAIYUN = talentId(1);

/**
 * The report due to the window after each change, in order. The desk sends a task's current state
 * (kit/task-reports.ts), so the history is taken as it happens: one report per change, in sequence.
 */
let reported: (string | number | null)[][] = [];
beforeEach(() => {
  reported = [];
});
async function noteReport(): Promise<void> {
  for (const report of await queuedReports(fixture)) reported.push([report.sequence, report.status, report.step]);
}

async function openCase(program: Program = 'BAIYUN_YUNJU', item: EducationItem = 'KINDERGARTEN_ENROLMENT'): Promise<string> {
  const form = item === 'KINDERGARTEN_ENROLMENT' ? enrolmentForm(TODDLER, 'KINDERGARTEN') : enrolmentForm(SIX, 'PRIMARY');
  const result = await fixture.run<{ receiveEducationCaseTask: { enrolment: { id: string } } }>(RECEIVE, { input: delivery(1, BAIYUN, program, item, form) });
  expect(result.errors).toBeUndefined();
  await noteReport();
  return result.data!.receiveEducationCaseTask.enrolment.id;
}
async function decided<K extends string>(query: string, field: K, variables: Record<string, unknown>): Promise<Enrolment> {
  const result = await fixture.run<Record<K, Enrolment>>(query, variables);
  expect(result.errors).toBeUndefined();
  await noteReport();
  return result.data![field];
}
const taskNow = () => fixture.connection.models.CaseTask.findOne().lean<{ status: string; step: string | null; note: string; completedAt: Date | null; sequence: number }>();
const reportSteps = () => reported;

/** A refused decision: the rule named, and nothing changed. */
async function expectRuleRefused(query: string, variables: Record<string, unknown>, rule: string, source: string, field: string) {
  const before = await documentCounts(fixture);
  const task = await taskNow();
  const { count, code, field: named, problems, message } = refusal(await fixture.run(query, variables));
  expect({ count, code, field: named, problems }).toEqual({ count: 1, code: 'BAD_USER_INPUT', field, problems: [rule] });
  expect(message).toContain(source);
  expect(await documentCounts(fixture)).toEqual(before);
  expect(await taskNow()).toEqual(task);
}

describe('recordKindergartenLottery', () => {
  it('places a child who won the lottery, and the task is DONE', async () => {
    // 001 第四条（二）: 参与区属公办幼儿园电脑派位 — a win is a place.
    const id = await openCase();
    expect(await decided(LOTTERY, 'recordKindergartenLottery', { id, won: true })).toMatchObject({
      status: 'PLACED', lotteryOutcome: 'WON', priorityOutcome: 'NOT_REQUESTED', assignedSchool: '广州市白云区京溪幼儿园', decidedOn: '2026-06-15',
    });
    expect(await taskNow()).toMatchObject({ status: 'DONE', step: 'PLACED', note: '陈可欣已安排学位：广州市白云区京溪幼儿园（电脑派位中签）（placed: lottery won）', completedAt: expect.any(Date) });
    expect(await reportSteps()).toEqual([[1, 'IN_PROGRESS', 'KINDERGARTEN_LOTTERY'], [2, 'DONE', 'PLACED']]);
  });

  it('lets a child who did not win be placed with priority where places remain', async () => {
    // 001 第四条（二）"派位没中签的优先报读我区有剩余学位的区属公办幼儿园".
    const id = await openCase();
    expect(await decided(LOTTERY, 'recordKindergartenLottery', { id, won: false })).toMatchObject({ status: 'RECEIVED', lotteryOutcome: 'NOT_WON', priorityOutcome: 'PENDING' });
    expect(await taskNow()).toMatchObject({ status: 'IN_PROGRESS', step: 'PLACEMENT', note: expect.stringContaining('电脑派位未中签') });
    expect(await decided(PLACE, 'placeEnrolment', { id, school: '广州市白云区同和幼儿园', priority: true })).toMatchObject({ status: 'PLACED', priorityOutcome: 'GRANTED', assignedSchool: '广州市白云区同和幼儿园' });
    expect(await taskNow()).toMatchObject({ status: 'DONE', step: 'PLACED', note: expect.stringContaining('（优先安排）') });
    expect(await reportSteps()).toEqual([[1, 'IN_PROGRESS', 'KINDERGARTEN_LOTTERY'], [2, 'IN_PROGRESS', 'PLACEMENT'], [3, 'DONE', 'PLACED']]);
  });

  it('refuses a lottery result where no lottery is drawn', async () => {
    // 001 第四条（二）: the lottery is for Baiyun district public kindergartens only, drawn once.
    const id = await openCase('BAIYUN_YUNJU', 'SCHOOL_ENROLMENT');
    await expectRuleRefused(LOTTERY, { id, won: true }, 'ENROLMENT_NO_LOTTERY', '001 第四条（二）', 'id');
  });
});

describe('placeEnrolment and waitlistEnrolment', () => {
  it('refuses to place or waitlist before the kindergarten lottery is drawn', async () => {
    // 001 第四条（二）: 电脑派位 first; only a child who did not win is then placed with priority.
    const id = await openCase();
    await expectRuleRefused(PLACE, { id, school: '广州市白云区同和幼儿园', priority: true }, 'ENROLMENT_LOTTERY_FIRST', '001 第四条（二）', 'id');
    await expectRuleRefused(WAITLIST, { id }, 'ENROLMENT_LOTTERY_FIRST', '001 第四条（二）', 'id');
  });

  it('refuses compulsory-school priority until local catchment demand is met', async () => {
    // 000 八 "在区属义务教育公办学校满足地段生学位需求后有剩余学位的前提下，优先安排".
    const id = await openCase('BAIYUN_YUNJU', 'SCHOOL_ENROLMENT');
    await expectRuleRefused(PLACE, { id, school: '广州市白云区实验小学', priority: true }, 'ENROLMENT_LOCAL_DEMAND_FIRST', '000 八；001 第四条（二）', 'localDemandMet');
    await expectRuleRefused(PLACE, { id, school: '广州市白云区实验小学', priority: true, localDemandMet: false }, 'ENROLMENT_LOCAL_DEMAND_FIRST', '000 八；001 第四条（二）', 'localDemandMet');
    expect(await decided(PLACE, 'placeEnrolment', { id, school: '广州市白云区实验小学', priority: true, localDemandMet: true })).toMatchObject({ status: 'PLACED', priorityOutcome: 'GRANTED' });
  });

  it('refuses priority where the program grants none', async () => {
    // 003 五 and 004 第五条第11项 grant 子女入学 with no lottery and no priority places.
    const tianhe = await openCase('GUANGZHOU_GREEN_CARD', 'SCHOOL_ENROLMENT');
    await expectRuleRefused(PLACE, { id: tianhe, school: '广州市天河区华阳小学', priority: true, localDemandMet: true }, 'ENROLMENT_NO_PRIORITY', '003 五', 'priority');
    await fixture.clear();
    const wuhan = await openCase('WUHAN_GREEN_CHANNEL', 'KINDERGARTEN_ENROLMENT');
    await expectRuleRefused(PLACE, { id: wuhan, school: '武汉市机关第一幼儿园', priority: true }, 'ENROLMENT_NO_PRIORITY', '004 第五条第11项', 'priority');
    expect(await decided(PLACE, 'placeEnrolment', { id: wuhan, school: '武汉市机关第一幼儿园' })).toMatchObject({ status: 'PLACED', priorityOutcome: 'NOT_REQUESTED' });
    expect(await taskNow()).toMatchObject({ status: 'DONE', step: 'PLACED', note: expect.stringContaining('（统筹安排）') });
  });

  it('ends a waiting priority request with no remaining places when placed otherwise or waitlisted', async () => {
    // 000 八: priority comes only from places left over; none left, the child is placed the ordinary way or waits.
    const id = await openCase('BAIYUN_YUNJU', 'SCHOOL_ENROLMENT');
    expect(await decided(WAITLIST, 'waitlistEnrolment', { id })).toMatchObject({ status: 'WAITLISTED', priorityOutcome: 'NO_REMAINING_PLACES', assignedSchool: null, decidedOn: '2026-06-15' });
    expect(await taskNow()).toMatchObject({ status: 'DONE', step: 'WAITLISTED', note: '陈子轩暂无学位，已列入候补（waitlisted）' });
    expect(await reportSteps()).toEqual([[1, 'IN_PROGRESS', 'PLACEMENT'], [2, 'DONE', 'WAITLISTED']]);
  });

  it('refuses a second decision on a decided request', async () => {
    // 000 八（二）2 统筹安排: one decision per request.
    const id = await openCase();
    await decided(LOTTERY, 'recordKindergartenLottery', { id, won: true });
    await expectRuleRefused(PLACE, { id, school: '广州市白云区同和幼儿园', priority: true }, 'ENROLMENT_DECIDED', '000 八（二）2', 'id');
    await expectRuleRefused(WAITLIST, { id }, 'ENROLMENT_DECIDED', '000 八（二）2', 'id');
    await expectRuleRefused(LOTTERY, { id, won: false }, 'ENROLMENT_NO_LOTTERY', '001 第四条（二）', 'id');
  });

  it('decides a request applied for directly, with no case to report to', async () => {
    const child = { name: '黄乐乐', relation: 'CHILD', gender: 'FEMALE', birthDate: '2020-03-01' } as const;
    const tianhe = talentId(10);
    registry.set(tianhe, { family: [registered(child)] });
    const applied = await fixture.run<{ applySchoolEnrolment: { id: string } }>(APPLY, {
      input: { talentId: tianhe, program: 'GUANGZHOU_GREEN_CARD', child, level: 'PRIMARY', schoolYear: 2026, district: '天河区', preferredSchool: '广州市天河区华阳小学' },
    });
    expect(applied.errors).toBeUndefined();
    expect(await decided(PLACE, 'placeEnrolment', { id: applied.data!.applySchoolEnrolment.id, school: '广州市天河区华阳小学' })).toMatchObject({ status: 'PLACED' });
    expect(await queuedReports(fixture)).toEqual([]);
  });
});

describe('bad staff input', () => {
  it('answers an unknown request with NOT_FOUND and a malformed id with BAD_USER_INPUT', async () => {
    expect((await fixture.run(WAITLIST, { id: caseId(77) })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', what: 'SchoolEnrolment' });
    expect(refusal(await fixture.run(PLACE, { id: 'x1', school: '某校' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('refuses an empty or oversized school, and a school for a lost lottery, writing nothing', async () => {
    const id = await openCase();
    const before = await documentCounts(fixture);
    expect(refusal(await fixture.run(LOTTERY, { id, won: false, school: '广州市白云区同和幼儿园' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'school', problems: ['ENROLMENT_LOTTERY_SCHOOL'] });
    expect(refusal(await fixture.run(LOTTERY, { id, won: true, school: '校'.repeat(101) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'school' });
    expect(refusal(await fixture.run(PLACE, { id, school: '  ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'school' });
    expect((await fixture.served(PLACE, { id, school: '某校', priority: 'yes' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await documentCounts(fixture)).toEqual(before);
    expect(await taskNow()).toMatchObject({ status: 'IN_PROGRESS', sequence: 1 });
  });
});
