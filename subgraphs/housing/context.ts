// What every housing resolver gets (kit/department.ts): per-request loaders and the department's
// services (connection, models, case desk, clock).
import type { DepartmentContext, DepartmentServices } from '../kit/department';
import type { HousingLoaders } from './loaders';
import type { HousingModels } from './model';

export type HousingServices = DepartmentServices<HousingModels>;
export type HousingContext = DepartmentContext<HousingModels, HousingLoaders>;
