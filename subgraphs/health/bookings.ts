// 卫健局 writes: a checkup booked, a family-doctor contract signed, a booking done or cancelled.
// The same functions serve a case's task (cases.ts) and a talent's direct booking (mutations.ts),
// so the same rules apply both ways (issue 3: "the same rules apply"). Each runs inside the
// caller's transaction: the rules read what the talent already has in the same session they write in.
import type { ClientSession } from 'mongoose';
import type { CaseTaskChange, CaseTaskDesk } from '../kit/case-task';
import { takeLock } from '../kit/mongo';
import type { RuleOutcome, RuleViolation } from '../kit/problems';
import type { Program } from '../kit/programs';
import type { CheckupBookingDoc, FamilyDoctorContractDoc, HealthModels } from './model';
import {
  checkupBookingViolations,
  checkupHospitalFor,
  checkupTransitionViolations,
  familyDoctorSigningViolations,
  familyDoctorStatusOn,
  familyDoctorTermEnd,
  yearSlotOf,
  type CheckupKind,
  type CheckupRecord,
  type FamilyDoctorPackage,
  type FamilyDoctorStatus,
  type FamilyDoctorTerm,
} from './rules';

export interface CheckupRequest {
  talentId: string;
  program: Program;
  kind: CheckupKind;
  preferredDate: string;
  hospital: string | null;
  caseId: string | null;
}

export async function bookCheckupIn(models: HealthModels, request: CheckupRequest, today: string, session: ClientSession): Promise<RuleOutcome<CheckupBookingDoc>> {
  const year = Number(request.preferredDate.slice(0, 4));
  // The year's bookings are all the allowance rules read (000 十、十一; 002 八（三）).
  const existing = await models.CheckupBooking.find(
    { talentId: request.talentId, scheduledOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } },
    null,
    { session },
  ).lean<CheckupBookingDoc[]>();
  const candidate: CheckupRecord = {
    year,
    kind: request.kind,
    hospital: checkupHospitalFor(request.program, request.kind, request.hospital),
    scheduledOn: request.preferredDate,
    status: 'BOOKED',
  };
  const violations = checkupBookingViolations(request.program, existing, candidate, today);
  if (violations.length > 0) return { record: null, violations };
  const [booking] = await models.CheckupBooking.create([{ talentId: request.talentId, caseId: request.caseId, ...candidate }], { session });
  return { record: booking.toObject() as CheckupBookingDoc, violations: null };
}

export interface FamilyDoctorRequest {
  talentId: string;
  program: Program;
  communityHealthCentre: string;
  team: string;
  package: FamilyDoctorPackage;
  startsOn: string;
  caseId: string | null;
}

export interface SignedContract {
  contract: FamilyDoctorContractDoc;
  /** Terms the holder signed before this one (续约、改签). */
  renewals: number;
}

export async function signFamilyDoctorIn(models: HealthModels, request: FamilyDoctorRequest, today: string, session: ClientSession): Promise<RuleOutcome<SignedContract>> {
  // Written first, so a concurrent signing for the same talent conflicts here (model.ts).
  await takeLock(models.FamilyDoctorSigning, request.talentId, session);
  const existing = await models.FamilyDoctorContract.find({ talentId: request.talentId }, null, { session })
    .sort({ startsOn: 1 })
    .lean<FamilyDoctorContractDoc[]>();
  const candidate: FamilyDoctorTerm = {
    communityHealthCentre: request.communityHealthCentre,
    team: request.team,
    package: request.package,
    startsOn: request.startsOn,
    endsOn: familyDoctorTermEnd(request.startsOn),
  };
  const violations = familyDoctorSigningViolations(request.program, existing, candidate, today);
  if (violations.length > 0) return { record: null, violations };
  const [contract] = await models.FamilyDoctorContract.create([{ talentId: request.talentId, caseId: request.caseId, ...candidate }], { session });
  return { record: { contract: contract.toObject() as FamilyDoctorContractDoc, renewals: existing.filter((term) => term.startsOn < candidate.startsOn).length }, violations: null };
}

const KIND: Record<CheckupKind, { zh: string; en: string }> = {
  HEALTH_CHECKUP: { zh: '免费体检', en: 'free checkup' },
  UNION_CHECKUP: { zh: '工会体检', en: 'union checkup' },
};

/**
 * The case task's state for a booking (steps CHECKUP_BOOKED → CHECKUP_DONE, or CHECKUP_CANCELLED).
 * The note goes to the window (the case's items and timeline), which may not see clinical details
 * (issue 4): it names the kind and the day, never the hospital (access.ts).
 */
