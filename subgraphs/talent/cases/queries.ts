// Reading cases: one case, the supervision list (督办, 004 第十七条), a talent's archive.
import type { QueryFilter } from 'mongoose';
import { addDays } from '../../kit/dates';
import { badUserInput } from '../../kit/errors';
import { checkDistrict } from '../../kit/stats';
import { inputFormat } from '../../kit/input-format';
import { parseObjectId } from '../../kit/ids';
import { checkPageSize, decodeCursor, encodeCursor } from '../../kit/pagination';
import type { CaseDoc, CaseItemDoc, CaseModels } from '../case-model';

export interface CaseFilter {
  status?: string | null;
  department?: string | null;
  overdue?: boolean | null;
  talentId?: string | null;
  specialist?: string | null;
  deliveryFailed?: boolean | null;
  program?: string | null;
  district?: string | null;
  acceptedFrom?: string | null;
  acceptedTo?: string | null;
}

/** The moments a range of acceptance days covers, in China Standard Time (BAD_USER_INPUT for a range that ends before it starts). */
export function acceptedRange(filter: Pick<CaseFilter, 'acceptedFrom' | 'acceptedTo'> | null | undefined, argument = 'filter'): { $gte?: Date; $lt?: Date } | null {
  const from = filter?.acceptedFrom ?? null;
  const to = filter?.acceptedTo ?? null;
  if (from && to && from > to) throw badUserInput(`${argument}.acceptedFrom`, `受理日起 ${from} 晚于受理日止 ${to}`, 'acceptedFrom is after acceptedTo', inputFormat('INPUT_DATE_RANGE'));
  if (!from && !to) return null;
  return { ...(from ? { $gte: new Date(`${from}T00:00:00+08:00`) } : {}), ...(to ? { $lt: new Date(`${addDays(to, 1)}T00:00:00+08:00`) } : {}) };
}

/** Past its last day and not finished: the item is overdue (004 第十七条 逾期没有办结). */
export function itemOverdue(item: Pick<CaseItemDoc, 'open' | 'dueOn'>, today: string): boolean {
  return item.open && item.dueOn < today;
}

export function caseOverdue(current: Pick<CaseDoc, 'items'>, today: string): boolean {
  return current.items.some((item) => itemOverdue(item, today));
}

function caseQuery(filter: CaseFilter | null | undefined, today: string): QueryFilter<CaseDoc> {
  const conditions: QueryFilter<CaseDoc>[] = [];
  if (filter?.status) conditions.push({ status: filter.status as CaseDoc['status'] });
  if (filter?.department) conditions.push({ 'items.department': filter.department.toLowerCase() as CaseItemDoc['department'] });
  if (filter?.talentId) conditions.push({ talentId: parseObjectId(filter.talentId, 'filter.talentId').toString() });
  if (filter?.specialist) {
    if (filter.specialist.length > 60) throw badUserInput('filter.specialist', '专员姓名不超过 60 个字', 'at most 60 characters', inputFormat('INPUT_TOO_LONG'));
    conditions.push({ specialist: filter.specialist });
  }
  if (typeof filter?.deliveryFailed === 'boolean') conditions.push({ deliveryFailed: filter.deliveryFailed });
  if (filter?.program) conditions.push({ program: filter.program });
  const district = checkDistrict(filter?.district, 'filter.district');
  if (district) conditions.push({ district });
  const accepted = acceptedRange(filter);
  if (accepted) conditions.push({ acceptedAt: accepted });
  const late = { items: { $elemMatch: { open: true, dueOn: { $lt: today } } } };
  if (filter?.overdue === true) conditions.push(late);
  if (filter?.overdue === false) conditions.push({ $nor: [late] });
  return conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : { $and: conditions };
}

export async function listCases(models: CaseModels, args: { first: number; after?: string | null; filter?: CaseFilter | null }, today: string) {
  const first = checkPageSize(args.first);
  const filter = caseQuery(args.filter, today);
  const before = args.after ? parseObjectId(decodeCursor(args.after), 'after') : null;
  const page = before ? { $and: [filter, { _id: { $lt: before } }] } : filter;
  const [rows, totalCount] = await Promise.all([
    first === 0 ? [] : models.Case.find(page).sort({ _id: -1 }).limit(first + 1).lean<CaseDoc[]>(),
    models.Case.countDocuments(filter),
  ]);
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node._id.toString()), node }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, nodes };
}
