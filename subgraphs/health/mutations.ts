// Staff steps on checkup bookings, and the single services a talent books without a case
// (issue 3: "Departments can also be used directly for single services … the same rules apply").
// Every broken rule comes back at once as one BAD_USER_INPUT naming each field, rule and source.
import { serialized } from '../kit/mongo';
import { notFound } from '../kit/errors';
import { FormReader } from '../kit/form-reader';
import { parseObjectId } from '../kit/ids';
import { problemsError, violationProblems } from '../kit/problems';
import { PROGRAMS, type Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import { bookCheckupIn, moveCheckupIn, signFamilyDoctorIn, familyDoctorContractView, type CheckupRequest, type FamilyDoctorContractView, type FamilyDoctorRequest } from './bookings';
import { todayOf, type HealthContext } from './context';
import { MAX_NAME, RULE_FIELD } from './input';
import type { CheckupBookingDoc } from './model';

/** The direct inputs: a case's requests without the case (the hospital may be left out). */
type BookCheckupInput = Omit<CheckupRequest, 'caseId' | 'hospital'> & { hospital?: string | null };
type SignFamilyDoctorContractInput = Omit<FamilyDoctorRequest, 'caseId'>;

/** The shape every direct input shares: a talent id and a card program (from the caller until identity is verified). */
function readTalent(reader: FormReader, input: { talentId: string; program: Program }): string {
  const talentId = reader.objectId(input.talentId, 'talentId');
  reader.choice(input.program, 'program', PROGRAMS);
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
  const moved = await context.services.connection.transaction(async (session) => {
    const outcome = await moveCheckupIn(context.services.models, context.services.desk, id, to, todayOf(context), session);
    if (outcome?.violations) throw problemsError(violationProblems(outcome.violations, RULE_FIELD, ''));
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
      const reader = new FormReader('input');
      const talentId = readTalent(reader, input);
      const hospital = reader.optionalText(input.hospital, 'hospital', MAX_NAME);
      reader.done();
    // 001 第六条: a single service needs a card in force, of the program it is asked under (the window's registry says).
      await context.services.environment.verifyCard(talentId, input.program, 'input.talentId');
      // One talent's bookings one after the other: the second sees the first (once a year, 000 十一).
      return serialized(context.services.connection, `checkup:${talentId}`, () =>
        retryOnceOnDuplicate(() =>
          context.services.connection.transaction(async (session) => {
            const request = { talentId, program: input.program, kind: input.kind, preferredDate: input.preferredDate, hospital, caseId: null };
            const outcome = await bookCheckupIn(context.services.models, request, todayOf(context), session);
            if (outcome.violations) throw problemsError(violationProblems(outcome.violations, RULE_FIELD, 'input'));
            return outcome.record;
          }),
        ),
      );
    },

    signFamilyDoctorContract: async (_: unknown, { input }: { input: SignFamilyDoctorContractInput }, context: HealthContext): Promise<FamilyDoctorContractView> => {
      const reader = new FormReader('input');
      const talentId = readTalent(reader, input);
      const communityHealthCentre = reader.text(input.communityHealthCentre, 'communityHealthCentre', MAX_NAME);
      const team = reader.text(input.team, 'team', MAX_NAME);
      reader.done();
    // 001 第六条: a single service needs a card in force, of the program it is asked under (the window's registry says).
      await context.services.environment.verifyCard(talentId, input.program, 'input.talentId');
      const today = todayOf(context);
      const signed = await context.services.connection.transaction(async (session) => {
        const request = { talentId, program: input.program, communityHealthCentre, team, package: input.package, startsOn: input.startsOn, caseId: null };
        const outcome = await signFamilyDoctorIn(context.services.models, request, today, session);
        if (outcome.violations) throw problemsError(violationProblems(outcome.violations, RULE_FIELD, 'input'));
        return outcome.record;
      });
      return familyDoctorContractView(signed.contract, signed.renewals, today);
    },
  },
};
