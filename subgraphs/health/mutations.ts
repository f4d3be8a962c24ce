// Staff steps on checkup bookings, and the single services a talent books without a case
// (issue 3: "Departments can also be used directly for single services … the same rules apply").
// Every broken rule comes back at once as one BAD_USER_INPUT naming each field, rule and source.
import { notFound } from '../kit/errors';
import { parseObjectId } from '../kit/ids';
import { PROGRAMS, type Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import { bookCheckupIn, moveCheckupIn, signFamilyDoctorIn, familyDoctorContractView, type FamilyDoctorContractView } from './bookings';
import { todayOf, type HealthContext } from './context';
import { FieldReader, MAX_NAME, refuse, ruleProblems } from './input';
import type { CheckupBookingDoc } from './model';
import type { CheckupKind, FamilyDoctorPackage } from './rules';

interface BookCheckupInput {
  talentId: string;
  program: Program;
  kind: CheckupKind;
  preferredDate: string;
  hospital?: string | null;
}

interface SignFamilyDoctorContractInput {
  talentId: string;
  program: Program;
  communityHealthCentre: string;
  team: string;
  package: FamilyDoctorPackage;
  startsOn: string;
}

/** The shape every direct input shares: a talent id and a card program (from the caller until identity is verified). */
function readTalent(reader: FieldReader, input: { talentId: string; program: Program }): string {
  const talentId = reader.objectId({ ...input }, 'talentId');
  reader.choice({ ...input }, 'program', PROGRAMS);
  return talentId ?? '';
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Runs a booking transaction; when it lost to a booking made at the same moment (the year-slot
 * index, model.ts) it runs once more, and then the rules see the other booking and say why.
 */
async function retryOnceOnDuplicate<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKey(error)) return write();
    throw error;
  }
}

async function moveCheckup(id: string, to: 'DONE' | 'CANCELLED', context: HealthContext): Promise<CheckupBookingDoc> {
  parseObjectId(id, 'id');
  const moved = await context.connection.transaction(async (session) => {
    const outcome = await moveCheckupIn(context.models, context.desk, id, to, todayOf(context), session);
    if (outcome?.violations) throw refuse(ruleProblems(outcome.violations, ''));
    return outcome;
  });
  if (!moved) throw notFound('CheckupBooking', `体检预约 ${id} 不存在`, `no checkup booking ${id}`);
  return moved.booking!;
}

export const mutationResolvers: Resolvers<HealthContext> = {
  Mutation: {
    recordCheckupDone: (_: unknown, { id }: { id: string }, context: HealthContext) => moveCheckup(id, 'DONE', context),
    cancelCheckupBooking: (_: unknown, { id }: { id: string }, context: HealthContext) => moveCheckup(id, 'CANCELLED', context),

    bookCheckup: async (_: unknown, { input }: { input: BookCheckupInput }, context: HealthContext): Promise<CheckupBookingDoc> => {
      const reader = new FieldReader('input');
      const talentId = readTalent(reader, input);
      const hospital = reader.text({ ...input }, 'hospital', MAX_NAME, true);
      reader.done();
      return retryOnceOnDuplicate(() =>
        context.connection.transaction(async (session) => {
          const request = { talentId, program: input.program, kind: input.kind, preferredDate: input.preferredDate, hospital, caseId: null };
          const outcome = await bookCheckupIn(context.models, request, todayOf(context), session);
          if (outcome.violations) throw refuse(ruleProblems(outcome.violations, 'input'));
          return outcome.record;
        }),
      );
    },

    signFamilyDoctorContract: async (_: unknown, { input }: { input: SignFamilyDoctorContractInput }, context: HealthContext): Promise<FamilyDoctorContractView> => {
      const reader = new FieldReader('input');
      const talentId = readTalent(reader, input);
      const communityHealthCentre = reader.text({ ...input }, 'communityHealthCentre', MAX_NAME);
      const team = reader.text({ ...input }, 'team', MAX_NAME);
      reader.done();
      const today = todayOf(context);
      const signed = await context.connection.transaction(async (session) => {
        const request = { talentId, program: input.program, communityHealthCentre: communityHealthCentre!, team: team!, package: input.package, startsOn: input.startsOn, caseId: null };
        const outcome = await signFamilyDoctorIn(context.models, request, today, session);
        if (outcome.violations) throw refuse(ruleProblems(outcome.violations, 'input'));
        return outcome.record;
      });
      return familyDoctorContractView(signed.contract, signed.renewals, today);
    },
  },
};
