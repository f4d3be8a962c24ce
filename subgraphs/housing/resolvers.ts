import { isObjectIdString } from '../kit/ids';
import { DateScalar, DateTimeScalar } from '../kit/scalars';
import type { Resolvers } from '../kit/subgraph';
import type { HousingContext } from './context';
import type { HomeOwnershipDeclarationDoc, TalentApartmentApplicationDoc } from './model';
import { compareRelations, housingEligibility, type HomeOwnershipRelation, type HousingVerdict } from './rules';

export type { HousingContext } from './context';

interface TalentReference {
  id: string;
}

interface TalentHousingView {
  eligibility: HousingVerdict & { ownedHomes: HomeOwnershipDeclarationDoc[] };
  applications: TalentApartmentApplicationDoc[];
}

export const housingResolvers: Resolvers<HousingContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,

  Talent: {
    // Any well-formed id is a talent to this department; one it has no records for gets empty lists.
    __resolveReference: (reference: TalentReference): TalentReference | null =>
      isObjectIdString(reference.id) ? { id: reference.id } : null,

    housing: async (talent: TalentReference, _args: unknown, context: HousingContext): Promise<TalentHousingView> => {
      const [declarations, applications] = await Promise.all([
        context.loaders.declarationsByTalent.load(talent.id),
        context.loaders.applicationsByTalent.load(talent.id),
      ]);
      const ownedHomes = [...declarations].sort((a, b) =>
        compareRelations(a.relation as HomeOwnershipRelation, b.relation as HomeOwnershipRelation),
      );
      const verdict = housingEligibility(
        ownedHomes.map((declaration) => ({ ...declaration, relation: declaration.relation as HomeOwnershipRelation })),
      );
      return { eligibility: { ...verdict, ownedHomes }, applications };
    },
  },

  HomeOwnershipDeclaration: {
    id: (declaration: HomeOwnershipDeclarationDoc) => declaration._id.toString(),
  },

  TalentApartmentApplication: {
    id: (application: TalentApartmentApplicationDoc) => application._id.toString(),
  },
};