export function checkupTaskChange(booking: Pick<CheckupBookingDoc, '_id' | 'kind' | 'scheduledOn' | 'status'>): CaseTaskChange {
  const kind = KIND[booking.kind as CheckupKind];
  const recordIds = [booking._id.toString()];
  if (booking.status === 'DONE') {
    return { status: 'DONE', step: 'CHECKUP_DONE', note: `${kind.zh}已完成：${booking.scheduledOn}（${kind.en} done）`, recordIds };
  }
  if (booking.status === 'CANCELLED') {
    return { status: 'CANCELLED', step: 'CHECKUP_CANCELLED', note: `${kind.zh}预约已取消，本年度次数退回（${kind.en} cancelled; the year's use is given back）`, recordIds };
  }
  return { status: 'IN_PROGRESS', step: 'CHECKUP_BOOKED', note: `已预约${kind.zh}：${booking.scheduledOn}（${kind.en} booked）`, recordIds };
}

/** A signed contract finishes the task (step CONTRACT_SIGNED); the note, for the window too, names the term, not the centre, team or package. */
export function contractTaskChange(contract: FamilyDoctorContractDoc): CaseTaskChange {
  return {
    status: 'DONE',
    step: 'CONTRACT_SIGNED',
    note: `已签约家庭医生：${contract.startsOn} 至 ${contract.endsOn}（family-doctor contract signed）`,
    recordIds: [contract._id.toString()],
  };
}

export type CheckupMove = { booking: CheckupBookingDoc; violations: null } | { booking: null; violations: RuleViolation[] } | null;

/**
 * Staff move a booking to DONE or CANCELLED (rules.ts checkupTransitionViolations) and, if it came
 * from a case, the case's task with it, in the same transaction. null: no such booking.
 */
export async function moveCheckupIn(models: HealthModels, desk: CaseTaskDesk, id: string, to: 'DONE' | 'CANCELLED', today: string, session: ClientSession): Promise<CheckupMove> {
  const current = await models.CheckupBooking.findById(id, null, { session }).lean<CheckupBookingDoc>();
  if (!current) return null;
  const violations = checkupTransitionViolations({ status: current.status as CheckupRecord['status'], scheduledOn: current.scheduledOn }, to, today);
  if (violations.length > 0) return { booking: null, violations };
  const booking = await leaveBookedIn(models, current, to, session);
  if (!booking) throw new Error(`checkup booking ${id} changed during the transaction`);
  const task = await desk.taskForRecord(id, session);
  if (task) await desk.change(task._id, checkupTaskChange(booking), session);
  return { booking, violations: null };
}

/** A BOOKED booking becomes DONE or CANCELLED; a cancelled one frees its year's slot (the use is given back). null: not BOOKED. */
function leaveBookedIn(models: HealthModels, current: Pick<CheckupBookingDoc, '_id' | 'year'>, to: 'DONE' | 'CANCELLED', session: ClientSession): Promise<CheckupBookingDoc | null> {
  return models.CheckupBooking.findOneAndUpdate(
    { _id: current._id, status: 'BOOKED' },
    { $set: { status: to, yearSlot: yearSlotOf({ year: current.year, status: to }) } },
    { session, returnDocument: 'after' },
  ).lean<CheckupBookingDoc>();
}

/**
 * The applicant withdrew the case (withdraw.ts): a checkup still BOOKED is cancelled as staff cancel
 * it, the year's use given back, in the caller's transaction; the desk changes the task. A booking
 * already done or cancelled stays as it is.
 */
export async function withdrawCheckupIn(models: HealthModels, id: string, session: ClientSession): Promise<void> {
  const current = await models.CheckupBooking.findById(id, { year: 1 }, { session }).lean<CheckupBookingDoc>();
  if (current) await leaveBookedIn(models, current, 'CANCELLED', session);
}

export interface FamilyDoctorContractView {
  id: string;
  caseId: string | null;
  team: string;
  communityHealthCentre: string;
  package: FamilyDoctorPackage;
  startsOn: string;
  endsOn: string;
  status: FamilyDoctorStatus;
  renewals: number;
}

export function familyDoctorContractView(term: FamilyDoctorContractDoc, renewals: number, today: string): FamilyDoctorContractView {
  return {
    id: term._id.toString(),
    caseId: term.caseId ?? null,
    team: term.team,
    communityHealthCentre: term.communityHealthCentre,
    package: term.package as FamilyDoctorPackage,
    startsOn: term.startsOn,
    endsOn: term.endsOn,
    status: familyDoctorStatusOn(term, today),
    renewals,
  };
}
