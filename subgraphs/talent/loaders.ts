import { manyByKey, oneByKey } from '../kit/loader';
import type { CaseDoc, CaseEventDoc, CaseModels } from './case-model';
import { isObjectIdString } from '../kit/ids';
import type { TalentDoc, TalentModels } from './model';

export interface TalentLoaders {
  talentById: ReturnType<typeof oneByKey<TalentDoc>>;
  caseById: ReturnType<typeof oneByKey<CaseDoc>>;
  casesByTalent: ReturnType<typeof manyByKey<CaseDoc>>;
  eventsByCase: ReturnType<typeof manyByKey<CaseEventDoc>>;
}

export function createTalentLoaders(models: TalentModels, cases: CaseModels): TalentLoaders {
  return {
    caseById: oneByKey<CaseDoc>(
      (ids) => cases.Case.find({ _id: { $in: ids.filter(isObjectIdString) } }).lean<CaseDoc[]>(),
      (current) => current._id.toString(),
    ),
    casesByTalent: manyByKey<CaseDoc>(
      (talentIds) => cases.Case.find({ talentId: { $in: talentIds } }).sort({ _id: -1 }).lean<CaseDoc[]>(),
      (current) => current.talentId,
    ),
    eventsByCase: manyByKey<CaseEventDoc>(
      (caseIds) => cases.CaseEvent.find({ caseId: { $in: caseIds } }).sort({ at: 1, _id: 1 }).lean<CaseEventDoc[]>(),
      (event) => event.caseId,
    ),
    talentById: oneByKey<TalentDoc>(
      (ids) => models.Talent.find({ _id: { $in: ids.filter(isObjectIdString) } }).lean<TalentDoc[]>(),
      (talent) => talent._id.toString(),
    ),
  };
}
