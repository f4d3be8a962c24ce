// What every education resolver gets: per-request loaders (one `$in` query per collection for all
// talents or cases of a request) and the department's services (models, case desk, clock).
import type { ClientSession, Connection } from 'mongoose';
import type { CaseTaskDesk } from '../kit/case-task';
import type { BaseContext } from '../kit/context';
import { createEducationLoaders, type EducationLoaders } from './loaders';
import type { EducationModels } from './model';

export interface EducationServices {
  connection: Connection;
  models: EducationModels;
  desk: CaseTaskDesk;
  clock(): Date;
}

export interface EducationContext extends BaseContext {
  loaders: EducationLoaders;
  /** A case's tasks in this department, one `$in` query per request. */
  tasksByCase: ReturnType<CaseTaskDesk['tasksByCaseLoader']>;
  services: EducationServices;
}

export function createEducationContext(base: BaseContext, services: EducationServices): EducationContext {
  return { ...base, loaders: createEducationLoaders(services.models), tasksByCase: services.desk.tasksByCaseLoader(), services };
}

/** Runs one transaction (the desk's changes and the outbox are written in it, or nothing is). */
export async function inTransaction<T>(services: EducationServices, write: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = await services.connection.startSession();
  try {
    let result: T | undefined;
    await session.withTransaction(async () => {
      result = await write(session);
    });
    return result as T;
  } finally {
    await session.endSession();
  }
}
