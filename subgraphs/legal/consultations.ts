// 司法局 writes: a consultation requested, its counsel assigned, answered, closed. The same
// functions serve a case's task (cases.ts) and a talent's direct request (mutations.ts), so the same
// rules apply both ways. Each runs inside the caller's transaction; a step of a consultation that
// came from a case moves the case's task with it.
import type { ClientSession } from 'mongoose';
import type { CaseTaskChange, CaseTaskDesk } from '../kit/case-task';
import type { RuleOutcome, RuleViolation } from '../kit/problems';
import type { Program } from '../kit/programs';
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

export async function requestConsultationIn(models: LegalModels, request: ConsultationRequest, now: Date, session: ClientSession): Promise<RuleOutcome<LegalConsultationDoc>> {
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
  const [consultation] = await models.LegalConsultation.create([{ talentId: request.talentId, caseId: request.caseId, program: request.program, ...record }], { session });
  return { record: consultation.toObject() as LegalConsultationDoc, violations: null };
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

/**
 * The applicant withdrew the case (withdraw.ts): a consultation not yet answered (rules.ts isOpen)
 * becomes WITHDRAWN — not CLOSED, which means answered (answeredAt stays null) — in the caller's
 * transaction; the desk changes the task. An answered or closed consultation stays as it is.
 */
export async function withdrawConsultationIn(models: LegalModels, id: string, session: ClientSession): Promise<void> {
  const current = await models.LegalConsultation.findById(id, { status: 1 }, { session }).lean<LegalConsultationDoc>();
  if (!current || !isOpen(current.status as LegalStatus)) return;
  await models.LegalConsultation.updateOne({ _id: current._id, status: current.status }, { $set: { status: 'WITHDRAWN' } }, { session });
}

export type ConsultationStep = 'ASSIGNED' | 'ANSWERED' | 'CLOSED';
export type ConsultationMove = { consultation: LegalConsultationDoc; violations: null } | { consultation: null; violations: RuleViolation[] } | null;

/**
 * Staff take a consultation one step on (rules.ts legalTransitionViolations, then every rule on
 * the result, e.g. the counsel's role) and, if it came from a case, the task with it. null: no such consultation.
 */
export async function moveConsultationIn(
  models: LegalModels,
  desk: CaseTaskDesk,
  id: string,
  to: ConsultationStep,
  counsel: LegalCounselRecord | null,
  now: Date,
  session: ClientSession,
): Promise<ConsultationMove> {
  const current = await models.LegalConsultation.findById(id, null, { session }).lean<LegalConsultationDoc>();
  if (!current) return null;
  const transition = legalTransitionViolations(current.status as LegalStatus, to);
  if (transition.length > 0) return { consultation: null, violations: transition };
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
  if (violations.length > 0) return { consultation: null, violations };
  const consultation = await models.LegalConsultation.findOneAndUpdate(
    { _id: current._id, status: current.status },
    { $set: { status: next.status, counsel: next.counsel, answeredAt: next.answeredAt } },
    { session, returnDocument: 'after' },
  ).lean<LegalConsultationDoc>();
  if (!consultation) throw new Error(`legal consultation ${id} changed during the transaction`);
  const task = await desk.taskForRecord(id, session);
  if (task) await desk.change(task._id, consultationTaskChange(consultation), session);
  return { consultation, violations: null };
}
