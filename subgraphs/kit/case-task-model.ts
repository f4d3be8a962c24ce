// A department's task for one item of a case, and everything still to do about it in the same
// document: whether the department has decided it, a staff step in flight (so a step interrupted
// between its writes is finished, not lost), and its report to the window (kit/delivery.ts).
import { Schema, type Types } from 'mongoose';
import type { ServiceCode } from './case-forms';
import type { Delivery } from './delivery';
import type { Program } from './programs';

/** RECEIVED → IN_PROGRESS → DONE; or REFUSED (the department cannot do it, with its reason); or CANCELLED (at the talent's request). */
export type CaseTaskStatus = 'RECEIVED' | 'IN_PROGRESS' | 'DONE' | 'REFUSED' | 'CANCELLED';

/** What the department decides about a task, now or later. */
export interface CaseTaskChange {
  status: CaseTaskStatus;
  /** The department's own step code (e.g. POLICE_REVIEW), null when it has none. */
  step: string | null;
  /** For the case timeline: what happened, Chinese first (e.g. "已出具入户信息卡"). */
  note: string;
  /** For REFUSED: why, Chinese (English) — source clause (004 第十一条: 回告原因). */
  reason?: string | null;
  /** The department's records made for this task (bookings, applications …). */
  recordIds?: string[];
}

/**
 * A step on the task that is under way: written into the task before its other writes, cleared
 * when the task takes the change. RECORD: a staff step on one record (`set` onto the record at
 * `fromVersion`, as EJSON text); WITHDRAW: the case was withdrawn, the records are being undone.
 */
export interface PendingStep {
  token: string;
  kind: 'RECORD' | 'WITHDRAW';
  at: Date;
  change: CaseTaskChange;
  model: string | null;
  recordId: string | null;
  fromVersion: number | null;
  set: string | null;
}

export interface CaseTaskDoc {
  _id: Types.ObjectId;
  caseId: string;
  talentId: string;
  program: Program;
  item: ServiceCode;
  form: Record<string, unknown>;
  status: CaseTaskStatus;
  step: string | null;
  note: string;
  reason: string | null;
  recordIds: string[];
  acceptedAt: Date;
  dueOn: string;
  receivedAt: Date;
  completedAt: Date | null;
  /** False while the department's rules have not yet decided the delivery (an interrupted receive). */
  decided: boolean;
  /** Bumped on every change: the window applies a report only when its sequence is newer. */
  sequence: number;
  /** The newest sequence the window has acknowledged. */
  acknowledgedSequence: number;
  /** The report of the current state to the window: PENDING while sequence > acknowledgedSequence. */
  report: Delivery;
  pendingStep: PendingStep | null;
}

const deliverySchema = new Schema<Delivery>(
  {
    state: { type: String, required: true, enum: ['PENDING', 'DONE', 'DEAD', 'CANCELLED'] },
    attempts: { type: Number, required: true, default: 0 },
    dueAt: { type: Date, default: null },
    leaseUntil: { type: Date, default: null },
    lastError: { type: String, default: null },
    doneAt: { type: Date, default: null },
  },
  { _id: false },
);

export const caseTaskSchema = new Schema<CaseTaskDoc>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    caseId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    talentId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    program: { type: String, required: true },
    item: { type: String, required: true },
    form: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: ['RECEIVED', 'IN_PROGRESS', 'DONE', 'REFUSED', 'CANCELLED'] },
    step: { type: String, default: null },
    note: { type: String, default: '' },
    reason: { type: String, default: null },
    recordIds: { type: [String], default: [] },
    acceptedAt: { type: Date, required: true },
    dueOn: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
    decided: { type: Boolean, required: true, default: false },
    sequence: { type: Number, required: true, default: 0 },
    acknowledgedSequence: { type: Number, required: true, default: 0 },
    report: { type: deliverySchema, required: true },
    pendingStep: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'case_tasks', timestamps: true, minimize: false },
);
caseTaskSchema.index({ caseId: 1, item: 1 }, { unique: true });
caseTaskSchema.index({ talentId: 1 });
caseTaskSchema.index({ recordIds: 1 });
caseTaskSchema.index({ status: 1, dueOn: 1 });
// The reporter's and the step recovery's work lists.
caseTaskSchema.index({ 'report.state': 1, 'report.dueAt': 1 });
caseTaskSchema.index({ 'pendingStep.at': 1 });
