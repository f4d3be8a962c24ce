// A department's report of its part (DESIGN.md step 4): applied once, in the department's order
// (its sequence), onto the case item; the case moves to READY_FOR_DELIVERY when every part is
// finished, and each report becomes an event of the case's archive (统一建档, 004 第十二条).
import type { CaseTaskReport, CaseTaskStatus } from '../../kit/case-task';
import { DEPARTMENT_NAMES, type DepartmentName } from '../../kit/departments';
import { badUserInput, notFound } from '../../kit/errors';
import { inputFormat } from '../../kit/input-format';
import { isObjectIdString } from '../../kit/ids';
import type { SubgraphEnvironment } from '../../kit/subgraph';
import { catalogItem } from '../catalog';
import type { CaseModels } from '../case-model';
import { caseStatusOf, changeCase, isFinalItemStatus, type NewEvent } from './case-store';
import { finishedFigures } from './figures';

const TASK_STATUSES: CaseTaskStatus[] = ['RECEIVED', 'IN_PROGRESS', 'DONE', 'REFUSED', 'CANCELLED'];

export async function recordCaseTaskReport(environment: SubgraphEnvironment, models: CaseModels, report: CaseTaskReport): Promise<boolean> {
  if (!isObjectIdString(report.caseId)) throw badUserInput('input.caseId', '办件编号格式不正确', 'malformed case id', inputFormat('INPUT_MALFORMED_ID'));
  if (!DEPARTMENT_NAMES.includes(report.department as DepartmentName)) throw badUserInput('input.department', '未知部门', 'unknown department', inputFormat('INPUT_CHOICE'));
  if (!TASK_STATUSES.includes(report.status)) throw badUserInput('input.status', '未知办理状态', 'unknown task status', inputFormat('INPUT_CHOICE'));
  const updated = await changeCase(models, report.caseId, (current) => {
    const item = current.items.find((candidate) => candidate.service === report.item && candidate.department === report.department);
    if (!item) throw badUserInput('input.item', `办件中没有 ${report.department} 的事项 ${report.item}`, 'the case has no such item for this department', inputFormat('INPUT_UNKNOWN_ITEM'));
    // Reports apply once and in order: an older or repeated one changes nothing.
    if (report.sequence <= item.sequence) return null;
    const final = isFinalItemStatus(report.status);
    const items = current.items.map((candidate) =>
      candidate === item
        ? {
            ...candidate,
            status: report.status,
            open: !final,
            step: report.step,
            note: report.note,
            reason: report.reason,
            sequence: report.sequence,
            completedAt: final ? new Date(report.occurredAt) : null,
            // The figures' working days taken count items done, not refused or cancelled ones.
            figures: report.status === 'DONE' ? finishedFigures(candidate.figures, current.acceptedAt, new Date(report.occurredAt), environment.calendar) : (candidate.figures ?? null),
          }
        : candidate,
    );
    const status = caseStatusOf({ status: current.status, items });
    const events: NewEvent[] = [
      {
        at: new Date(report.occurredAt),
        kind: report.status === 'REFUSED' ? 'TASK_REFUSED' : 'TASK_UPDATED',
        department: report.department,
        service: item.service,
        message: `${catalogItem(item.service).zh}：${report.note}${report.reason ? `；原因：${report.reason}` : ''}`,
      },
    ];
    if (status !== current.status && (status === 'READY_FOR_DELIVERY' || status === 'REJECTED')) {
      events.push({
        at: environment.clock(),
        kind: status,
        department: null,
        service: null,
        message: status === 'READY_FOR_DELIVERY' ? '各部门均已办结，待统一交付（ready for unified delivery）' : '所有事项均不能办理，已回告原因（no item can be done; reasons returned）',
      });
    }
    return { set: { items, status }, events };
  }, environment.clock);
  if (!updated) throw notFound('case', `未找到办件 ${report.caseId}`, 'no case with this id');
  return true;
}
