// What every housing resolver gets: the per-request loaders (one `$in` query per collection for
// all talents or cases of a request) and the department's services (models, desk, clock).
import type { Connection } from 'mongoose';
import type { BaseContext } from '../kit/context';
import type { CaseTaskDesk } from '../kit/case-task';
import type { SubgraphEnvironment } from '../kit/subgraph';
import { createHousingLoaders, type HousingLoaders } from './loaders';
import type { HousingModels } from './model';

export interface HousingServices {
  connection: Connection;
  models: HousingModels;
  desk: CaseTaskDesk;
  environment: SubgraphEnvironment;
}

export interface HousingContext extends BaseContext {
  loaders: HousingLoaders;
  caseTasks: ReturnType<CaseTaskDesk['tasksByCaseLoader']>;
  services: HousingServices;
}

export function createHousingContext(base: BaseContext, services: HousingServices): HousingContext {
  return { ...base, loaders: createHousingLoaders(services.models), caseTasks: services.desk.tasksByCaseLoader(), services };
}
