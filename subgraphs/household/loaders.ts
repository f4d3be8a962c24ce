import { isObjectIdString } from '../kit/ids';
import { manyByKey, oneByKey } from '../kit/loader';
import type { HouseholdModels, HukouTransferDoc } from './model';

export interface HouseholdLoaders {
  transfersByTalent: ReturnType<typeof manyByKey<HukouTransferDoc>>;
  /** A case task's transfers: every task of the request in one `$in` query on _id. */
  transferById: ReturnType<typeof oneByKey<HukouTransferDoc>>;
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
    transferById: oneByKey<HukouTransferDoc>(
      (ids) => models.HukouTransfer.find({ _id: { $in: ids.filter(isObjectIdString) } }).lean<HukouTransferDoc[]>(),
      (transfer) => transfer._id.toString(),
    ),
  };
}
