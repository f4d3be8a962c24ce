// The chaos scenario (issue 8), shared by test/chaos.e2e.ts and `npm run chaos`: clients submit
// cases through the gateway, each retrying its own request key until it is answered (as a client
// library would), while departments and the window are stopped and started again; then the system
// is left to settle and everything is counted against what the clients were told.
import type { CaseTaskDoc } from '../subgraphs/kit/case-task';
import type { DepartmentName } from '../subgraphs/kit/departments';
import type { CaseDoc } from '../subgraphs/talent/case-model';
import { BAIYUN, airportItem, checkupItem, legalItem, SUBMIT } from './cases';
import type { Harness } from './harness';

export interface ChaosOptions {
  cases: number;
  clients: number;
  /** Which subgraphs are stopped and started again, in turn, while the clients submit. */
  faults: readonly ('talent' | DepartmentName)[];
  /** How long the system may take to settle after the last submission. */
  settleMs?: number;
}

export interface ChaosReport {
  submitted: number;
  /** Answered with a case id. */
  accepted: number;
  /** Refused at intake with BAD_USER_INPUT (not expected here: every request is valid). */
  refused: number;
  /** Cases stored for the requests submitted. */
  stored: number;
  /** Accepted answers with no stored case. */
  lost: number;
  /** Request keys answered with two different cases, or stored twice. */
  duplicated: number;
  /** Case items whose department holds no task for them. */
  missingTasks: number;
  /** Case items whose hand-over or report never finished, or whose window status differs from the department's. */
  stuck: number;
  /** Case items dead-lettered (refused for good by their department). */
  deadLettered: number;
  faultsInjected: number;
}

const DEPARTMENTS: DepartmentName[] = ['legal', 'health', 'customs'];

function requestFor(harness: Harness, n: number): { items: unknown[]; materials: string[] } {
  return n % 2 === 0
    ? { items: [legalItem, checkupItem(harness)], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'CHECKUP_RECEIPT'] }
    : { items: [legalItem, airportItem(harness)], materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY', 'FLIGHT_DETAILS'] };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runChaos(harness: Harness, options: ChaosOptions): Promise<ChaosReport> {
  const runId = Math.random().toString(36).slice(2, 8);
  const answers = new Map<string, Set<string>>();
  let refused = 0;
  let attempts = 0;
  let next = 0;
  let finished = false;

  async function client(): Promise<void> {
    for (let n = next++; n < options.cases; n = next++) {
      const requestKey = `chaos-${runId}-${String(n).padStart(5, '0')}`;
      const request = requestFor(harness, n);
      // Retries the same key until answered: a lost answer or an outage must not make a second case.
      for (let attempt = 0; attempt < 400; attempt += 1) {
        attempts += 1;
        const result = await harness.query<{ submitCase: { id: string } }>(SUBMIT, { input: { requestKey, talentId: BAIYUN, ...request } }).catch(() => null);
        const id = result?.data?.submitCase?.id;
        if (id) {
          answers.set(requestKey, new Set([...(answers.get(requestKey) ?? []), id]));
          break;
        }
        if (result?.errors?.some((error) => error.extensions?.code === 'BAD_USER_INPUT')) {
          refused += 1;
          break;
        }
        await pause(25);
      }
    }
  }

  /** Each fault: the subgraph stays down while the clients make some attempts, then comes back. */
  async function faults(): Promise<number> {
    let injected = 0;
    while (!finished && options.faults.length > 0) {
      const target = options.faults[injected % options.faults.length];
      injected += 1;
      await harness.stopSubgraph(target);
      const before = attempts;
      while (!finished && attempts < before + options.clients * 2) await pause(20);
      await harness.startSubgraph(target);
      const after = attempts;
      while (!finished && attempts < after + options.clients * 3) await pause(20);
    }
    return injected;
  }

  const faulting = faults();
  await Promise.all(Array.from({ length: options.clients }, client));
  finished = true;
  const faultsInjected = await faulting;
  const stuck = await settle(harness, options.settleMs ?? 60_000);
  const counted = await count(harness, runId, answers);
  const { accepted, ...rest } = counted;
  return { submitted: options.cases, accepted, refused, ...rest, stuck, faultsInjected };
}

interface Observed {
  cases: CaseDoc[];
  tasks: Map<string, CaseTaskDoc>;
}

async function observe(harness: Harness): Promise<Observed> {
  const cases = await harness.subgraphs.talent.connection.models.Case.find({}).lean<CaseDoc[]>();
  const tasks = new Map<string, CaseTaskDoc>();
  for (const department of DEPARTMENTS) {
    for (const task of await harness.subgraphs[department].connection.models.CaseTask.find({}).lean<CaseTaskDoc[]>()) tasks.set(`${task.caseId}:${task.item}`, task);
  }
  return { cases, tasks };
}

/** Items not yet at rest: a hand-over still pending, a report not acknowledged, or window and department disagreeing. */
function unsettled({ cases, tasks }: Observed): number {
  let count = 0;
  for (const current of cases) {
    for (const item of current.items) {
      const task = tasks.get(`${current._id.toString()}:${item.service}`);
      const handedOver = item.dispatch.state === 'DONE' || item.dispatch.state === 'DEAD';
      const reported = task !== undefined && task.decided && task.report.state !== 'PENDING' && task.acknowledgedSequence === task.sequence;
      if (!handedOver || (item.dispatch.state === 'DONE' && (!reported || task!.status !== item.status))) count += 1;
    }
    if (current.unarchived.length > 0) count += 1;
  }
  return count;
}

/** Lets retries come due (the harness clock moves on) until nothing is in flight, or the time is up; what is left is stuck. */
async function settle(harness: Harness, settleMs: number): Promise<number> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const left = unsettled(await observe(harness));
    if (left === 0 || Date.now() > deadline) return left;
    harness.clock.advance(2 * 60_000);
    await pause(200);
  }
}

async function count(harness: Harness, runId: string, answers: Map<string, Set<string>>): Promise<Omit<ChaosReport, 'submitted' | 'refused' | 'stuck' | 'faultsInjected'>> {
  const { cases, tasks } = await observe(harness);
  const mine = cases.filter((current) => current.requestKey.startsWith(`chaos-${runId}-`));
  const storedIds = new Set(mine.map((current) => current._id.toString()));
  const keys = new Map<string, number>();
  for (const current of mine) keys.set(current.requestKey, (keys.get(current.requestKey) ?? 0) + 1);
  const accepted = [...answers.values()];
  return {
    accepted: accepted.length,
    stored: mine.length,
    lost: accepted.filter((ids) => [...ids].some((id) => !storedIds.has(id))).length,
    duplicated: accepted.filter((ids) => ids.size > 1).length + [...keys.values()].filter((n) => n > 1).length,
    missingTasks: mine.flatMap((current) => current.items.filter((item) => item.dispatch.state === 'DONE' && !tasks.has(`${current._id.toString()}:${item.service}`))).length,
    deadLettered: mine.flatMap((current) => current.items.filter((item) => item.dispatch.state === 'DEAD')).length,
  };
}
