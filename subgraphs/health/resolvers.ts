// The read view: Talent.health (卫健局's part of a talent), computed by the rules from its records.
import type { Program } from '../kit/programs';
import { DateScalar, DateTimeScalar } from '../kit/scalars';
import type { Resolvers } from '../kit/subgraph';
import { registryCard } from '../kit/card-check';
import { requiredField } from '../kit/representations';
import { familyDoctorContractView, type FamilyDoctorContractView } from './bookings';
import { todayOf, type HealthContext } from './context';
import type { CheckupBookingDoc } from './model';
import {
  checkupEntitlement,
  currentFamilyDoctorTerm,
  designatedHospitals,
  freeCheckupsPerYear,
  hasPriorityCare,
  unionCheckupOffered,
  type CheckupEntitlement,
  type DesignatedHospital,
} from './rules';

export type { HealthContext } from './context';

/** What the gateway sends: the key plus the program it fetched from the talent subgraph (@requires). */
interface TalentReference {
  id: string;
  program: Program;
}

/** The parent of every TalentHealth field: one talent, its program, and the day the request is about. */
interface TalentHealthParent {
  talentId: string;
  program: Program;
  today: string;
}

/** Programs without any checkup never cost a query. */
async function bookingsOf(parent: TalentHealthParent, context: HealthContext): Promise<CheckupBookingDoc[]> {
  if (freeCheckupsPerYear(parent.program) === 0 && !unionCheckupOffered(parent.program)) return [];
  return context.loaders.checkupBookingsByTalent.load(parent.talentId);
}

export const healthResolvers: Resolvers<HealthContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,

  Talent: {
    // The program only as the gateway fetched it from the window; a direct caller's is looked up there.
    __resolveReference: async (reference: TalentReference, context: HealthContext): Promise<TalentReference | null> => {
      const program = await requiredField(context, reference.program, async () => (await registryCard(context.services.environment, reference.id))?.program ?? null);
      return program ? { id: reference.id, program } : null;
    },
    health: (talent: TalentReference, _: unknown, context: HealthContext): TalentHealthParent => ({ talentId: talent.id, program: talent.program, today: todayOf(context) }),
  },

  TalentHealth: {
    designatedHospitals: (parent: TalentHealthParent): readonly DesignatedHospital[] => designatedHospitals(parent.program),
    priorityCare: (parent: TalentHealthParent): boolean => hasPriorityCare(parent.program),
    checkup: async (parent: TalentHealthParent, _: unknown, context: HealthContext): Promise<CheckupEntitlement> =>
      checkupEntitlement(parent.program, await bookingsOf(parent, context), Number(parent.today.slice(0, 4))),
    checkupBookings: (parent: TalentHealthParent, _: unknown, context: HealthContext) => bookingsOf(parent, context),
    familyDoctor: async (parent: TalentHealthParent, _: unknown, context: HealthContext): Promise<FamilyDoctorContractView | null> => {
      // 002 八（四）: family-doctor contracts are a Liwan service; no query for anyone else.
      if (parent.program !== 'LIWAN_YINGCAI') return null;
      const terms = await context.loaders.familyDoctorContractsByTalent.load(parent.talentId);
      const current = currentFamilyDoctorTerm(terms, parent.today);
      return current ? familyDoctorContractView(current.term, current.renewals, parent.today) : null;
    },
  },

  CheckupBooking: {
    id: (booking: CheckupBookingDoc) => booking._id.toString(),
    caseId: (booking: CheckupBookingDoc) => booking.caseId ?? null,
  },
};
