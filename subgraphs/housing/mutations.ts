// The housing office's public mutations: the direct single service (applyForTalentApartment, the
// same rules as a case) and the staff steps that move an application — and its case task — on.
import { registeredFamily } from '../kit/card-check';
import { parseObjectId } from '../kit/ids';
import type { Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import { allocateApartment, rejectApartmentApplication, waitlistApplication, type UnitInput } from './application-steps';
import { applyDirectly } from './applications';
import type { HousingContext } from './context';
import { readApartmentForm } from './forms';
import type { TalentApartmentApplicationDoc } from './model';
import type { HomeOwnershipRelation } from './rules';

interface ApplicationInput {
  talentId: string;
  program: Program;
  district: string;
  project: string;
  householdSize: number;
  declarations: { personName: string; relation: HomeOwnershipRelation; city: string; homesOwned: number }[];
}

export const mutationResolvers: Resolvers<HousingContext> = {
  Mutation: {
    applyForTalentApartment: async (_: unknown, args: { input: ApplicationInput }, context: HousingContext): Promise<TalentApartmentApplicationDoc> => {
      const { talentId, program, ...fields } = args.input;
      parseObjectId(talentId, 'input.talentId');
      const { form, problems } = readApartmentForm(fields, 'input');
      // 001 第六条: a single service needs a card in force, of the program it is asked under; 002 四: the declarations
      // cover the household the registry knows. One call to the window's registry answers both.
      const card = await context.services.environment.verifyCard(talentId.toLowerCase(), program, 'input.talentId', { family: true });
      return applyDirectly(context.services, { talentId, program, form }, problems, registeredFamily(card));
    },
    waitlistApartmentApplication: (_: unknown, args: { id: string }, context: HousingContext): Promise<TalentApartmentApplicationDoc> =>
      waitlistApplication(context.services, args.id),
    allocateApartment: (_: unknown, args: { id: string; unit: UnitInput }, context: HousingContext): Promise<TalentApartmentApplicationDoc> =>
      allocateApartment(context.services, args.id, args.unit),
    rejectApartmentApplication: (_: unknown, args: { id: string; reason: string }, context: HousingContext): Promise<TalentApartmentApplicationDoc> =>
      rejectApartmentApplication(context.services, args.id, args.reason),
  },
};
