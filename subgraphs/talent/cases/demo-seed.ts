// The window's side of the demo cases (demo-plan.ts): each planned case as the window stores it —
// items with their hand-over and the department's last report, the figures' snapshot, and the
// archive's events — written in two inserts. The departments write their tasks from the same plan.
import type { Connection } from 'mongoose';
import type { Delivery } from '../../kit/delivery';
import { isFinalTaskStatus } from '../../kit/case-task';
import { insertInBatches, type SeedTalent } from '../../kit/seed';
import type { WorkingCalendar } from '../../kit/working-days';
import { catalogItem, MATERIALS } from '../catalog';
import { registerCaseModels, type CaseDoc, type CaseEventDoc, type CaseItemDoc } from '../case-model';
import { eventId, type NewEvent } from './case-store';
import { demoCasePlan, type DemoCase } from './demo-plan';
import { caseFigures, finishedFigures, itemFigures } from './figures';

const done = (at: Date): Delivery => ({ state: 'DONE', attempts: 1, dueAt: null, leaseUntil: null, lastError: null, doneAt: at });
// A hand-over that failed for good waits for a coordinator (retryCaseDelivery), never retried in silence.
const failed = (at: Date): Delivery => ({ state: 'DEAD', attempts: 12, dueAt: null, leaseUntil: null, lastError: '承办部门系统维护，接口暂不可用（department service unavailable）', doneAt: null });

function caseOf(demo: DemoCase, calendar: WorkingCalendar): { document: CaseDoc; events: CaseEventDoc[] } {
  const snapshot = { program: demo.program, district: demo.district, acceptedAt: demo.acceptedAt };
  const events: NewEvent[] = [];
  const names = demo.items.map((item) => catalogItem(item.service).zh).join('、');
  events.push({ at: demo.acceptedAt, kind: 'SUBMITTED', department: null, service: null, message: `窗口受理：${names}（accepted at the window）` });
  if (demo.pendingMaterials.length > 0) {
    events.push({ at: demo.acceptedAt, kind: 'DEFERRED_MATERIALS', department: null, service: null, message: `容缺受理：${demo.pendingMaterials.map((material) => MATERIALS[material.code].zh).join('、')} 承诺于 ${demo.pendingMaterials[0].promisedBy} 前补齐` });
  }
  const items: CaseItemDoc[] = demo.items.map((item) => {
    const label = catalogItem(item.service).zh;
    const base = { service: item.service, department: item.department, form: item.form, dueOn: item.dueOn, figures: itemFigures(snapshot, item, catalogItem(item.service).timeLimitWorkingDays) };
    if (!item.task) {
      const at = new Date(demo.acceptedAt.getTime() + 30 * 60_000);
      events.push({ at, kind: 'DELIVERY_FAILED', department: item.department, service: item.service, message: `分派失败，待协调处理：${label}（department service unavailable）` });
      return { ...base, status: 'PENDING', open: true, step: null, note: null, reason: null, dispatchedAt: null, completedAt: null, sequence: 0, dispatch: failed(at), recall: null };
    }
    const task = item.task;
    events.push({ at: task.receivedAt, kind: 'DISPATCHED', department: item.department, service: item.service, message: `已分派至承办部门：${label}（handed to ${item.department}）` });
    const reportedAt = task.completedAt ?? new Date(task.receivedAt.getTime() + 60 * 60_000);
    events.push({ at: reportedAt, kind: task.status === 'REFUSED' ? 'TASK_REFUSED' : 'TASK_UPDATED', department: item.department, service: item.service, message: `${label}：${task.note}${task.reason ? `；原因：${task.reason}` : ''}` });
    return {
      ...base,
      status: task.status,
      open: !isFinalTaskStatus(task.status),
      step: task.step,
      note: task.note,
      reason: task.reason,
      dispatchedAt: task.receivedAt,
      completedAt: task.completedAt,
      sequence: task.sequence,
      dispatch: done(task.receivedAt),
      recall: demo.status === 'WITHDRAWN' ? done(task.completedAt ?? task.receivedAt) : null,
      figures: task.status === 'DONE' ? finishedFigures(base.figures, demo.acceptedAt, task.completedAt!, calendar) : base.figures,
    };
  });
  for (const material of demo.pendingMaterials.filter((owed) => owed.suppliedAt)) {
    events.push({ at: material.suppliedAt!, kind: 'MATERIALS_SUPPLIED', department: null, service: null, message: `已补齐容缺材料：${MATERIALS[material.code].zh}` });
  }
  const lastReport = new Date(Math.max(...demo.items.map((item) => (item.task?.completedAt ?? demo.acceptedAt).getTime())));
  if (demo.status === 'READY_FOR_DELIVERY' || demo.status === 'DELIVERED') events.push({ at: lastReport, kind: 'READY_FOR_DELIVERY', department: null, service: null, message: '各部门均已办结，待统一交付（ready for unified delivery）' });
  if (demo.status === 'REJECTED') events.push({ at: lastReport, kind: 'REJECTED', department: null, service: null, message: '所有事项均不能办理，已回告原因（no item can be done; reasons returned）' });
  if (demo.status === 'DELIVERED') events.push({ at: demo.deliveredAt!, kind: 'DELIVERED', department: null, service: null, message: '统一交付（delivered once, 004 第十一条）' });
  if (demo.status === 'WITHDRAWN') {
    const withdrawnAt = new Date(demo.acceptedAt.getTime() + 24 * 3_600_000);
    events.push({ at: withdrawnAt, kind: 'WITHDRAWN', department: null, service: null, message: `申请人撤回：${demo.closedReason}` });
  }
  const ordered = events.map((event, index) => ({ event, index })).sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || a.index - b.index);
  const archived: CaseEventDoc[] = ordered.map(({ event }, index) => ({ ...event, _id: eventId(demo.id, index + 1), caseId: demo.id }));
  const dueOn = demo.items.map((item) => item.dueOn).sort().at(-1)!;
  const document = {
    _id: demo.id,
    requestKey: `demo-case-${demo.id}`,
    fingerprint: `demo:${demo.id}`,
    talentId: demo.talentId,
    program: demo.program,
    district: demo.district,
    specialist: demo.specialist,
    status: demo.status,
    items,
    materials: demo.materials,
    pendingMaterials: demo.pendingMaterials,
    deferralStatement: demo.deferralStatement,
    submittedAt: demo.acceptedAt,
    acceptedAt: demo.acceptedAt,
    dueOn,
    deliveredAt: demo.deliveredAt,
    closedReason: demo.closedReason,
    workDueAt: null,
    eventCount: archived.length,
    unarchived: [],
    deliveryFailed: items.some((item) => item.dispatch.state === 'DEAD'),
    figures: demo.status === 'DELIVERED' ? finishedFigures(caseFigures(snapshot, dueOn, calendar), demo.acceptedAt, demo.deliveredAt!, calendar) : caseFigures(snapshot, dueOn, calendar),
    __v: 0,
  } as unknown as CaseDoc;
  return { document, events: archived };
}

/** Writes the plan's cases and their archive; returns how many documents. */
export async function seedDemoCases(connection: Connection, talents: readonly SeedTalent[], today: string, calendar: WorkingCalendar): Promise<number> {
  const { Case, CaseEvent } = registerCaseModels(connection);
  const built = demoCasePlan(talents, today, calendar).map((demo) => caseOf(demo, calendar));
  const cases = await insertInBatches(Case, built.map((entry) => entry.document));
  const events = await insertInBatches(CaseEvent, built.flatMap((entry) => entry.events));
  return cases + events;
}
