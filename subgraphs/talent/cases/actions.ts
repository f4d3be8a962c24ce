// What the window does with a case after intake: record materials supplied after 容缺受理,
// deliver once when every part is finished (统一交付, 004 第十一条), withdraw it, or send again a
// part that was dead-lettered once its cause is fixed.
import { badUserInput, notFound } from '../../kit/errors';
import { inputFormat } from '../../kit/input-format';
import { parseObjectId } from '../../kit/ids';
import { cancelled, inFlight, pendingDelivery } from '../../kit/delivery';
import type { SubgraphEnvironment } from '../../kit/subgraph';
import { catalogItem, MATERIALS } from '../catalog';
import type { CaseDoc, CaseModels } from '../case-model';
import { changeCase } from './case-store';
import { hasDeadLetter } from './dispatch';
import { finishedFigures } from './figures';

const MAX_NOTE = 500;

function text(value: string | null | undefined, field: string, required: boolean): string | null {
  const trimmed = value?.trim() ?? '';
  if (required && trimmed === '') throw badUserInput(field, '不能为空', 'must not be empty', inputFormat('INPUT_EMPTY'));
  if (trimmed.length > MAX_NOTE) throw badUserInput(field, `不能超过 ${MAX_NOTE} 个字`, `at most ${MAX_NOTE} characters`, inputFormat('INPUT_TOO_LONG'));
  return trimmed || null;
}

async function found(promise: Promise<CaseDoc | null>, caseId: string): Promise<CaseDoc> {
  const result = await promise;
  if (!result) throw notFound('case', `未找到办件 ${caseId}`, 'no case with this id');
  return result;
}

export function supplyMaterials(environment: SubgraphEnvironment, models: CaseModels, caseId: string, materials: string[]): Promise<CaseDoc> {
  const id = parseObjectId(caseId, 'caseId').toString();
  const now = environment.clock();
  return found(
    changeCase(models, id, (current) => {
      const pending = current.pendingMaterials.filter((material) => material.suppliedAt === null).map((material) => material.code);
      const unknown = materials.filter((code) => !pending.includes(code));
      if (unknown.length > 0) throw badUserInput('materials', `这些材料不在待补清单中：${unknown.join('、')}`, `not among the materials still owed: ${unknown.join(', ')}`, { rule: 'MATERIAL_NOT_OWED', source: '002 二（一）2' });
      if (materials.length === 0) throw badUserInput('materials', '请选择补交的材料', 'name the materials supplied', inputFormat('INPUT_EMPTY'));
      return {
        set: { pendingMaterials: current.pendingMaterials.map((material) => (materials.includes(material.code) && material.suppliedAt === null ? { ...material, suppliedAt: now } : material)) },
        events: [{ at: now, kind: 'MATERIALS_SUPPLIED', department: null, service: null, message: `已补齐容缺材料：${materials.map((code) => MATERIALS[code as keyof typeof MATERIALS].zh).join('、')}` }],
      };
    }, environment.clock),
    id,
  );
}

export function deliverCase(environment: SubgraphEnvironment, models: CaseModels, caseId: string, note: string | null | undefined): Promise<CaseDoc> {
  const id = parseObjectId(caseId, 'caseId').toString();
  const message = text(note, 'note', false);
  const now = environment.clock();
  return found(
    changeCase(models, id, (current) => {
      if (current.status !== 'READY_FOR_DELIVERY') {
        throw badUserInput('caseId', `办件状态为 ${current.status}，须各部门均已办结方可统一交付`, 'only a case whose parts are all finished can be delivered', { status: current.status, rule: 'CASE_NOT_READY', source: '004 第十一条' });
      }
      const owed = current.pendingMaterials.filter((material) => material.suppliedAt === null);
      // 002 二（一）2: the deferred materials are supplied when the result is collected.
      if (owed.length > 0) {
        throw badUserInput('caseId', `交付前须补齐容缺材料：${owed.map((material) => MATERIALS[material.code as keyof typeof MATERIALS].zh).join('、')}`, 'supply the deferred materials before delivery', { rule: 'DEFERRED_MATERIALS_OWED', source: '002 二（一）2' });
      }
      return {
        set: { status: 'DELIVERED', deliveredAt: now, figures: finishedFigures(current.figures, current.acceptedAt, now, environment.calendar) },
        events: [{ at: now, kind: 'DELIVERED', department: null, service: null, message: `统一交付${message ? `：${message}` : ''}（delivered once, 004 第十一条）` }],
      };
    }, environment.clock),
    id,
  );
}

