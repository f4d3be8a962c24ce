import type { BaseContext } from '../kit/context';
import type { Program } from '../kit/programs';
import { DateScalar } from '../kit/scalars';
import { todayInChina } from '../kit/dates';
import type { Resolvers } from '../kit/subgraph';
import type { HealthLoaders } from './loaders';
import type { CheckupBookingDoc } from './model';
import {
  checkupEntitlement,
  currentFamilyDoctorTerm,
  designatedHospitals,
  familyDoctorStatusOn,
  freeCheckupsPerYear,
  hasPriorityCare,
  unionCheckupOffered,
  type CheckupEntitlement,
  type DesignatedHospital,
  type FamilyDoctorPackage,
  type FamilyDoctorStatus,
} from './rules';

export interface HealthContext extends BaseContext {
  loaders: HealthLoaders;
}

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

interface FamilyDoctorContractView {
  id: string;
  team: string;
  communityHealthCentre: string;
  package: FamilyDoctorPackage;
  startsOn: string;
  endsOn: string;
  status: FamilyDoctorStatus;
  renewals: number;
}

/** Programs without any checkup never cost a query. */
async function bookingsOf(parent: TalentHealthParent, context: HealthContext): Promise<CheckupBookingDoc[]> {
  if (freeCheckupsPerYear(parent.program) === 0 && !unionCheckupOffered(parent.program)) return [];
  return context.loaders.checkupBookingsByTalent.load(parent.talentId);
}

export const healthResolvers: Resolvers<HealthContext> = {
  Date: DateScalar,

  Talent: {
    __resolveReference: (reference: TalentReference): TalentReference => ({ id: reference.id, program: reference.program }),
    health: (talent: TalentReference): TalentHealthParent => ({ talentId: talent.id, program: talent.program, today: todayInChina() }),
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
      if (!current) return null;
      const { term, renewals } = current;
      return {
        id: term._id.toString(),
        team: term.team,
        communityHealthCentre: term.communityHealthCentre,
        package: term.package,
        startsOn: term.startsOn,
        endsOn: term.endsOn,
        status: familyDoctorStatusOn(term, parent.today),
        renewals,
      };
    },
  },

  CheckupBooking: {
    id: (booking: CheckupBookingDoc) => booking._id.toString(),
  },
};
