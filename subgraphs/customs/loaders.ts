import { recordById, recordsByTalent } from '../kit/loader';
import type { AirportServiceBookingDoc, CustomsModels, ExitEntryItemDoc } from './model';

export interface CustomsLoaders {
  bookingsByTalent: ReturnType<typeof recordsByTalent<AirportServiceBookingDoc>>;
  exitEntryItemsByTalent: ReturnType<typeof recordsByTalent<ExitEntryItemDoc>>;
  /** A case task's booking (CustomsCaseTask.booking). */
  bookingById: ReturnType<typeof recordById<AirportServiceBookingDoc>>;
  /** A case task's exit-entry item (CustomsCaseTask.exitEntryItem). */
  exitEntryItemById: ReturnType<typeof recordById<ExitEntryItemDoc>>;
}

/** Per request: all talents (or case tasks) of one request cost one `find` per collection. */
export function createCustomsLoaders(models: CustomsModels): CustomsLoaders {
  return {
    bookingsByTalent: recordsByTalent<AirportServiceBookingDoc>(models.AirportServiceBooking, { flightTime: -1, _id: -1 }),
    exitEntryItemsByTalent: recordsByTalent<ExitEntryItemDoc>(models.ExitEntryItem, { submittedOn: -1, _id: -1 }),
    bookingById: recordById<AirportServiceBookingDoc>(models.AirportServiceBooking),
    exitEntryItemById: recordById<ExitEntryItemDoc>(models.ExitEntryItem),
  };
}
