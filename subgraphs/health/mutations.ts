// Staff steps on checkup bookings, and the single services a talent books without a case
// (issue 3: "Departments can also be used directly for single services … the same rules apply").
// Every broken rule comes back at once as one BAD_USER_INPUT naming each field, rule and source.
import { Types } from 'mongoose';
import { FormReader } from '../kit/form-reader';
import { problemsError, violationProblems } from '../kit/problems';
import { PROGRAMS, type Program } from '../kit/programs';
import type { Resolvers } from '../kit/subgraph';
import { CHECKUP_BOOKING, bookCheckup, checkupStep, familyDoctorContractView, type CheckupRequest, type FamilyDoctorContractView } from './bookings';
import { todayOf, type HealthContext } from './context';
import { MAX_NAME, RULE_FIELD } from './input';
import type { CheckupBookingDoc } from './model';
import { signFamilyDoctor, type FamilyDoctorRequest } from './signings';

/** The direct inputs: a case's requests without the case (the hospital may be left out). */
type BookCheckupInput = Omit<CheckupRequest, 'caseId' | 'hospital'> & { hospital?: string | null };
type SignFamilyDoctorContractInput = Omit<FamilyDoctorRequest, 'caseId'>;

/** The shape every direct input shares: a talent id and a card program (from the caller until identity is verified). */
function readTalent(reader: FormReader, input: { talentId: string; program: Program }): string {
  const talentId = reader.objectId(input.talentId, 'talentId');
  reader.choice(input.program, 'program', PROGRAMS);
  return talentId ?? '';
}

/** A staff step on a booking, and its case's task with it (kit/task-steps.ts). */
function moveCheckup(id: string, to: 'DONE' | 'CANCELLED', context: HealthContext): Promise<CheckupBookingDoc> {
  return context.services.desk.stepRecord(context.services.models.CheckupBooking, id, CHECKUP_BOOKING, checkupStep(to, todayOf(context)));
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
      // Once a year (000 十一) even for two bookings at one moment: the year slot (model.ts, bookings.ts).
      const request = { talentId, program: input.program, kind: input.kind, preferredDate: input.preferredDate, hospital, caseId: null };
      const outcome = await bookCheckup(context.services.models, request, todayOf(context), new Types.ObjectId());
      if (outcome.violations) throw problemsError(violationProblems(outcome.violations, RULE_FIELD, 'input'));
      return outcome.record;
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
      const request = { talentId, program: input.program, communityHealthCentre, team, package: input.package, startsOn: input.startsOn, caseId: null };
      // No overlapping terms (002 八（四）) even for two signings at one moment: signings.ts.
      const outcome = await signFamilyDoctor(context.services.models, request, today, new Types.ObjectId());
      if (outcome.violations) throw problemsError(violationProblems(outcome.violations, RULE_FIELD, 'input'));
      const signed = outcome.record;
      return familyDoctorContractView(signed.contract, signed.renewals, today);
    },
  },
};
