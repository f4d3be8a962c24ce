// What every legal resolver gets: per-request loaders, the case desk, the models and the clock.
import type { Connection } from 'mongoose';
import type { CaseTaskDesk } from '../kit/case-task';
import type { BaseContext } from '../kit/context';
import { createLegalLoaders, type LegalLoaders } from './loaders';
import type { LegalModels } from './model';

export interface LegalContext extends BaseContext {
  loaders: LegalLoaders;
  /** A case's tasks in this department, one `$in` query per request. */
  tasksByCase: ReturnType<CaseTaskDesk['tasksByCaseLoader']>;
  desk: CaseTaskDesk;
  models: LegalModels;
  connection: Connection;
  clock(): Date;
}

export interface LegalServices {
  desk: CaseTaskDesk;
  models: LegalModels;
  connection: Connection;
  clock(): Date;
}

export function createLegalContext(base: BaseContext, services: LegalServices): LegalContext {
  return { ...base, ...services, loaders: createLegalLoaders(services.models), tasksByCase: services.desk.tasksByCaseLoader() };
}