/**
 * The applicant withdraws the case before delivery. Parts not yet handed out are not handed out;
 * every department that got (or may have got) a part is told, by the dispatcher, to cancel its
 * unfinished tasks and undo their records. All of it is written in the one update of the case.
 */
export async function withdrawCase(environment: SubgraphEnvironment, models: CaseModels, caseId: string, reason: string, dispatchSoon: () => void): Promise<CaseDoc> {
  const id = parseObjectId(caseId, 'caseId').toString();
  const why = text(reason, 'reason', true)!;
  const now = environment.clock();
  const withdrawn = await found(
    changeCase(
      models,
      id,
      (current) => {
        if (current.status === 'WITHDRAWN') return null;
        // A finished case keeps its outcome: delivered (004 第十一条 统一交付), or every part refused with its reason (回告原因).
        if (current.status === 'DELIVERED') throw badUserInput('caseId', '办件已交付，不能撤回', 'a delivered case cannot be withdrawn', { rule: 'CASE_FINISHED', source: '004 第十一条' });
        if (current.status === 'REJECTED') throw badUserInput('caseId', '办件各事项均已回告不能办理，已办结，不能撤回', 'every part was refused: the case is finished and cannot be withdrawn', { rule: 'CASE_FINISHED', source: '004 第十一条' });
        const items = current.items.map((item) => {
          // Tried, delivered or on its way: the department may hold it, so it is told.
          const mayHold = item.dispatch.state === 'DONE' || item.dispatch.attempts > 0 || inFlight(item.dispatch, now);
          const dispatch = item.dispatch.state === 'PENDING' && !inFlight(item.dispatch, now) ? cancelled(item.dispatch) : item.dispatch;
          return { ...item, open: false, dispatch, recall: mayHold ? pendingDelivery(now) : null };
        });
        return {
          set: { status: 'WITHDRAWN', closedReason: why, items, deliveryFailed: hasDeadLetter(items) },
          events: [{ at: now, kind: 'WITHDRAWN', department: null, service: null, message: `申请人撤回：${why}` }],
        };
      },
      environment.clock,
    ),
    id,
  );
  dispatchSoon();
  return withdrawn;
}

/** A coordinator sends again every part of the case that was dead-lettered, once its cause is fixed. */
export async function retryCaseDelivery(environment: SubgraphEnvironment, models: CaseModels, caseId: string, dispatchSoon: () => void): Promise<CaseDoc> {
  const id = parseObjectId(caseId, 'caseId').toString();
  const now = environment.clock();
  const retried = await found(
    changeCase(
      models,
      id,
      (current) => {
        if (!hasDeadLetter(current.items)) throw badUserInput('caseId', '该办件没有分派失败的事项', 'the case has no failed delivery to retry', { rule: 'NO_FAILED_DELIVERY', source: '004 第十条' });
        const items = current.items.map((item) => ({
          ...item,
          dispatch: item.dispatch.state === 'DEAD' ? pendingDelivery(now) : item.dispatch,
          recall: item.recall?.state === 'DEAD' ? pendingDelivery(now) : item.recall,
        }));
        const names = current.items.filter((item) => item.dispatch.state === 'DEAD' || item.recall?.state === 'DEAD').map((item) => catalogItem(item.service).zh);
        return {
          set: { items, deliveryFailed: false },
          events: [{ at: now, kind: 'DELIVERY_RETRIED', department: null, service: null, message: `重新分派：${names.join('、')}（delivery retried）` }],
        };
      },
      environment.clock,
    ),
    id,
  );
  dispatchSoon();
  return retried;
}
