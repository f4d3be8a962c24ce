// 司法局 writes: a consultation requested, its counsel assigned, answered, closed. The same
// functions serve a case's task (cases.ts) and a talent's direct request (mutations.ts), so the same
// rules apply both ways. No transaction: a consultation is one document, written under an id the
// caller gives (a case task's is the same on every retry); a staff step on a consultation that came
// from a case moves the case's task with it through the desk (kit/task-steps.ts).
import type { Types } from 'mongoose';
import type { CaseTaskChange, CaseTaskDoc, RecordStep } from '../kit/case-task';
import { insertOnce } from '../kit/mongo';
import { problemsError, violationProblems, type RuleOutcome } from '../kit/problems';
import type { Program } from '../kit/programs';
import { RULE_FIELD } from './input';
import type { LegalConsultationDoc, LegalModels } from './model';
import {
  isOpen,
  legalConsultationViolations,
  legalFee,
  legalTransitionViolations,
  type LegalCategory,
  type LegalChannel,
  type LegalConsultationRecord,
  type LegalCounselRecord,
  type LegalFee,
  type LegalStatus,
} from './rules';

export type LegalConsultationView = LegalConsultationDoc & LegalFee;

/** Free or fee-bearing follows the program the holder asked under (000 十二; 002 十). */
export function consultationView(consultation: LegalConsultationDoc): LegalConsultationView {
  return { ...consultation, caseId: consultation.caseId ?? null, ...legalFee(consultation.program, consultation.category, consultation.personalMatter) };
}

export interface ConsultationRequest {
  talentId: string;
  program: Program;
  topic: string;
  category: LegalCategory;
  personalMatter: boolean;
  channel: LegalChannel;
  caseId: string | null;
}

/** Records `request` as the consultation `consultationId` if the rules allow it; run again with the same id, it answers the one stored. */
export async function requestConsultation(models: LegalModels, request: ConsultationRequest, now: Date, consultationId: Types.ObjectId): Promise<RuleOutcome<LegalConsultationDoc>> {
  const record: LegalConsultationRecord = {
    topic: request.topic,
    category: request.category,
    personalMatter: request.personalMatter,
    channel: request.channel,
    counsel: null,
    status: 'REQUESTED',
    requestedAt: now,
    answeredAt: null,
  };
  // Fee-bearing work is not refused: it is accepted and flagged (000 十二（三）2; 002 十（一）1（2））.
  const violations = legalConsultationViolations(request.program, record, now);
  if (violations.length > 0) return { record: null, violations };
  const consultation = await insertOnce<LegalConsultationDoc>(models.LegalConsultation, { _id: consultationId, talentId: request.talentId, caseId: request.caseId, program: request.program, ...record });
  return { record: consultation, violations: null };
}

const ROLE_ZH = { GOVERNMENT_LEGAL_ADVISER: '政府法律顾问', LAWYER: '律师' } as const;

/**
 * The case task's state for a consultation (steps REQUESTED → COUNSEL_ASSIGNED → ANSWERED → CLOSED).
 * The note goes to the window (the case's items and timeline), which may not see what a
 * consultation is about (issue 4): it says free or fee-bearing and who answers, never the topic (access.ts).
 */
export function consultationTaskChange(consultation: LegalConsultationDoc): CaseTaskChange {
  const recordIds = [consultation._id.toString()];
  const counsel = consultation.counsel;
  switch (consultation.status as LegalStatus) {
    case 'REQUESTED': {
      const fee = legalFee(consultation.program, consultation.category, consultation.personalMatter);
      const note = fee.feeBearing
        ? `已受理法律咨询；该事项需另行协商收费：${fee.feeNote}（accepted; fee-bearing, by agreement）`
        : `已受理免费法律咨询：${fee.feeNote}（accepted; free）`;
      return { status: 'IN_PROGRESS', step: 'REQUESTED', note, recordIds };
    }
    case 'ASSIGNED':
      return { status: 'IN_PROGRESS', step: 'COUNSEL_ASSIGNED', note: `已安排${ROLE_ZH[counsel!.role]}${counsel!.name}（${counsel!.office}）答复（counsel assigned）`, recordIds };
    case 'ANSWERED':
      return { status: 'DONE', step: 'ANSWERED', note: `${counsel!.name}已答复（answered by the counsel）`, recordIds };
    case 'CLOSED':
      return { status: 'DONE', step: 'CLOSED', note: '法律咨询已办结（closed）', recordIds };
    case 'WITHDRAWN':
      return { status: 'CANCELLED', step: 'WITHDRAWN', note: '申请人已撤回法律咨询（withdrawn by the applicant）', recordIds };
  }
}

/** Not yet answered (rules.ts isOpen): what a withdrawal still withdraws. */
const OPEN_STATUSES: readonly LegalStatus[] = (['REQUESTED', 'ASSIGNED', 'ANSWERED', 'CLOSED', 'WITHDRAWN'] as const).filter(isOpen);

/**
 * The applicant withdrew the case (withdraw.ts): a consultation not yet answered (rules.ts isOpen)
 * becomes WITHDRAWN — not CLOSED, which means answered (answeredAt stays null); the desk changes
 * the task. Conditional on the status, so a withdrawal retried after an interruption changes it
 * once; an answered or closed consultation stays as it is. The version moves as on a staff step,
 * so a step that read the consultation before loses its write.
 */
export async function withdrawConsultation(models: LegalModels, id: string | Types.ObjectId): Promise<void> {
  await models.LegalConsultation.updateOne({ _id: id, status: { $in: OPEN_STATUSES } }, { $set: { status: 'WITHDRAWN' }, $inc: { __v: 1 } });
}

export type ConsultationStep = 'ASSIGNED' | 'ANSWERED' | 'CLOSED';

/** A staff step's name in messages (kit/task-steps.ts: NOT_FOUND, REQUEST_IN_PROGRESS). */
export const LEGAL_CONSULTATION = { name: 'LegalConsultation', zh: '法律咨询', en: 'legal consultation' };

/**
 * Staff take a consultation one step on (rules.ts legalTransitionViolations, then every rule on
 * the result, e.g. the counsel's role) and, if it came from a case, the task with it — the desk's
 * stepRecord writes both without a transaction (kit/task-steps.ts).
 */
export function consultationStep(to: ConsultationStep, counsel: LegalCounselRecord | null, now: Date) {
  return async (current: LegalConsultationDoc, task: CaseTaskDoc | null): Promise<RecordStep<LegalConsultationDoc>> => {
    const transition = legalTransitionViolations(current.status as LegalStatus, to);
    if (transition.length > 0) throw problemsError(violationProblems(transition, RULE_FIELD, ''));
    const next: LegalConsultationRecord = {
      topic: current.topic,
      category: current.category as LegalCategory,
      personalMatter: current.personalMatter,
      channel: current.channel as LegalChannel,
      counsel: to === 'ASSIGNED' ? counsel : (current.counsel as LegalCounselRecord | null),
      status: to,
      requestedAt: current.requestedAt,
      answeredAt: to === 'ANSWERED' ? now : current.answeredAt,
    };
    const violations = legalConsultationViolations(current.program, next, now);
    if (violations.length > 0) throw problemsError(violationProblems(violations, RULE_FIELD, ''));
    const set = { status: next.status, counsel: next.counsel, answeredAt: next.answeredAt };
    return { set, task: task ? consultationTaskChange({ ...current, ...set }) : null };
  };
}
