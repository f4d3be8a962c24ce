// What every customs resolver gets: the per-request loaders (one `$in` query per collection for
// all talents or cases of a request) and the department's services (models, desk, clock).
import type { Connection } from 'mongoose';
import type { BaseContext } from '../kit/context';
import type { CaseTaskDesk } from '../kit/case-task';
import type { SubgraphEnvironment } from '../kit/subgraph';
import { createCustomsLoaders, type CustomsLoaders } from './loaders';
import type { CustomsModels } from './model';

export interface CustomsServices {
  connection: Connection;
  models: CustomsModels;
  desk: CaseTaskDesk;
  environment: SubgraphEnvironment;
}

export interface CustomsContext extends BaseContext {
  loaders: CustomsLoaders;
  caseTasks: ReturnType<CaseTaskDesk['tasksByCaseLoader']>;
  services: CustomsServices;
}

export function createCustomsContext(base: BaseContext, services: CustomsServices): CustomsContext {
  return { ...base, loaders: createCustomsLoaders(services.models), caseTasks: services.desk.tasksByCaseLoader(), services };
}
