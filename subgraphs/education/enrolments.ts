// Writes of enrolment requests, each inside the caller's transaction: a request (from a case or
// applied for directly — the same rules), the lottery result, a placement or the waitlist — and the
// case task brought in line, so the window hears of every change through the desk's outbox.
import type { ClientSession } from 'mongoose';
import type { CaseTaskDesk } from '../kit/case-task';
import { todayInChina } from '../kit/dates';
import { problemsError, type FieldViolation, type RuleOutcome } from '../kit/problems';
import type { Program } from '../kit/programs';
import type { EnrolmentRequest } from './form';
import type { EducationModels, SchoolEnrolmentDoc } from './model';
import { decidedTaskChange, decisionViolations, enrolmentRequestViolations, initialOutcomes, lotteryViolations, receivedTaskChange, type PlacementChoice } from './request-rules';
import { enrolmentProblems, type ExistingEnrolment } from './rules';

export interface EnrolmentSubmission {
  talentId: string;
  program: Program;
  request: EnrolmentRequest;
  caseId: string | null;
  /** The day it is made (a case: the day the window accepted it). */
  day: string;
}

/** The request, RECEIVED, or every rule it breaks. */
export async function submitEnrolmentIn(
  models: EducationModels,
  submission: EnrolmentSubmission,
  session: ClientSession,
): Promise<RuleOutcome<SchoolEnrolmentDoc, FieldViolation>> {
  const { talentId, program, request, caseId, day } = submission;
  // The talent's requests (index talentId_1_schoolYear_-1_…), for one live request per child and year.
  const existing = await models.SchoolEnrolment.find({ talentId }, { child: 1, schoolYear: 1, status: 1 }, { session }).lean<ExistingEnrolment[]>();
  const violations = enrolmentRequestViolations(program, request, existing, day);
  if (violations.length > 0) return { record: null, violations };
  const [created] = await models.SchoolEnrolment.create(
    [
      {
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
      },
    ],
    { session },
  );
  return { record: created.toObject() as SchoolEnrolmentDoc, violations: null };
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

/** Applies a staff decision. Null: no such request. */
export async function decideEnrolmentIn(
  models: EducationModels,
  desk: CaseTaskDesk,
  id: string,
  decision: EnrolmentDecision,
  now: Date,
  session: ClientSession,
): Promise<SchoolEnrolmentDoc | null> {
  const enrolment = await models.SchoolEnrolment.findById(id, null, { session }).lean<SchoolEnrolmentDoc>();
  if (!enrolment) return null;
  const today = todayInChina(now);
  const next = decide(enrolment, decision, today);
  if (Array.isArray(next)) throw problemsError(next);
  await writeDecisionIn(models, next, today, session);
  const task = await desk.taskForRecord(enrolment._id.toString(), session);
  if (task) {
    const change = next.status === 'RECEIVED' ? receivedTaskChange(next, `${next.child.name}电脑派位未中签（lottery not won）`) : decidedTaskChange(next);
    await desk.change(task._id, change, session);
  }
  return next;
}

/** A request leaves RECEIVED (or records its lottery): the new state must still tell one story (rules.ts) — outcomes, status, dates. */
async function writeDecisionIn(models: EducationModels, next: SchoolEnrolmentDoc, today: string, session: ClientSession): Promise<void> {
  const problems = enrolmentProblems(next, today);
  if (problems.length > 0) throw problemsError(problems.map((problem) => ({ ...problem, rule: 'ENROLMENT_STATE', source: '001 第四条（二）' })));
  const { lotteryOutcome, priorityOutcome, status, assignedSchool, decidedOn } = next;
  await models.SchoolEnrolment.updateOne({ _id: next._id, status: 'RECEIVED' }, { $set: { lotteryOutcome, priorityOutcome, status, assignedSchool, decidedOn } }, { session });
}

/**
 * The applicant withdrew the case (withdraw.ts): a request still RECEIVED becomes WITHDRAWN, decided
 * today, written as a decision is, in the caller's transaction; the desk changes the task. A request
 * already placed or waitlisted (its task finished) stays as it is.
 */
export async function withdrawEnrolmentIn(models: EducationModels, id: string, now: Date, session: ClientSession): Promise<void> {
  const enrolment = await models.SchoolEnrolment.findById(id, null, { session }).lean<SchoolEnrolmentDoc>();
  if (!enrolment || enrolment.status !== 'RECEIVED') return;
  const today = todayInChina(now);
  await writeDecisionIn(models, { ...enrolment, status: 'WITHDRAWN', assignedSchool: null, decidedOn: today }, today, session);
}
