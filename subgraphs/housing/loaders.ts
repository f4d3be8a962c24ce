import { recordById, recordsByTalent } from '../kit/loader';
import type { HomeOwnershipDeclarationDoc, HousingModels, TalentApartmentApplicationDoc } from './model';

export interface HousingLoaders {
  declarationsByTalent: ReturnType<typeof recordsByTalent<HomeOwnershipDeclarationDoc>>;
  applicationsByTalent: ReturnType<typeof recordsByTalent<TalentApartmentApplicationDoc>>;
  /** A case task's application (HousingCaseTask.application). */
  applicationById: ReturnType<typeof recordById<TalentApartmentApplicationDoc>>;
}

/** Per request: all talents (or case tasks) of one request cost one `find` per collection. */
export function createHousingLoaders(models: HousingModels): HousingLoaders {
  return {
    declarationsByTalent: recordsByTalent<HomeOwnershipDeclarationDoc>(models.HomeOwnershipDeclaration, { declaredOn: 1, _id: 1 }),
    applicationsByTalent: recordsByTalent<TalentApartmentApplicationDoc>(models.TalentApartmentApplication, { submittedOn: -1, _id: -1 }),
    applicationById: recordById<TalentApartmentApplicationDoc>(models.TalentApartmentApplication),
  };
}
