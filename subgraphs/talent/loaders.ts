import { oneByKey } from '../kit/loader';
import { isObjectIdString } from '../kit/ids';
import type { TalentDoc, TalentModels } from './model';

export interface TalentLoaders {
  talentById: ReturnType<typeof oneByKey<TalentDoc>>;
}

export function createTalentLoaders(models: TalentModels): TalentLoaders {
  return {
    talentById: oneByKey<TalentDoc>(
      (ids) => models.Talent.find({ _id: { $in: ids.filter(isObjectIdString) } }).lean<TalentDoc[]>(),
      (talent) => talent._id.toString(),
    ),
  };
}
