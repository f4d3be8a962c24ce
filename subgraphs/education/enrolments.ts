// Writes of enrolment requests, each one document at a time and safe to repeat (DESIGN.md, The flow
// of a case): a request (from a case or applied for directly — the same rules), the lottery result,
// a placement or the waitlist, a withdrawal — and the case task's change that follows a decision.
import type { Types } from 'mongoose';
import type { CaseTaskChange } from '../kit/case-task';
import { todayInChina } from '../kit/dates';
import { insertOnce, isDuplicateKey } from '../kit/mongo';
import { problemsError, type FieldViolation, type RuleOutcome } from '../kit/problems';
import type { RegisteredRelative } from '../kit/household-declaration';
import type { Program } from '../kit/programs';
import type { EnrolmentRequest } from './form';
import { enrolmentActiveKey, type EducationModels, type SchoolEnrolmentDoc } from './model';
import { decidedTaskChange, decisionViolations, enrolmentRequestViolations, initialOutcomes, lotteryViolations, receivedTaskChange, type PlacementChoice } from './request-rules';
import { enrolmentProblems, type ExistingEnrolment } from './rules';

export interface EnrolmentSubmission {
  talentId: string;
  program: Program;
  request: EnrolmentRequest;
  caseId: string | null;
  /** The day it is made (a case: the day the window accepted it). */
  day: string;
  /** The holder's family as the registry knows it, for a request whose child was typed by hand (a case's child comes from the registry). */
  registeredFamily?: readonly RegisteredRelative[] | null;
}

/**
 * The request, RECEIVED under `id`, or every rule it breaks. Safe to run again with the same id: a
 * repeat finds the stored request, and the one-live-request rule leaves that request out (it is not
 * another one). Two requests for one child and year racing each other both pass the read; the
 * active key (model.ts) lets exactly one be written, and the other breaks the same rule.
 */
export async function submitEnrolment(models: EducationModels, submission: EnrolmentSubmission, id: Types.ObjectId): Promise<RuleOutcome<SchoolEnrolmentDoc, FieldViolation>> {
  const { talentId, program, request, caseId, day, registeredFamily = null } = submission;
  // The talent's requests (index talentId_1_schoolYear_-1_…), for one live request per child and year.
  const existing = await models.SchoolEnrolment.find({ talentId, _id: { $ne: id } }, { child: 1, schoolYear: 1, status: 1 }).lean<ExistingEnrolment[]>();
  const violations = enrolmentRequestViolations(program, request, existing, day, registeredFamily);
  if (violations.length > 0) return { record: null, violations };
  const document = {
    _id: id,
    talentId,
    program,
    caseId,
    child: { name: request.child.name, gender: request.child.gender, birthDate: request.child.birthDate },
    level: request.level,
    schoolYear: request.schoolYear,
    district: request.district,
    preferredSchool: request.preferredSchool,
    assignedSchool: null,
    ...initialOutcomes(program, request.level),
    status: 'RECEIVED',
    submittedOn: day,
    decidedOn: null,
  };
  try {
    const keyed = { ...document, activeKey: enrolmentActiveKey(document) } as Partial<SchoolEnrolmentDoc> & Pick<SchoolEnrolmentDoc, '_id'>;
    return { record: await insertOnce<SchoolEnrolmentDoc>(models.SchoolEnrolment, keyed), violations: null };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const raced: ExistingEnrolment = { child: request.child, schoolYear: request.schoolYear, status: 'RECEIVED' };
    return { record: null, violations: enrolmentRequestViolations(program, request, [...existing, raced], day, registeredFamily) };
  }
}

export type EnrolmentDecision =
  | { kind: 'LOTTERY'; won: boolean; school: string | null }
  | { kind: 'PLACE'; school: string; choice: PlacementChoice }
  | { kind: 'WAITLIST' };

