// 并行办理 (004 第十条): the dispatcher hands each department its part of a case through the
// department's own subgraph API, every department side by side, retrying with backoff until the
// department answers. What is still to hand out is kept in the case itself (each item's `dispatch`,
// and `recall` once the case is withdrawn), so the dispatcher finds its work by querying cases and
// claims it with a compare-and-set on the case: with any number of window replicas, one of them
// hands a part out at a time. The department keeps one task per (case, item), so a retry — after a
// timeout, a department restart or a window restart mid-delivery — never makes a second one. A part
// refused for good, or failing too often, is dead-lettered on the case (`deliveryFailed`) for
// coordinators to see and retry (retryCaseDelivery).
import { serviceCall } from '../../kit/graphql-client';
import { cancelled, claimed, errorText, failed, inFlight, isClaimable, succeeded, type Delivery } from '../../kit/delivery';
import type { DepartmentName } from '../../kit/departments';
import { createPoller, type Poller } from '../../kit/poller';
import type { OutboxFigures } from '../../kit/observability/metrics';
import { contextFrom, inSpan, SpanKind } from '../../kit/observability/tracing';
import type { SubgraphEnvironment } from '../../kit/subgraph';
import { catalogItem } from '../catalog';
import type { CaseDoc, CaseItemDoc, CaseModels } from '../case-model';
import { archiveEvents, caseStatusOf, changeCase, refreshWorkDueAt, type NewEvent } from './case-store';

const capitalized = (department: DepartmentName) => `${department[0].toUpperCase()}${department.slice(1)}`;
const receiveMutation = (department: DepartmentName) =>
  `mutation Deliver($input: CaseTaskInput!) { receive${capitalized(department)}CaseTask(input: $input) { id status } }`;
const withdrawMutation = (department: DepartmentName) =>
  `mutation Withdraw($caseId: ID!, $reason: String!) { withdraw${capitalized(department)}CaseTasks(caseId: $caseId, reason: $reason) { id status } }`;

const BATCH = 20;

type Kind = 'dispatch' | 'recall';

/** The hand-overs of a case that are due now; a recall waits until its part's delivery has an outcome. */
function dueParts(current: CaseDoc, now: Date): { index: number; kind: Kind }[] {
  const due: { index: number; kind: Kind }[] = [];
  current.items.forEach((item, index) => {
    if (current.status !== 'WITHDRAWN' && isClaimable(item.dispatch, now)) due.push({ index, kind: 'dispatch' });
    if (isClaimable(item.recall, now) && !inFlight(item.dispatch, now)) due.push({ index, kind: 'recall' });
  });
  return due;
}

export const hasDeadLetter = (items: readonly CaseItemDoc[]): boolean => items.some((item) => item.dispatch.state === 'DEAD' || item.recall?.state === 'DEAD');

