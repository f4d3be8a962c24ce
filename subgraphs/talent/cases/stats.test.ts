// caseStats (统计, issue 10): cases counted — or case items when DEPARTMENT or SERVICE is grouped —
// in ONE aggregation whatever the grouping; overdue and working days on the project's calendar
// (004 第六条、第十七条); for analysts every group below STATS_MIN_GROUP_SIZE suppressed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../../test/environment';
import type { Viewer } from '../../kit/context';
import { addDays, todayInChina } from '../../kit/dates';
import { loadWorkingCalendar } from '../../kit/working-days';
import { buildTalentSubgraph } from '../server';
import { BAIYUN, insertTestTalents, LIWAN } from './fixtures';
import { weekOf } from './figures';

let fixture: SubgraphFixture;
const clock = new TestClock();
const calendar = loadWorkingCalendar();
const DAY = 24 * 3600_000;
const coordinator: Viewer = { subject: 'c', role: 'coordinator' };
const analyst: Viewer = { subject: 'a', role: 'analyst' };

const legal = { service: 'LEGAL_CONSULTATION', legalConsultation: { topic: '劳动合同纠纷', category: 'CONSULTATION', personalMatter: true, channel: 'PHONE' } };
const checkup = () => ({ service: 'FREE_ANNUAL_CHECKUP', checkup: { preferredDate: addDays(todayInChina(clock.now()), 10), hospital: null } });

let keys = 0;
async function submit(talentId: string, items: unknown[]): Promise<string> {
  keys += 1;
  const result = await fixture.run<{ submitCase: { id: string } }>(`mutation($input: SubmitCaseInput!) { submitCase(input: $input) { id } }`, {
    input: { requestKey: `case-stats-${keys}`, talentId, items, materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'CHECKUP_RECEIPT'] },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.submitCase.id;
}

let sequence = 0;
async function finish(caseId: string, department: string, item: string) {
  sequence += 1;
  const result = await fixture.run(`mutation($input: CaseTaskReportInput!) { recordCaseTaskReport(input: $input) }`, {
    input: { caseId, department, item, status: 'DONE', step: null, note: '已办结', reason: null, occurredAt: clock.now().toISOString(), sequence },
  });
  expect(result.errors).toBeUndefined();
}

const STATS = `query($groupBy: [StatsDimension!]!, $filter: CaseStatsFilter) {
  caseStats(groupBy: $groupBy, filter: $filter) { total minGroupSize rows { status department service overdue week program district count suppressed avgWorkingDaysTaken limitWorkingDays } }
}`;
type Row = Record<string, unknown>;
const stats = (groupBy: string[], viewer: Viewer = coordinator, filter: Record<string, unknown> | null = null) =>
  fixture.run<{ caseStats: { total: number; minGroupSize: number; rows: Row[] } }>(STATS, { groupBy, filter }, viewer);
const only = (row: Row, ...keep: string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => keep.includes(key)));

let acceptedOn: string;
let doneOn: string;
beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
  // Accepted on a Monday four weeks back: the 5-working-day legal limit has passed even across a long holiday.
  const today = todayInChina();
  acceptedOn = addDays(weekOf(today), -28);
  clock.set(new Date(`${acceptedOn}T10:00:00+08:00`));
  await insertTestTalents(fixture.connection, acceptedOn);
  // Six Baiyun cases of two items each, two Liwan cases of one item.
  const baiyun = [];
  for (let n = 0; n < 6; n += 1) baiyun.push(await submit(BAIYUN, [legal, checkup()]));
  for (let n = 0; n < 2; n += 1) await submit(LIWAN, [legal]);
  // Three days later the legal part of the first Baiyun case is done.
  clock.set(new Date(`${addDays(acceptedOn, 3)}T10:00:00+08:00`));
  doneOn = todayInChina(clock.now());
  await finish(baiyun[0], 'legal', 'LEGAL_CONSULTATION');
  clock.set(new Date());
});
afterAll(() => fixture.close());

