// What every health resolver gets: per-request loaders, the case desk, the models and the clock.
import type { Connection } from 'mongoose';
import type { CaseTaskDesk } from '../kit/case-task';
import type { BaseContext } from '../kit/context';
import { todayInChina } from '../kit/dates';
import { createHealthLoaders, type HealthLoaders } from './loaders';
import type { HealthModels } from './model';

export interface HealthContext extends BaseContext {
  loaders: HealthLoaders;
  /** A case's tasks in this department, one `$in` query per request. */
  tasksByCase: ReturnType<CaseTaskDesk['tasksByCaseLoader']>;
  desk: CaseTaskDesk;
  models: HealthModels;
  connection: Connection;
  clock(): Date;
}

export interface HealthServices {
  desk: CaseTaskDesk;
  models: HealthModels;
  connection: Connection;
  clock(): Date;
}

export function createHealthContext(base: BaseContext, services: HealthServices): HealthContext {
  return { ...base, ...services, loaders: createHealthLoaders(services.models), tasksByCase: services.desk.tasksByCaseLoader() };
}

/** The calendar day the request is about, in China Standard Time. */
export function todayOf(context: Pick<HealthContext, 'clock'>): string {
  return todayInChina(context.clock());
}
