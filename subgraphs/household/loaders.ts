import { recordById, recordsByTalent } from '../kit/loader';
import type { HouseholdModels, HukouTransferDoc } from './model';

export interface HouseholdLoaders {
  transfersByTalent: ReturnType<typeof recordsByTalent<HukouTransferDoc>>;
  /** A case task's transfers: every task of the request in one `$in` query on _id. */
  transferById: ReturnType<typeof recordById<HukouTransferDoc>>;
}

/** Per request: every talent of the request in one `$in` query, newest application first. */
export function createHouseholdLoaders(models: HouseholdModels): HouseholdLoaders {
  return {
    transfersByTalent: recordsByTalent<HukouTransferDoc>(models.HukouTransfer, { submittedOn: -1, _id: -1 }),
    transferById: recordById<HukouTransferDoc>(models.HukouTransfer),
  };
}
