// What every legal resolver gets (kit/department.ts): per-request loaders and the department's
// services (connection, models, case desk, clock).
import type { DepartmentContext, DepartmentServices } from '../kit/department';
import type { LegalLoaders } from './loaders';
import type { LegalModels } from './model';

export type LegalServices = DepartmentServices<LegalModels>;
export type LegalContext = DepartmentContext<LegalModels, LegalLoaders>;
