import { manyByKey } from '../kit/loader';
import type { AirportServiceBookingDoc, CustomsModels, ExitEntryItemDoc } from './model';

export interface CustomsLoaders {
  bookingsByTalent: ReturnType<typeof manyByKey<AirportServiceBookingDoc>>;
  exitEntryItemsByTalent: ReturnType<typeof manyByKey<ExitEntryItemDoc>>;
}

/** Per request: all talents of one request cost one `find` per collection. */
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
  };
}
