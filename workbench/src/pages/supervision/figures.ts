// The board's sums over the graph's groups (no client-side joins: rows of one aggregate, added up).
const OPEN_STATUSES = new Set(['RECEIVED', 'IN_PROGRESS', 'READY_FOR_DELIVERY']);

export interface DepartmentRow {
  department: string;
  open: number;
  overdue: number;
}

export function departmentRows(rows: readonly { department?: string | null; status?: string | null; overdue?: boolean | null; count?: number | null }[]): DepartmentRow[] {
  const byDepartment = new Map<string, DepartmentRow>();
  for (const row of rows) {
    if (!row.department || !row.status || !OPEN_STATUSES.has(row.status)) continue;
    const entry = byDepartment.get(row.department) ?? { department: row.department, open: 0, overdue: 0 };
    entry.open += row.count ?? 0;
    if (row.overdue) entry.overdue += row.count ?? 0;
    byDepartment.set(row.department, entry);
  }
  const order = ['HOUSEHOLD', 'EDUCATION', 'HEALTH', 'LEGAL', 'HOUSING', 'CUSTOMS'];
  return order.map((department) => byDepartment.get(department) ?? { department, open: 0, overdue: 0 });
}

export function weeklyTrend(accepted: readonly { week?: string | null; count?: number | null }[], delivered: readonly { week?: string | null; count?: number | null }[]) {
  const weeks = [...new Set([...accepted, ...delivered].map((row) => row.week).filter((week): week is string => Boolean(week)))].sort();
  const countOf = (rows: typeof accepted, week: string) => rows.find((row) => row.week === week)?.count ?? 0;
  return { weeks, accepted: weeks.map((week) => countOf(accepted, week)), delivered: weeks.map((week) => countOf(delivered, week)) };
}

/** The day `weeks` weeks ago, YYYY-MM-DD. */
export function weeksAgo(weeks: number): string {
  const day = new Date(Date.now() - weeks * 7 * 24 * 3600_000);
  return day.toISOString().slice(0, 10);
}
