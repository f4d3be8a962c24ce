import { isObjectIdString } from '../kit/ids';
import type { Program } from '../kit/programs';
import { DateScalar, DateTimeScalar } from '../kit/scalars';
import { todayInChina } from '../kit/dates';
import type { Resolvers } from '../kit/subgraph';
import { registryCard } from '../kit/card-check';
import { requiredField } from '../kit/representations';
import type { CustomsContext } from './context';
import { maskPhone, reveal } from '../kit/pii';
import type { AirportServiceBookingDoc, ExitEntryItemDoc } from './model';
import {
  airportServiceAllowance,
  servicePointFor,
  type AirportBookingStatus,
  type AirportServiceAllowance,
  type AirportServiceScope,
} from './rules';

export type { CustomsContext } from './context';

/** What the gateway sends: the key plus the program it fetched from the talent subgraph (@requires). */
interface TalentReference {
  id: string;
  program?: Program | null;
}

interface TalentCustomsView {
  airportService: AirportServiceAllowance;
  airportBookings: AirportServiceBookingDoc[];
  exitEntryItems: ExitEntryItemDoc[];
}

export const customsResolvers: Resolvers<CustomsContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,

  Talent: {
    // Any well-formed id is a talent to this department; one it has no records for gets empty lists.
    // The program only as the gateway fetched it from the window; a direct caller's is looked up there.
    __resolveReference: async (reference: TalentReference, context: CustomsContext): Promise<TalentReference | null> =>
      isObjectIdString(reference.id)
        ? { id: reference.id, program: await requiredField(context, reference.program, async () => (await registryCard(context.services.environment, reference.id))?.program ?? null) }
        : null,

    customs: async (talent: TalentReference, _args: unknown, context: CustomsContext): Promise<TalentCustomsView> => {
      const [bookings, exitEntryItems] = await Promise.all([
        context.loaders.bookingsByTalent.load(talent.id),
        context.loaders.exitEntryItemsByTalent.load(talent.id),
      ]);
      const year = Number(todayInChina(context.services.environment.clock()).slice(0, 4));
      const uses = bookings.map((booking) => ({ status: booking.status as AirportBookingStatus, flightTime: booking.flightTime }));
      return {
        airportService: airportServiceAllowance(talent.program, uses, year),
        airportBookings: bookings,
        exitEntryItems,
      };
    },
  },

  AirportServiceBooking: {
    id: (booking: AirportServiceBookingDoc) => booking._id.toString(),
    // 000 十三（三）4: where the holder reports follows from the flight's scope.
    servicePoint: (booking: AirportServiceBookingDoc) => servicePointFor(booking.scope as AirportServiceScope),
    contactPhone: (booking: AirportServiceBookingDoc, args: { full: boolean }, context: CustomsContext) =>
      reveal({ value: booking.contactPhone, mask: maskPhone, field: 'AirportServiceBooking.contactPhone', ownerTalentId: booking.talentId, owner: 'customs' }, args.full, context),
  },

  ExitEntryItem: {
    id: (item: ExitEntryItemDoc) => item._id.toString(),
  },
};
