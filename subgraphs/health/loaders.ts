import { manyByKey } from '../kit/loader';
import type { CheckupBookingDoc, FamilyDoctorContractDoc, HealthModels } from './model';

export interface HealthLoaders {
  /** Every checkup booking of each talent, earliest first. */
  checkupBookingsByTalent: ReturnType<typeof manyByKey<CheckupBookingDoc>>;
  /** Every family-doctor term of each talent, earliest first. */
  familyDoctorContractsByTalent: ReturnType<typeof manyByKey<FamilyDoctorContractDoc>>;
}

export function createHealthLoaders(models: HealthModels): HealthLoaders {
  return {
    checkupBookingsByTalent: manyByKey<CheckupBookingDoc>(
      (talentIds) =>
        models.CheckupBooking.find({ talentId: { $in: talentIds } })
          .sort({ talentId: 1, scheduledOn: 1, _id: 1 })
          .lean<CheckupBookingDoc[]>(),
      (booking) => booking.talentId,
    ),
    familyDoctorContractsByTalent: manyByKey<FamilyDoctorContractDoc>(
      (talentIds) =>
        models.FamilyDoctorContract.find({ talentId: { $in: talentIds } })
          .sort({ talentId: 1, startsOn: 1, _id: 1 })
          .lean<FamilyDoctorContractDoc[]>(),
      (contract) => contract.talentId,
    ),
  };
}
