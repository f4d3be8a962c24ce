// 并行办理 (004 第十条): the dispatcher hands each department its part of a case through the
// department's own subgraph API, every department side by side, retrying with backoff until the
// department answers. The department keeps one task per (case, item), so a retry — after a
// timeout, a department restart or a window restart mid-delivery — never makes a second one.
import type { Connection } from 'mongoose';
import { serviceCall } from '../../kit/graphql-client';
import { createOutbox, type Outbox, type OutboxMessage } from '../../kit/outbox';
import type { DepartmentName } from '../../kit/departments';
import type { SubgraphEnvironment } from '../../kit/subgraph';
import { catalogItem } from '../catalog';
import type { CaseDoc, CaseModels } from '../case-model';
import { caseStatusOf, changeCase } from './case-store';

const capitalized = (department: DepartmentName) => `${department[0].toUpperCase()}${department.slice(1)}`;
const receiveMutation = (department: DepartmentName) =>
  `mutation Deliver($input: CaseTaskInput!) { receive${capitalized(department)}CaseTask(input: $input) { id status } }`;
const withdrawMutation = (department: DepartmentName) =>
  `mutation Withdraw($caseId: ID!, $reason: String!) { withdraw${capitalized(department)}CaseTasks(caseId: $caseId, reason: $reason) { id status } }`;

export function createDispatcher(connection: Connection, environment: SubgraphEnvironment, models: CaseModels): Outbox {
  return createOutbox(connection, 'case_dispatches', {
    clock: environment.clock,
    log: environment.log,
    deliver: (message) => (message.payload.kind === 'withdraw' ? withdrawPart(environment, message) : deliverPart(environment, models, message)),
  });
}

/** Tells a department the case was withdrawn: it cancels its unfinished tasks and their records. */
async function withdrawPart(environment: SubgraphEnvironment, message: OutboxMessage): Promise<void> {
  const { caseId, department, reason } = message.payload as { caseId: string; department: DepartmentName; reason: string };
  await serviceCall(environment, department, withdrawMutation(department), { caseId, reason });
}

async function deliverPart(environment: SubgraphEnvironment, models: CaseModels, message: OutboxMessage): Promise<void> {
  const { caseId, department } = message.payload as { caseId: string; department: DepartmentName };
  const current = await models.Case.findById(caseId).lean<CaseDoc>();
  // The case and its dispatches are written in one transaction, so the case is there. Should it not
  // be visible yet (the embedded test engine can show one write of a commit before another), this
  // delivery fails and is retried, rather than marked delivered with nothing handed out.
  if (!current) throw new Error(`case ${caseId} not found (yet): will retry`);
  // A withdrawn case is not handed out any more.
  if (current.status === 'WITHDRAWN') return;
  const sentAt = environment.clock();
  for (const item of current.items.filter((candidate) => candidate.department === department)) {
    await serviceCall(environment, department, receiveMutation(department), {
      input: {
        caseId,
        talentId: current.talentId,
        program: current.program,
        item: item.service,
        form: JSON.stringify(item.form),
        acceptedAt: current.acceptedAt.toISOString(),
        dueOn: item.dueOn,
      },
    });
  }
  await changeCase(models, caseId, (latest) => {
    // A report may have overtaken this update; the delivery itself is recorded once either way.
    const delivered = latest.items.filter((item) => item.department === department && item.dispatchedAt === null);
    if (delivered.length === 0) return null;
    const items = latest.items.map((item) =>
      delivered.includes(item) ? { ...item, dispatchedAt: sentAt, status: item.status === 'PENDING' ? ('DELIVERED_TO_DEPARTMENT' as const) : item.status } : item,
    );
    return {
      set: { items, status: caseStatusOf({ status: latest.status, items }) },
      events: delivered.map((item) => ({
        at: sentAt,
        kind: 'DISPATCHED',
        department,
        service: item.service,
        message: `已分派至承办部门：${catalogItem(item.service).zh}（handed to ${department}）`,
      })),
    };
  });
}
