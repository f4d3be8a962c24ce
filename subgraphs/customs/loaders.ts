import { manyByKey, oneByKey } from '../kit/loader';
import type { AirportServiceBookingDoc, CustomsModels, ExitEntryItemDoc } from './model';

export interface CustomsLoaders {
  bookingsByTalent: ReturnType<typeof manyByKey<AirportServiceBookingDoc>>;
  exitEntryItemsByTalent: ReturnType<typeof manyByKey<ExitEntryItemDoc>>;
  /** A case task's booking (CustomsCaseTask.booking). */
  bookingById: ReturnType<typeof oneByKey<AirportServiceBookingDoc>>;
  /** A case task's exit-entry item (CustomsCaseTask.exitEntryItem). */
  exitEntryItemById: ReturnType<typeof oneByKey<ExitEntryItemDoc>>;
}

/** Per request: all talents (or case tasks) of one request cost one `find` per collection. */
export function createCustomsLoaders(models: CustomsModels): CustomsLoaders {
  return {
    bookingsByTalent: manyByKey<AirportServiceBookingDoc>(
      (talentIds) =>
        models.AirportServiceBooking.find({ talentId: { $in: talentIds } })
          .sort({ flightTime: -1, _id: -1 })
          .lean<AirportServiceBookingDoc[]>(),
      (booking) => booking.talentId,
    ),
    exitEntryItemsByTalent: manyByKey<ExitEntryItemDoc>(
      (talentIds) =>
        models.ExitEntryItem.find({ talentId: { $in: talentIds } })
          .sort({ submittedOn: -1, _id: -1 })
          .lean<ExitEntryItemDoc[]>(),
      (item) => item.talentId,
    ),
    bookingById: oneByKey<AirportServiceBookingDoc>(
      (ids) => models.AirportServiceBooking.find({ _id: { $in: ids } }).lean<AirportServiceBookingDoc[]>(),
      (booking) => booking._id.toString(),
    ),
    exitEntryItemById: oneByKey<ExitEntryItemDoc>(
      (ids) => models.ExitEntryItem.find({ _id: { $in: ids } }).lean<ExitEntryItemDoc[]>(),
      (item) => item._id.toString(),
    ),
  };
}