/** The request after a decision, or the rules it breaks (nothing written then). */
function decide(enrolment: SchoolEnrolmentDoc, decision: EnrolmentDecision, today: string): SchoolEnrolmentDoc | FieldViolation[] {
  const decided = { decidedOn: today };
  if (decision.kind === 'LOTTERY') {
    const violations = lotteryViolations(enrolment);
    if (violations.length > 0) return violations;
    // 001 第四条（二）: a win is a place; a child who did not win may ask for the places that remain.
    return decision.won
      ? { ...enrolment, ...decided, lotteryOutcome: 'WON', status: 'PLACED', assignedSchool: decision.school ?? enrolment.preferredSchool }
      : { ...enrolment, lotteryOutcome: 'NOT_WON', priorityOutcome: 'PENDING' };
  }
  const choice = decision.kind === 'PLACE' ? decision.choice : { priority: false, localDemandMet: null };
  const violations = decisionViolations(enrolment, choice);
  if (violations.length > 0) return violations;
  // A priority request not granted ends with no remaining places (000 八; 001 第四条（二）).
  const priorityOutcome = choice.priority ? 'GRANTED' : enrolment.priorityOutcome === 'PENDING' ? 'NO_REMAINING_PLACES' : enrolment.priorityOutcome;
  return decision.kind === 'PLACE'
    ? { ...enrolment, ...decided, priorityOutcome, status: 'PLACED', assignedSchool: decision.school }
    : { ...enrolment, ...decided, priorityOutcome, status: 'WAITLISTED' };
}

/** What a staff decision writes onto a request, and what its case task becomes (when it has one). */
export interface EnrolmentChange {
  set: Partial<SchoolEnrolmentDoc>;
  task: CaseTaskChange;
}

/** A staff decision on a request still RECEIVED, checked by every rule; throws the rules it breaks. */
export function decidedEnrolment(enrolment: SchoolEnrolmentDoc, decision: EnrolmentDecision, now: Date): EnrolmentChange {
  const today = todayInChina(now);
  const next = decide(enrolment, decision, today);
  if (Array.isArray(next)) throw problemsError(next);
  const task = next.status === 'RECEIVED' ? receivedTaskChange(next, `${next.child.name}电脑派位未中签（lottery not won）`) : decidedTaskChange(next);
  return { set: decisionFields(next, today), task };
}

/** A request leaves RECEIVED (or records its lottery): the new state must still tell one story (rules.ts) — outcomes, status, dates. */
function decisionFields(next: SchoolEnrolmentDoc, today: string): Partial<SchoolEnrolmentDoc> {
  const problems = enrolmentProblems(next, today);
  if (problems.length > 0) throw problemsError(problems.map((problem) => ({ ...problem, rule: 'ENROLMENT_STATE', source: '001 第四条（二）' })));
  const { lotteryOutcome, priorityOutcome, status, assignedSchool, decidedOn } = next;
  return { lotteryOutcome, priorityOutcome, status, assignedSchool, decidedOn, activeKey: enrolmentActiveKey(next) };
}

/**
 * The applicant withdrew the case (withdraw.ts): a request still RECEIVED becomes WITHDRAWN, decided
 * today, checked as a decision is; in the same write the child's active key is given back. A request
 * already placed or waitlisted (its task finished) stays as it is. The write is conditional on the
 * request still being RECEIVED, so running this again changes nothing more.
 */
export async function withdrawEnrolment(models: EducationModels, id: string, now: Date): Promise<void> {
  const enrolment = await models.SchoolEnrolment.findById(id).lean<SchoolEnrolmentDoc>();
  if (!enrolment || enrolment.status !== 'RECEIVED') return;
  const today = todayInChina(now);
  const set = decisionFields({ ...enrolment, status: 'WITHDRAWN', assignedSchool: null, decidedOn: today }, today);
  // The version moves too: a staff decision that read the request before cannot write over the withdrawal.
  await models.SchoolEnrolment.updateOne({ _id: enrolment._id, status: 'RECEIVED' }, { $set: set, $inc: { __v: 1 } });
}
