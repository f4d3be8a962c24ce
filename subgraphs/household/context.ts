// What every household resolver gets (kit/department.ts): per-request loaders and the department's
// services (connection, models, case desk, clock).
import type { DepartmentContext, DepartmentServices } from '../kit/department';
import type { HouseholdLoaders } from './loaders';
import type { HouseholdModels } from './model';

export type HouseholdServices = DepartmentServices<HouseholdModels>;
export type HouseholdContext = DepartmentContext<HouseholdModels, HouseholdLoaders>;
