// The customs office's public mutations: the direct single service (bookAirportService, the same
// rules as a case) and the staff steps that move a booking or an exit-entry item — and its case
// task — on (000 十三（三）3; 004 第五条、第十一条).
import type { Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import { bookDirectly, cancelBooking, changeBooking, recordServed } from './bookings';
import type { CustomsContext } from './context';
import { advanceExitEntryItem, rejectExitEntryItem } from './exit-entry';
import type { AirportFields } from './forms';
import type { AirportServiceBookingDoc, ExitEntryItemDoc } from './model';
import type { AirportServiceScope } from './rules';

type BookInput = { talentId: string; program: Program; scope: AirportServiceScope } & AirportFields;

export const mutationResolvers: Resolvers<CustomsContext> = {
  Mutation: {
    bookAirportService: async (_: unknown, args: { input: BookInput }, context: CustomsContext): Promise<AirportServiceBookingDoc> => {
      const { talentId, program, scope, ...fields } = args.input;
    // 001 第六条: a single service needs a card in force, of the program it is asked under (the window's registry says).
      await context.services.environment.verifyCard(talentId.toLowerCase(), program, 'input.talentId');
      return bookDirectly(context.services, talentId, program, scope, fields);
    },
    changeAirportServiceBooking: (_: unknown, args: { id: string; input: Partial<AirportFields> }, context: CustomsContext): Promise<AirportServiceBookingDoc> =>
      changeBooking(context.services, args.id, args.input),
    cancelAirportServiceBooking: (_: unknown, args: { id: string }, context: CustomsContext): Promise<AirportServiceBookingDoc> =>
      cancelBooking(context.services, args.id),
    recordAirportServiceServed: (_: unknown, args: { id: string }, context: CustomsContext): Promise<AirportServiceBookingDoc> =>
      recordServed(context.services, args.id),
    advanceExitEntryItem: (_: unknown, args: { id: string }, context: CustomsContext): Promise<ExitEntryItemDoc> =>
      advanceExitEntryItem(context.services, args.id),
    rejectExitEntryItem: (_: unknown, args: { id: string; reason: string }, context: CustomsContext): Promise<ExitEntryItemDoc> =>
      rejectExitEntryItem(context.services, args.id, args.reason),
  },
};
