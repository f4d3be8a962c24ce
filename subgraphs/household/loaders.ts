import { isObjectIdString } from '../kit/ids';
import { manyByKey } from '../kit/loader';
import type { HouseholdModels, HukouTransferDoc } from './model';

export interface HouseholdLoaders {
  transfersByTalent: ReturnType<typeof manyByKey<HukouTransferDoc>>;
}

/** Per request: every talent of the request in one `$in` query, newest application first. */
export function createHouseholdLoaders(models: HouseholdModels): HouseholdLoaders {
  return {
    transfersByTalent: manyByKey<HukouTransferDoc>(
      (talentIds) =>
        models.HukouTransfer.find({ talentId: { $in: talentIds.filter(isObjectIdString) } })
          .sort({ submittedOn: -1, _id: -1 })
          .lean<HukouTransferDoc[]>(),
      (transfer) => transfer.talentId,
    ),
  };
}