export function createDispatcher(environment: SubgraphEnvironment, models: CaseModels): Poller {
  const clock = environment.clock;

  /** Claims the due parts of one case (one winner among replicas); null when there is nothing, or another took them. */
  async function claim(caseId: string): Promise<{ current: CaseDoc; parts: { index: number; kind: Kind; lease: Date }[] } | null> {
    let parts: { index: number; kind: Kind; lease: Date }[] = [];
    const now = clock();
    const current = await changeCase(
      models,
      caseId,
      (latest) => {
        const due = dueParts(latest, now);
        parts = [];
        if (due.length === 0) return null;
        const items = latest.items.map((item) => ({ ...item }));
        for (const { index, kind } of due) {
          const next = claimed(items[index][kind]!, now);
          items[index] = { ...items[index], [kind]: next };
          parts.push({ index, kind, lease: next.leaseUntil! });
        }
        return { set: { items }, events: [] };
      },
      clock,
    );
    return current && parts.length > 0 ? { current, parts } : null;
  }

  async function handOut(current: CaseDoc, item: CaseItemDoc): Promise<void> {
    await serviceCall(environment, item.department, receiveMutation(item.department), {
      input: {
        caseId: current._id.toString(),
        talentId: current.talentId,
        program: current.program,
        item: item.service,
        form: JSON.stringify(item.form),
        acceptedAt: current.acceptedAt.toISOString(),
        dueOn: item.dueOn,
      },
    });
  }

  /** Tells a department the case was withdrawn: it cancels its unfinished tasks and undoes their records. */
  async function recall(current: CaseDoc, department: DepartmentName): Promise<void> {
    await serviceCall(environment, department, withdrawMutation(department), { caseId: current._id.toString(), reason: current.closedReason ?? '申请人撤回' });
  }

  async function workOn(found: CaseDoc): Promise<void> {
    const current = found.unarchived.length > 0 ? await archiveEvents(models, found, clock) : found;
    const claimedParts = await claim(current._id.toString());
    if (!claimedParts) {
      // Nothing due (a lease still running, or all done): not picked up again before its time.
      await refreshWorkDueAt(models, current._id.toString(), clock);
      return;
    }
    const { current: latest, parts } = claimedParts;
    // Each department side by side (并行办理); a department's own items one after another.
    const departments = [...new Set(parts.map((part) => latest.items[part.index].department))];
    const outcomes = new Map<string, unknown>();
    await Promise.all(
      departments.map(async (department) => {
        const mine = parts.filter((part) => latest.items[part.index].department === department);
        const recalls = mine.filter((part) => part.kind === 'recall');
        let recallOutcome: unknown = null;
        // Each hand-over is a span of the trace that made it due (the case's submission, a withdrawal, a retry).
        const traced = (kind: Kind, index: number, send: () => Promise<void>) =>
          inSpan(
            `case ${kind} ${department}`,
            { kind: SpanKind.PRODUCER, parent: contextFrom(latest.items[index][kind]?.trace), attributes: { 'tgc.case_id': latest._id.toString(), 'tgc.department': department, 'tgc.service_item': latest.items[index].service } },
            send,
          );
        if (recalls.length > 0) recallOutcome = await traced('recall', recalls[0].index, () => recall(latest, department)).then(() => null, (error: unknown) => error ?? new Error('withdrawal failed'));
        for (const part of mine) {
          if (part.kind === 'recall') outcomes.set(`${part.index}:recall`, recallOutcome);
          else outcomes.set(`${part.index}:dispatch`, await traced('dispatch', part.index, () => handOut(latest, latest.items[part.index])).then(() => null, (error: unknown) => error ?? new Error('delivery failed')));
        }
      }),
    );
    await record(latest._id.toString(), parts, outcomes);
  }

  /** Writes what came of each claimed hand-over, if this sender still holds it. */
  async function record(caseId: string, parts: { index: number; kind: Kind; lease: Date }[], outcomes: Map<string, unknown>): Promise<void> {
    const now = clock();
    await changeCase(
      models,
      caseId,
      (latest) => {
        const items = latest.items.map((item) => ({ ...item }));
        const events: NewEvent[] = [];
        for (const part of parts) {
          const item = items[part.index];
          const delivery = item[part.kind] as Delivery | null;
          if (!delivery || delivery.leaseUntil?.getTime() !== part.lease.getTime()) continue;
          const error = outcomes.get(`${part.index}:${part.kind}`);
          const label = catalogItem(item.service).zh;
          if (error) {
            let next = failed(delivery, error, now);
            // A part not handed out before the case was withdrawn is not handed out any more.
            if (part.kind === 'dispatch' && latest.status === 'WITHDRAWN') next = cancelled(next);
            items[part.index] = { ...item, [part.kind]: next };
            environment.log(
              `case ${caseId}: ${part.kind} of ${item.service} to ${item.department} ${next.state === 'DEAD' ? 'dead-lettered' : `failed (attempt ${next.attempts})`}: ${errorText(error)}`,
              next.state === 'DEAD' ? 'error' : 'warn',
              { caseId, item: item.service, department: item.department, kind: part.kind, attempts: next.attempts, deadLettered: next.state === 'DEAD' },
            );
            if (next.state === 'DEAD') {
              events.push({ at: now, kind: 'DELIVERY_FAILED', department: item.department, service: item.service, message: `${part.kind === 'dispatch' ? '分派' : '撤回通知'}失败，待协调处理：${label}（${errorText(error)}）` });
            }
            continue;
          }
          items[part.index] = part.kind === 'dispatch'
            ? { ...item, dispatch: succeeded(delivery, now), dispatchedAt: item.dispatchedAt ?? now, status: item.status === 'PENDING' ? 'DELIVERED_TO_DEPARTMENT' : item.status }
            : { ...item, recall: succeeded(delivery, now) };
          if (part.kind === 'dispatch' && !item.dispatchedAt) {
            events.push({ at: now, kind: 'DISPATCHED', department: item.department, service: item.service, message: `已分派至承办部门：${label}（handed to ${item.department}）` });
          }
        }
        return { set: { items, status: caseStatusOf({ status: latest.status, items }), deliveryFailed: hasDeadLetter(items) }, events };
      },
      clock,
    );
  }

  return createPoller(
    'case_dispatch',
    async () => {
      const due = await models.Case.find({ workDueAt: { $lte: clock() } }).sort({ workDueAt: 1 }).limit(BATCH).lean<CaseDoc[]>();
      await Promise.all(
        due.map((current) =>
          workOn(current).catch((error: unknown) => environment.log(`case ${current._id.toString()}: dispatch round failed: ${errorText(error)}`, 'error', { caseId: current._id.toString(), err: error })),
        ),
      );
      return due.length === BATCH;
    },
    { log: environment.log },
  );
}

