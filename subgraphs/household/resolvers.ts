import { DateScalar, DateTimeScalar } from '../kit/scalars';
import type { Resolvers } from '../kit/subgraph';
import type { HouseholdContext } from './context';
import type { HukouTransferDoc } from './model';
import { currentHukouStep, hukouPolicy, hukouStepView } from './rules';

interface TalentReference {
  id: string;
}

interface TalentHousehold {
  transfers: HukouTransferDoc[];
}

export const householdResolvers: Resolvers<HouseholdContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,

  Talent: {
    __resolveReference: (reference: TalentReference): TalentReference => ({ id: reference.id }),
    household: async (talent: TalentReference, _args: unknown, context: HouseholdContext): Promise<TalentHousehold> => ({
      transfers: await context.loaders.transfersByTalent.load(talent.id),
    }),
  },

  HukouTransfer: {
    id: (transfer: HukouTransferDoc) => transfer._id.toString(),
    steps: (transfer: HukouTransferDoc) => hukouStepView(transfer.status, transfer.steps),
    currentStep: (transfer: HukouTransferDoc) => currentHukouStep(transfer.status, transfer.steps),
    source: (transfer: HukouTransferDoc) => hukouPolicy(transfer.program)?.source ?? '—',
  },
};
