import { recordsByTalent } from '../kit/loader';
import type { CheckupBookingDoc, FamilyDoctorContractDoc, HealthModels } from './model';

export interface HealthLoaders {
  /** Every checkup booking of each talent, earliest first. */
  checkupBookingsByTalent: ReturnType<typeof recordsByTalent<CheckupBookingDoc>>;
  /** Every family-doctor term of each talent, earliest first. */
  familyDoctorContractsByTalent: ReturnType<typeof recordsByTalent<FamilyDoctorContractDoc>>;
}

export function createHealthLoaders(models: HealthModels): HealthLoaders {
  return {
    checkupBookingsByTalent: recordsByTalent<CheckupBookingDoc>(models.CheckupBooking, { talentId: 1, scheduledOn: 1, _id: 1 }),
    familyDoctorContractsByTalent: recordsByTalent<FamilyDoctorContractDoc>(models.FamilyDoctorContract, { talentId: 1, startsOn: 1, _id: 1 }),
  };
}
