// 卫健局 writes: a checkup booked, a booking done or cancelled (family-doctor signings: signings.ts).
// The same functions serve a case's task (cases.ts) and a talent's direct booking (mutations.ts),
// so the same rules apply both ways (issue 3: "the same rules apply"). No transaction: a booking is
// one document written under an id the caller gives (a case task's is the same on every retry, so a
// decision run again finds it), and the once-a-year rule is held by the year-slot index (model.ts).
import type { Types } from 'mongoose';
import type { CaseTaskChange, CaseTaskDoc, RecordStep } from '../kit/case-task';
import { insertOnce, isDuplicateKey } from '../kit/mongo';
import { problemsError, violationProblems, type RuleOutcome } from '../kit/problems';
import type { Program } from '../kit/programs';
import { RULE_FIELD } from './input';
import type { CheckupBookingDoc, FamilyDoctorContractDoc, HealthModels } from './model';
import {
  checkupBookingViolations,
  checkupHospitalFor,
  checkupTransitionViolations,
  familyDoctorStatusOn,
  yearSlotOf,
  type CheckupKind,
  type CheckupRecord,
  type FamilyDoctorPackage,
  type FamilyDoctorStatus,
} from './rules';

export interface CheckupRequest {
  talentId: string;
  program: Program;
  kind: CheckupKind;
  preferredDate: string;
  hospital: string | null;
  caseId: string | null;
}

/**
 * Books `request` under `bookingId` if the rules allow it. Two bookings for one year made at the
 * same moment both pass the rules, but only one takes the year slot (model.ts); the other's rules
 * run once more, see the winner and say why (000 十一; 002 八（三）).
 */
export async function bookCheckup(models: HealthModels, request: CheckupRequest, today: string, bookingId: Types.ObjectId): Promise<RuleOutcome<CheckupBookingDoc>> {
  try {
    return await bookCheckupOnce(models, request, today, bookingId);
  } catch (error) {
    if (isDuplicateKey(error)) return bookCheckupOnce(models, request, today, bookingId);
    throw error;
  }
}

async function bookCheckupOnce(models: HealthModels, request: CheckupRequest, today: string, bookingId: Types.ObjectId): Promise<RuleOutcome<CheckupBookingDoc>> {
  const year = Number(request.preferredDate.slice(0, 4));
  // The year's bookings are all the allowance rules read (000 十、十一; 002 八（三））— but not this
  // booking itself, which a decision run again after an interruption may have written already.
  const existing = await models.CheckupBooking.find({
    _id: { $ne: bookingId },
    talentId: request.talentId,
    scheduledOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` },
  }).lean<CheckupBookingDoc[]>();
  const candidate: CheckupRecord = {
    year,
    kind: request.kind,
    hospital: checkupHospitalFor(request.program, request.kind, request.hospital),
    scheduledOn: request.preferredDate,
    status: 'BOOKED',
  };
  const violations = checkupBookingViolations(request.program, existing, candidate, today);
  if (violations.length > 0) return { record: null, violations };
  const booking = await insertOnce<CheckupBookingDoc>(models.CheckupBooking, { _id: bookingId, talentId: request.talentId, caseId: request.caseId, ...candidate });
  return { record: booking, violations: null };
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

/** A staff step's name in messages (kit/task-steps.ts: NOT_FOUND, REQUEST_IN_PROGRESS). */
export const CHECKUP_BOOKING = { name: 'CheckupBooking', zh: '体检预约', en: 'checkup booking' };

/**
 * Staff move a BOOKED booking to DONE or CANCELLED (rules.ts checkupTransitionViolations), a
 * cancelled one freeing its year's slot (the use is given back), and, if it came from a case, the
 * case's task with it — the desk's stepRecord writes both without a transaction (kit/task-steps.ts).
 */
export function checkupStep(to: 'DONE' | 'CANCELLED', today: string) {
  return async (booking: CheckupBookingDoc, task: CaseTaskDoc | null): Promise<RecordStep<CheckupBookingDoc>> => {
    const violations = checkupTransitionViolations({ status: booking.status as CheckupRecord['status'], scheduledOn: booking.scheduledOn }, to, today);
    if (violations.length > 0) throw problemsError(violationProblems(violations, RULE_FIELD, ''));
    const set = { status: to, yearSlot: yearSlotOf({ year: booking.year, status: to }) };
    return { set, task: task ? checkupTaskChange({ ...booking, ...set }) : null };
  };
}

/**
 * The applicant withdrew the case (withdraw.ts): a checkup still BOOKED is cancelled as staff cancel
 * it, the year's use given back; the desk changes the task. Conditional on BOOKED, so running it
 * again (a withdrawal retried) gives the use back once; a booking done or cancelled stays as it is.
 * The version moves as on a staff step, so a step that read the booking before loses its write.
 */
export async function withdrawCheckup(models: HealthModels, id: string | Types.ObjectId): Promise<void> {
  await models.CheckupBooking.updateOne({ _id: id, status: 'BOOKED' }, { $set: { status: 'CANCELLED', yearSlot: null }, $inc: { __v: 1 } });
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
