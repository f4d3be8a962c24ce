// What every customs resolver gets (kit/department.ts): per-request loaders and the department's
// services (connection, models, case desk, clock).
import type { DepartmentContext, DepartmentServices } from '../kit/department';
import type { CustomsLoaders } from './loaders';
import type { CustomsModels } from './model';

export type CustomsServices = DepartmentServices<CustomsModels>;
export type CustomsContext = DepartmentContext<CustomsModels, CustomsLoaders>;
