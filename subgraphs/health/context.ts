// What every health resolver gets (kit/department.ts): per-request loaders and the department's
// services (connection, models, case desk, clock).
import { todayInChina } from '../kit/dates';
import type { DepartmentContext, DepartmentServices } from '../kit/department';
import type { HealthLoaders } from './loaders';
import type { HealthModels } from './model';

export type HealthServices = DepartmentServices<HealthModels>;
export type HealthContext = DepartmentContext<HealthModels, HealthLoaders>;

/** The calendar day the request is about, in China Standard Time. */
export function todayOf(context: Pick<HealthContext, 'services'>): string {
  return todayInChina(context.services.environment.clock());
}
