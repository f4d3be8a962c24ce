import { manyByKey, oneByKey } from '../kit/loader';
import type { HomeOwnershipDeclarationDoc, HousingModels, TalentApartmentApplicationDoc } from './model';

export interface HousingLoaders {
  declarationsByTalent: ReturnType<typeof manyByKey<HomeOwnershipDeclarationDoc>>;
  applicationsByTalent: ReturnType<typeof manyByKey<TalentApartmentApplicationDoc>>;
  /** A case task's application (HousingCaseTask.application). */
  applicationById: ReturnType<typeof oneByKey<TalentApartmentApplicationDoc>>;
}

/** Per request: all talents (or case tasks) of one request cost one `find` per collection. */
export function createHousingLoaders(models: HousingModels): HousingLoaders {
  return {
    declarationsByTalent: manyByKey<HomeOwnershipDeclarationDoc>(
      (talentIds) =>
        models.HomeOwnershipDeclaration.find({ talentId: { $in: talentIds } })
          .sort({ declaredOn: 1, _id: 1 })
          .lean<HomeOwnershipDeclarationDoc[]>(),
      (declaration) => declaration.talentId,
    ),
    applicationsByTalent: manyByKey<TalentApartmentApplicationDoc>(
      (talentIds) =>
        models.TalentApartmentApplication.find({ talentId: { $in: talentIds } })
          .sort({ submittedOn: -1, _id: -1 })
          .lean<TalentApartmentApplicationDoc[]>(),
      (application) => application.talentId,
    ),
    applicationById: oneByKey<TalentApartmentApplicationDoc>(
      (ids) => models.TalentApartmentApplication.find({ _id: { $in: ids } }).lean<TalentApartmentApplicationDoc[]>(),
      (application) => application._id.toString(),
    ),
  };
}
