// A department's side of the demo cases (demo-plan.ts): its tasks, with the same ids, due days
// and statuses the window's case documents hold, as its case desk stores them. Each department's
// seed.ts calls this; the window's seed writes the cases (demo-seed.ts).
import type { Connection } from 'mongoose';
import { caseTaskSchema, type CaseTaskDoc } from '../../kit/case-task-model';
import type { DepartmentName } from '../../kit/departments';
import { modelOn } from '../../kit/mongo';
import { insertInBatches, type SeedTalent } from '../../kit/seed';
import { loadWorkingCalendar } from '../../kit/working-days';
import { demoCaseTasks, demoCasePlan } from './demo-plan';

/** Writes this department's tasks of the demo cases; returns how many. */
export async function seedDemoCaseTasks(connection: Connection, talents: readonly SeedTalent[], today: string, department: DepartmentName): Promise<number> {
  const CaseTask = modelOn<CaseTaskDoc>(connection, 'CaseTask', caseTaskSchema);
  return insertInBatches(CaseTask, demoCaseTasks(demoCasePlan(talents, today, loadWorkingCalendar()), department));
}
