// The window (人才办): the card registry. Builds the subgraph; never listens (index.ts does).
import type { Connection } from 'mongoose';
import { loadTypeDefs, mergeResolvers, type SubgraphEnvironment, type SubgraphModule } from '../kit/subgraph';
import { guardMutations } from '../kit/mutation-access';
import { MUTATION_ACCESS, READ_ACCESS } from './access';
import { guardReads } from '../kit/read-access';
import { auditArchive, auditResolvers, registerAuditModel } from './audit';
import { registerCaseModels } from './case-model';
import { caseHandOverFigures, createDispatcher } from './cases/dispatch';
import { caseResolvers } from './cases/resolvers';
import { createTalentLoaders } from './loaders';
import { createCardLifeLoaders } from './cards/loaders';
import { registerCardLifeModels } from './cards/model';
import { cardLifeResolvers } from './cards/resolvers';
import { cardManagementResolvers } from './cards/management-resolvers';
import { VerificationLimiter } from './cards/verification';
import { baiyunStageDays, wuhanStageDays } from './cards/stages';
import { registerTalentModels } from './model';
import { talentResolvers, type TalentContext } from './resolvers';
import { readStatsConfig } from '../kit/stats';
import { talentFiguresResolvers } from './stats';

export function buildTalentSubgraph(connection: Connection, environment: SubgraphEnvironment): SubgraphModule<TalentContext> {
  const models = registerTalentModels(connection);
  const cases = registerCaseModels(connection);
  const cardLife = registerCardLifeModels(connection);
  // A bad CARD_STAGE_DAYS_BAIYUN or CARD_STAGE_DAYS_WUHAN stops the window at start, not at its first application.
  baiyunStageDays();
  wuhanStageDays();
  const dispatches = createDispatcher(environment, cases);
  const audits = registerAuditModel(connection);
  const verifications = new VerificationLimiter();
  const typeDefs = loadTypeDefs(import.meta.url);
  const figures = talentFiguresResolvers(readStatsConfig()); // a bad STATS_MIN_GROUP_SIZE stops the window at start
  return {
    name: 'talent',
    typeDefs,
    resolvers: guardReads('talent', typeDefs, guardMutations(mergeResolvers(talentResolvers, caseResolvers, auditResolvers, cardLifeResolvers, cardManagementResolvers, figures), MUTATION_ACCESS), READ_ACCESS),
    audit: auditArchive(audits),
    createContext: (base) => ({ ...base, connection, environment, models, cases, dispatches, audits, loaders: createTalentLoaders(models, cases), cardLife, cardLoaders: createCardLifeLoaders(cardLife), verifications }),
    queueFigures: (now) => caseHandOverFigures(cases, now),
    start: () => dispatches.start(),
    stop: () => dispatches.stop(),
  };
}