describe('caseStats', () => {
  it('counts cases by status, program and district from the intake snapshot, with the week of acceptance', async () => {
    const result = await stats(['STATUS', 'PROGRAM', 'DISTRICT', 'WEEK']);
    expect(result.errors).toBeUndefined();
    expect(result.data!.caseStats.total).toBe(8);
    expect(result.data!.caseStats.rows.map((row) => only(row, 'status', 'program', 'district', 'week', 'count', 'suppressed'))).toEqual([
      { status: 'IN_PROGRESS', program: 'BAIYUN_YUNJU', district: '白云区', week: acceptedOn, count: 1, suppressed: false },
      { status: 'RECEIVED', program: 'BAIYUN_YUNJU', district: '白云区', week: acceptedOn, count: 5, suppressed: false },
      { status: 'RECEIVED', program: 'LIWAN_YINGCAI', district: '荔湾区', week: acceptedOn, count: 2, suppressed: false },
    ]);
  });

  it('counts case items when DEPARTMENT or SERVICE is grouped: a case counts once in each department', async () => {
    const result = await stats(['DEPARTMENT', 'SERVICE']);
    expect(result.errors).toBeUndefined();
    expect(result.data!.caseStats.total).toBe(14);
    const legalLimit = calendar.workingDaysBetween(acceptedOn, calendar.addWorkingDays(acceptedOn, 5));
    expect(result.data!.caseStats.rows.map((row) => only(row, 'department', 'service', 'count', 'avgWorkingDaysTaken'))).toEqual([
      { department: 'HEALTH', service: 'FREE_ANNUAL_CHECKUP', count: 6, avgWorkingDaysTaken: null },
      { department: 'LEGAL', service: 'LEGAL_CONSULTATION', count: 8, avgWorkingDaysTaken: calendar.workingDaysBetween(acceptedOn, doneOn) },
    ]);
    expect(legalLimit).toBeGreaterThan(0);
    for (const row of result.data!.caseStats.rows) expect(row.limitWorkingDays).toBeGreaterThan(0);
  });

  it('groups by overdue on the environment clock, and says by how many working days (004 第十七条)', async () => {
    const result = await stats(['OVERDUE', 'DEPARTMENT']);
    expect(result.errors).toBeUndefined();
    const rows = result.data!.caseStats.rows.map((row) => only(row, 'overdue', 'department', 'count'));
    // Four weeks on, every open legal item (limit 5 working days) is overdue; the finished one is not.
    expect(rows).toContainEqual({ overdue: true, department: 'LEGAL', count: 7 });
    expect(rows).toContainEqual({ overdue: false, department: 'LEGAL', count: 1 });
    const page = await fixture.run<{ cases: { edges: { node: { overdue: boolean; overdueWorkingDays: number; items: { service: string; dueOn: string; overdueWorkingDays: number }[] } }[] } }>(
      `{ cases(first: 100, filter: { program: LIWAN_YINGCAI, district: "荔湾区" }) { edges { node { overdue overdueWorkingDays items { service dueOn overdueWorkingDays } } } } }`,
    );
    expect(page.errors).toBeUndefined();
    expect(page.data!.cases.edges).toHaveLength(2);
    const today = todayInChina();
    for (const { node } of page.data!.cases.edges) {
      const late = Math.max(1, calendar.workingDaysBetween(node.items[0].dueOn, today));
      expect(node.items[0].dueOn < today).toBe(true);
      expect(node.items[0].overdueWorkingDays).toBe(late);
      expect(node.overdueWorkingDays).toBe(late);
    }
  });

  it('filters by program, district, department and the days of acceptance', async () => {
    const liwan = await stats(['STATUS'], coordinator, { program: 'LIWAN_YINGCAI', district: '荔湾区', acceptedFrom: acceptedOn, acceptedTo: acceptedOn });
    expect(liwan.data!.caseStats.rows.map((row) => only(row, 'status', 'count'))).toEqual([{ status: 'RECEIVED', count: 2 }]);
    const later = await stats(['STATUS'], coordinator, { acceptedFrom: addDays(acceptedOn, 1) });
    expect(later.data!.caseStats).toMatchObject({ total: 0, rows: [] });
    const listed = await fixture.run<{ cases: { totalCount: number } }>(`query($filter: CaseFilter) { cases(first: 1, filter: $filter) { totalCount } }`, { filter: { acceptedFrom: acceptedOn, acceptedTo: acceptedOn, district: '白云区' } });
    expect(listed.data!.cases.totalCount).toBe(6);
    const none = await fixture.run<{ cases: { totalCount: number } }>(`query($filter: CaseFilter) { cases(first: 1, filter: $filter) { totalCount } }`, { filter: { acceptedTo: addDays(acceptedOn, -1) } });
    expect(none.data!.cases.totalCount).toBe(0);
    const health = await stats(['SERVICE'], coordinator, { department: 'HEALTH' });
    expect(health.data!.caseStats.rows.map((row) => only(row, 'service', 'count'))).toEqual([{ service: 'FREE_ANNUAL_CHECKUP', count: 6 }]);
  });

  it('suppresses groups below the threshold for analysts — and the next-smallest when only one is — never for coordinators', async () => {
    const exact = await stats(['PROGRAM']);
    expect(exact.data!.caseStats.rows.map((row) => only(row, 'program', 'count', 'suppressed'))).toEqual([
      { program: 'BAIYUN_YUNJU', count: 6, suppressed: false },
      { program: 'LIWAN_YINGCAI', count: 2, suppressed: false },
    ]);
    const hidden = await stats(['PROGRAM'], analyst);
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.caseStats.minGroupSize).toBe(5);
    // Liwan's 2 is below 5; Baiyun's 6 goes too, or the total (8) minus it would give Liwan away.
    expect(hidden.data!.caseStats.rows.map((row) => only(row, 'program', 'count', 'suppressed', 'limitWorkingDays'))).toEqual([
      { program: 'BAIYUN_YUNJU', count: null, suppressed: true, limitWorkingDays: null },
      { program: 'LIWAN_YINGCAI', count: null, suppressed: true, limitWorkingDays: null },
    ]);
    const items = await stats(['DEPARTMENT', 'PROGRAM'], analyst);
    // One group below 5 (Liwan's legal items): the first of the next-smallest goes with it.
    expect(items.data!.caseStats.rows.map((row) => only(row, 'department', 'program', 'count', 'suppressed'))).toEqual([
      { department: 'HEALTH', program: 'BAIYUN_YUNJU', count: null, suppressed: true },
      { department: 'LEGAL', program: 'BAIYUN_YUNJU', count: 6, suppressed: false },
      { department: 'LEGAL', program: 'LIWAN_YINGCAI', count: null, suppressed: true },
    ]);
  });

  it('asks the database once, whatever the grouping', async () => {
    for (const groupBy of [['STATUS'], ['DEPARTMENT', 'SERVICE', 'OVERDUE', 'STATUS'], ['WEEK', 'PROGRAM', 'DISTRICT', 'OVERDUE'], ['STATUS', 'DEPARTMENT', 'SERVICE', 'OVERDUE', 'WEEK', 'PROGRAM', 'DISTRICT']]) {
      fixture.dbCommands.reset();
      const result = await stats(groupBy, analyst, { acceptedFrom: acceptedOn });
      expect(result.errors, groupBy.join()).toBeUndefined();
      expect(fixture.dbCommands.snapshot(), groupBy.join()).toEqual({ 'aggregate cases': 1 });
    }
  });

  it('refuses bad input naming the argument', async () => {
    const refused = async (groupBy: string[], filter: Record<string, unknown> | null) => {
      const result = await stats(groupBy, coordinator, filter);
      return result.errors?.map((error) => `${error.extensions?.code} ${error.extensions?.field}`);
    };
    expect(await refused([], null)).toEqual(['BAD_USER_INPUT groupBy']);
    expect(await refused(['STATUS', 'STATUS'], null)).toEqual(['BAD_USER_INPUT groupBy']);
    expect(await refused(['STATUS'], { acceptedFrom: '2026-03-02', acceptedTo: '2026-03-01' })).toEqual(['BAD_USER_INPUT filter.acceptedFrom']);
    expect(await refused(['STATUS'], { district: 'Baiyun' })).toEqual(['BAD_USER_INPUT filter.district']);
  });

  it("is for coordinators, analysts and specialists; a department's staff count their own parts only; a talent is refused", async () => {
    expect((await stats(['STATUS'], { subject: 's', role: 'specialist' })).errors).toBeUndefined();
    const healthStaff: Viewer = { subject: 'd', role: 'department_staff', department: 'health' };
    const own = await stats(['DEPARTMENT'], healthStaff);
    expect(own.errors).toBeUndefined();
    expect(own.data!.caseStats.rows.map((row) => only(row, 'department', 'count'))).toEqual([{ department: 'HEALTH', count: 6 }]);
    expect((await stats(['STATUS'], healthStaff, { department: 'LEGAL' })).errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const talent = await stats(['STATUS'], { subject: 't', role: 'talent', talentId: BAIYUN });
    expect(talent.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
