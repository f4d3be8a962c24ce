// The 督办 list of card applications: filtered by status, stage, program, overdue; newest first,
// Relay pages like `cases`. A stage is overdue when the application waits on an office past the
// stage's last day (a returned application waits on the applicant, not on an office).
import type { QueryFilter } from 'mongoose';
import { parseObjectId } from '../../kit/ids';
import { checkPageSize, decodeCursor, encodeCursor } from '../../kit/pagination';
import type { CardApplicationDoc, CardLifeModels } from './model';

export interface CardApplicationFilter {
  status?: string | null;
  stage?: string | null;
  program?: string | null;
  overdue?: boolean | null;
  personId?: string | null;
  priority?: boolean | null;
}

export function applicationOverdue(application: Pick<CardApplicationDoc, 'status' | 'stageDueOn'>, today: string): boolean {
  return application.status === 'IN_PROGRESS' && application.stageDueOn < today;
}

function applicationQuery(filter: CardApplicationFilter | null | undefined, today: string): QueryFilter<CardApplicationDoc> {
  const conditions: QueryFilter<CardApplicationDoc>[] = [];
  if (filter?.status) conditions.push({ status: filter.status as CardApplicationDoc['status'] });
  if (filter?.stage) conditions.push({ stage: filter.stage });
  if (filter?.program) conditions.push({ program: filter.program as CardApplicationDoc['program'] });
  if (filter?.personId) conditions.push({ personId: parseObjectId(filter.personId, 'filter.personId').toString() });
  if (filter?.priority === true) conditions.push({ priority: { $ne: null } });
  if (filter?.priority === false) conditions.push({ priority: null });
  if (filter?.overdue === true) conditions.push({ status: 'IN_PROGRESS', stageDueOn: { $lt: today } });
  if (filter?.overdue === false) conditions.push({ $nor: [{ status: 'IN_PROGRESS', stageDueOn: { $lt: today } }] });
  return conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : { $and: conditions };
}

export async function listCardApplications(models: CardLifeModels, args: { first: number; after?: string | null; filter?: CardApplicationFilter | null }, today: string) {
  const first = checkPageSize(args.first);
  const filter = applicationQuery(args.filter, today);
  const before = args.after ? parseObjectId(decodeCursor(args.after), 'after') : null;
  const page = before ? { $and: [filter, { _id: { $lt: before } }] } : filter;
  const [rows, totalCount] = await Promise.all([
    first === 0 ? [] : models.CardApplication.find(page).sort({ _id: -1 }).limit(first + 1).lean<CardApplicationDoc[]>(),
    models.CardApplication.countDocuments(filter),
  ]);
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node._id.toString()), node }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