/**
 * The dispatcher's queue for /metrics, in the outboxes' terms (outbox_pending, outbox_oldest_pending_seconds,
 * outbox_dead_letters): per department, the case parts still to hand out (`case_dispatch`) or to recall
 * after a withdrawal (`case_recall`), how long the oldest has waited since acceptance, and the dead letters
 * a coordinator must retry. Read from the cases when /metrics is scraped, so every replica reports the same.
 */
export async function caseHandOverFigures(models: Pick<CaseModels, 'Case'>, now: Date): Promise<OutboxFigures[]> {
  const figures: OutboxFigures[] = [];
  for (const kind of ['dispatch', 'recall'] as const) {
    const state = `items.${kind}.state`;
    const countBy = async (wanted: 'PENDING' | 'DEAD') => {
      const groups = await models.Case.aggregate<{ _id: string; count: number }>([
        { $match: { [state]: wanted } },
        { $unwind: '$items' },
        { $match: { [state]: wanted } },
        { $group: { _id: '$items.department', count: { $sum: 1 } } },
      ]);
      return new Map(groups.map((group) => [group._id, group.count]));
    };
    const [pendingBy, deadBy] = await Promise.all([countBy('PENDING'), countBy('DEAD')]);
    const departments = [...new Set([...pendingBy.keys(), ...deadBy.keys()])].sort();
    for (const department of departments) {
      const pending = pendingBy.get(department) ?? 0;
      // The oldest by a sorted read, as for the outboxes (the embedded test database has no $min).
      const oldest = pending
        ? await models.Case.findOne({ items: { $elemMatch: { department, [`${kind}.state`]: 'PENDING' } } }, { acceptedAt: 1 }).sort({ acceptedAt: 1 }).lean<{ acceptedAt: Date }>()
        : null;
      figures.push({
        outbox: `case_${kind}`,
        destination: department,
        pending,
        oldestPendingSeconds: oldest ? Math.max(0, (now.getTime() - oldest.acceptedAt.getTime()) / 1000) : 0,
        dead: deadBy.get(department) ?? 0,
      });
    }
  }
  return figures;
}
