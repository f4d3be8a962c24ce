// What every education resolver gets (kit/department.ts): per-request loaders and the department's
// services (connection, models, case desk, clock).
import type { DepartmentContext, DepartmentServices } from '../kit/department';
import type { EducationLoaders } from './loaders';
import type { EducationModels } from './model';

export type EducationServices = DepartmentServices<EducationModels>;
export type EducationContext = DepartmentContext<EducationModels, EducationLoaders>;
