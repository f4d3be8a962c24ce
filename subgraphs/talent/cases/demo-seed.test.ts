// The demo cases (issue 10 "Demo data"): one plan read by the window's seed and every department's,
// so a department's queue shows its open parts with the window's due days; cases in every state and
// department, some overdue (004 第十七条), some with 容缺 materials owed (002 二（一）2), some
// delivered (004 第十一条), spread over the last four months.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { addDays, todayInChina } from '../../kit/dates';
import { DEPARTMENT_NAMES } from '../../kit/departments';
import { SeededRandom } from '../../kit/seed-random';
import { loadWorkingCalendar } from '../../kit/working-days';
import { buildLegalSubgraph } from '../../legal/server';
import { seedLegal } from '../../legal/seed';
import { buildTalentSubgraph } from '../server';
import { generateTalents, seedTalents } from '../seed';
import { demoCasePlan, demoCaseTasks } from './demo-plan';

const today = todayInChina();
const calendar = loadWorkingCalendar();
const talents = generateTalents(300, new SeededRandom(11), today);
const plan = demoCasePlan(talents, today, calendar);
let window: SubgraphFixture;
let legal: SubgraphFixture;
const coordinator = { subject: 'c', role: 'coordinator' as const };

beforeAll(async () => {
  [window, legal] = await Promise.all([openSubgraphFixture(buildTalentSubgraph), openSubgraphFixture(buildLegalSubgraph)]);
  await seedTalents(window.connection, talents, new SeededRandom(12), today);
  await seedLegal(legal.connection, talents, new SeededRandom(13), today);
});
afterAll(async () => {
  await Promise.all([window.close(), legal.close()]);
});

describe('the demo case plan', () => {
  it('is the same on every run and covers every state and department', () => {
    expect(demoCasePlan(talents, today, calendar)).toEqual(plan);
    expect(new Set(plan.map((demo) => demo.status))).toEqual(new Set(['RECEIVED', 'IN_PROGRESS', 'READY_FOR_DELIVERY', 'DELIVERED', 'REJECTED', 'WITHDRAWN']));
    // Every state in every department: each pairing has a case with a part there.
    const pairs = new Set(plan.flatMap((demo) => demo.items.map((item) => `${demo.status}/${item.department}`)));
    for (const status of ['RECEIVED', 'IN_PROGRESS', 'READY_FOR_DELIVERY', 'DELIVERED', 'REJECTED', 'WITHDRAWN']) {
      for (const department of DEPARTMENT_NAMES) expect(pairs, `${status}/${department}`).toContain(`${status}/${department}`);
    }
    const accepted = plan.map((demo) => todayInChina(demo.acceptedAt)).sort();
    expect(accepted[0] < addDays(today, -90)).toBe(true);
    expect(accepted.at(-1)! >= addDays(today, -3)).toBe(true);
    for (const demo of plan) expect(calendar.isWorkingDay(todayInChina(demo.acceptedAt))).toBe(true);
  });

  it('has overdue parts, 容缺 materials still owed, and delivered cases', () => {
    expect(plan.some((demo) => demo.items.some((item) => item.task && !['DONE', 'REFUSED', 'CANCELLED'].includes(item.task.status) && item.dueOn < today))).toBe(true);
    expect(plan.some((demo) => demo.pendingMaterials.some((material) => material.suppliedAt === null))).toBe(true);
    // 002 二（一）2: nothing is delivered while a deferred material is still owed.
    for (const demo of plan.filter((candidate) => candidate.status === 'DELIVERED')) expect(demo.pendingMaterials.every((material) => material.suppliedAt !== null)).toBe(true);
  });
});

describe('the seeded demo cases', () => {
  it('read through the graph in every state, with the overdue ones flagged', async () => {
    const result = await window.run<{ cases: { totalCount: number; edges: { node: { status: string; overdue: boolean; overdueWorkingDays: number; timeline: { kind: string }[] } }[] } }>(
      `{ cases(first: 100) { totalCount edges { node { status overdue overdueWorkingDays timeline { kind } } } } }`,
      {},
      coordinator,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.cases.totalCount).toBe(plan.length);
    const nodes = result.data!.cases.edges.map((edge) => edge.node);
    expect(new Set(nodes.map((node) => node.status)).size).toBe(6);
    const late = nodes.filter((node) => node.overdue);
    expect(late.length).toBeGreaterThan(0);
    for (const node of late) expect(node.overdueWorkingDays).toBeGreaterThan(0);
    for (const node of nodes) expect(node.timeline[0].kind).toBe('SUBMITTED');
  });

  it("give each department the window's parts: the same tasks, due days and statuses", async () => {
    const tasks = await legal.connection.models.CaseTask.find({}).lean<{ _id: { toHexString(): string }; caseId: string; item: string; dueOn: string; status: string }[]>();
    const expected = demoCaseTasks(plan, 'legal');
    expect(tasks.length).toBe(expected.length);
    expect(tasks.length).toBeGreaterThan(0);
    const cases = await window.connection.models.Case.find({ 'items.department': 'legal' }).lean<{ _id: { toString(): string }; items: { department: string; service: string; dueOn: string; status: string }[] }[]>();
    const byCase = new Map(cases.map((stored) => [stored._id.toString(), stored]));
    for (const task of tasks) {
      const item = byCase.get(task.caseId)!.items.find((candidate) => candidate.department === 'legal' && candidate.service === task.item)!;
      expect({ dueOn: task.dueOn, status: task.status }).toEqual({ dueOn: item.dueOn, status: item.status });
    }
    // The parts still waiting for a hand-over (a failed dispatch) have no task yet.
    const handedOver = cases.flatMap((stored) => stored.items.filter((item) => item.department === 'legal' && item.status !== 'PENDING'));
    expect(handedOver.length).toBe(tasks.length);
  });

  it('give the figures something true to show: caseStats by status matches the plan', async () => {
    const result = await window.run<{ caseStats: { total: number; rows: { status: string; count: number }[] } }>(`{ caseStats(groupBy: [STATUS]) { total rows { status count } } }`, {}, coordinator);
    expect(result.errors).toBeUndefined();
    expect(result.data!.caseStats.total).toBe(plan.length);
    const counts = Object.fromEntries(result.data!.caseStats.rows.map((row) => [row.status, row.count]));
    for (const status of new Set(plan.map((demo) => demo.status))) expect(counts[status]).toBe(plan.filter((demo) => demo.status === status).length);
  });
});
