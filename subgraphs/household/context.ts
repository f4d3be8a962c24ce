// What every household resolver gets: per-request loaders (one `$in` query per collection for all
// talents or cases of a request) and the department's services (models, case desk, clock).
import type { Connection } from 'mongoose';
import type { CaseTaskDesk } from '../kit/case-task';
import type { BaseContext } from '../kit/context';
import { createHouseholdLoaders, type HouseholdLoaders } from './loaders';
import type { HouseholdModels } from './model';

export interface HouseholdServices {
  connection: Connection;
  models: HouseholdModels;
  desk: CaseTaskDesk;
  clock(): Date;
}

export interface HouseholdContext extends BaseContext {
  loaders: HouseholdLoaders;
  /** A case's tasks in this department, one `$in` query per request. */
  tasksByCase: ReturnType<CaseTaskDesk['tasksByCaseLoader']>;
  services: HouseholdServices;
}

export function createHouseholdContext(base: BaseContext, services: HouseholdServices): HouseholdContext {
  return { ...base, loaders: createHouseholdLoaders(services.models), tasksByCase: services.desk.tasksByCaseLoader(), services };
}
