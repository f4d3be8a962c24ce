// 动态管理, 补办/续办 and 核实 at the window (001 第六条; 003 六（三）, 九（三）（四）). Thin: arguments → management / verification → models.
import type { Resolvers } from '../../kit/subgraph';
import type { TalentContext } from '../resolvers';
import { moveToContactList, recordCardAssessment, recordCardRetirement, terminateCard, type AssessmentResult, type ManagementDeps, type TerminationGround } from './management';
import { recordCardChange, type CardChangeInput } from './changes';
import { verifyCard } from './verification';
import { reissueCard, type ReissueCardInput } from './reissue';
import { renewCard, type RenewCardInput } from './renewal';

const deps = (context: TalentContext): ManagementDeps => ({ models: context.models, now: context.environment.clock(), viewer: context.viewer! });

export const cardManagementResolvers: Resolvers<TalentContext> = {
  Query: {
    verifyCard: (_: unknown, args: { name: string; idNumber: string; cardNumber: string }, context: TalentContext) =>
      verifyCard({ models: context.models, limiter: context.verifications, now: context.environment.clock(), context }, args),
  },
  Mutation: {
    recordCardAssessment: (_: unknown, args: { input: { talentId: string; assessedOn: string; result: AssessmentResult; note?: string | null } }, context: TalentContext) => recordCardAssessment(deps(context), args.input),
    moveToContactList: (_: unknown, args: { talentId: string; reason: string }, context: TalentContext) => moveToContactList(deps(context), args),
    terminateCard: (_: unknown, args: { input: { talentId: string; ground: TerminationGround; reason: string } }, context: TalentContext) => terminateCard(deps(context), args.input),
    recordCardChange: (_: unknown, args: { input: CardChangeInput }, context: TalentContext) => recordCardChange(deps(context), args.input),
    reissueCard: (_: unknown, args: { input: ReissueCardInput }, context: TalentContext) => reissueCard({ ...deps(context), cardLife: context.cardLife }, args.input),
    renewCard: (_: unknown, args: { input: RenewCardInput }, context: TalentContext) => renewCard(deps(context), args.input),
    recordCardRetirement: (_: unknown, args: { talentId: string; retiredOn: string }, context: TalentContext) => recordCardRetirement(deps(context), args),
  },
};
