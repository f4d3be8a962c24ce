// Per-request loaders for registered people and their applications (one $in query per kind).
import { manyByKey, oneByKey } from '../../kit/loader';
import { isObjectIdString } from '../../kit/ids';
import type { CardApplicationDoc, CardLifeModels, PersonDoc } from './model';

export interface CardLifeLoaders {
  personById: ReturnType<typeof oneByKey<PersonDoc>>;
  applicationById: ReturnType<typeof oneByKey<CardApplicationDoc>>;
  applicationsByPerson: ReturnType<typeof manyByKey<CardApplicationDoc>>;
}

export function createCardLifeLoaders(models: CardLifeModels): CardLifeLoaders {
  return {
    personById: oneByKey<PersonDoc>(
      (ids) => models.Person.find({ _id: { $in: ids.filter(isObjectIdString) } }).lean<PersonDoc[]>(),
      (person) => person._id.toString(),
    ),
    applicationById: oneByKey<CardApplicationDoc>(
      (ids) => models.CardApplication.find({ _id: { $in: ids.filter(isObjectIdString) } }).lean<CardApplicationDoc[]>(),
      (application) => application._id.toString(),
    ),
    applicationsByPerson: manyByKey<CardApplicationDoc>(
      (personIds) => models.CardApplication.find({ personId: { $in: personIds } }).sort({ _id: -1 }).lean<CardApplicationDoc[]>(),
      (application) => application.personId,
    ),
  };
}
