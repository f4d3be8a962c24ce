// Cases at the window (统一受理) and their archive (统一建档, 004 第十二条). A case's items are a
// bounded list (at most one per catalog item and person), so they live in the case; the timeline
// grows, so its events are documents of their own.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { modelOn } from '../kit/mongo';
import type { CaseTaskStatus } from '../kit/case-task';
import type { ServiceCode } from '../kit/case-forms';
import type { DepartmentName } from '../kit/departments';

export type CaseStatus = 'RECEIVED' | 'IN_PROGRESS' | 'READY_FOR_DELIVERY' | 'DELIVERED' | 'REJECTED' | 'WITHDRAWN';
export type CaseItemStatus = 'PENDING' | 'DELIVERED_TO_DEPARTMENT' | CaseTaskStatus;

export interface CaseItemDoc {
  service: ServiceCode;
  department: DepartmentName;
  form: Record<string, unknown>;
  status: CaseItemStatus;
  /** Open until the department finishes, refuses or cancels: what overdue looks at. */
  open: boolean;
  step: string | null;
  note: string | null;
  reason: string | null;
  dueOn: string;
  /** When the department accepted the delivery of this item. */
  dispatchedAt: Date | null;
  completedAt: Date | null;
  /** The last department report applied (reports apply once, in order). */
  sequence: number;
}

export interface PendingMaterialDoc {
  code: string;
  promisedBy: string;
  suppliedAt: Date | null;
}

export interface CaseDoc {
  _id: Types.ObjectId;
  requestKey: string;
  /** Hash of the submission, to tell a retry from a different request reusing the key. */
  fingerprint: string;
  talentId: string;
  program: string;
  specialist: string | null;
  status: CaseStatus;
  items: CaseItemDoc[];
  materials: string[];
  pendingMaterials: PendingMaterialDoc[];
  deferralStatement: string | null;
  submittedAt: Date;
  acceptedAt: Date;
  dueOn: string;
  deliveredAt: Date | null;
  closedReason: string | null;
}

export interface CaseEventDoc {
  _id: Types.ObjectId;
  caseId: string;
  at: Date;
  kind: string;
  department: DepartmentName | null;
  service: ServiceCode | null;
  message: string;
}

const caseItemSchema = new Schema<CaseItemDoc>(
  {
    service: { type: String, required: true },
    department: { type: String, required: true },
    form: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true },
    open: { type: Boolean, required: true },
    step: { type: String, default: null },
    note: { type: String, default: null },
    reason: { type: String, default: null },
    dueOn: { type: String, required: true },
    dispatchedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    sequence: { type: Number, required: true, default: 0 },
  },
  { _id: false, minimize: false },
);

const caseSchema = new Schema<CaseDoc>(
  {
    requestKey: { type: String, required: true, maxlength: 100 },
    fingerprint: { type: String, required: true },
    talentId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    program: { type: String, required: true },
    specialist: { type: String, default: null, maxlength: 60 },
    status: { type: String, required: true },
    items: { type: [caseItemSchema], required: true },
    materials: { type: [String], default: [] },
    pendingMaterials: {
      type: [new Schema<PendingMaterialDoc>({ code: String, promisedBy: String, suppliedAt: { type: Date, default: null } }, { _id: false })],
      default: [],
    },
    deferralStatement: { type: String, default: null, maxlength: 1000 },
    submittedAt: { type: Date, required: true },
    acceptedAt: { type: Date, required: true },
    dueOn: { type: String, required: true },
    deliveredAt: { type: Date, default: null },
    closedReason: { type: String, default: null, maxlength: 500 },
  },
  { collection: 'cases', timestamps: true, minimize: false },
);
// Every lookup path: the idempotency key, a talent's archive, and the supervision filters.
caseSchema.index({ requestKey: 1 }, { unique: true });
caseSchema.index({ talentId: 1, _id: -1 });
caseSchema.index({ status: 1, _id: -1 });
caseSchema.index({ specialist: 1, _id: -1 });
caseSchema.index({ 'items.department': 1, _id: -1 });
caseSchema.index({ 'items.open': 1, 'items.dueOn': 1 });

const caseEventSchema = new Schema<CaseEventDoc>(
  {
    caseId: { type: String, required: true },
    at: { type: Date, required: true },
    kind: { type: String, required: true },
    department: { type: String, default: null },
    service: { type: String, default: null },
    message: { type: String, required: true, maxlength: 2000 },
  },
  { collection: 'case_events', timestamps: false },
);
caseEventSchema.index({ caseId: 1, at: 1, _id: 1 });

/**
 * A request key claimed by one submission before it writes anything: of two identical requests
 * sent at once, only the claimer goes on to store the case; the other answers with that case.
 */
export interface CaseRequestDoc {
  _id: string;
  caseId: Types.ObjectId;
  fingerprint: string;
  claimedAt: Date;
}

const caseRequestSchema = new Schema<CaseRequestDoc>(
  {
    _id: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    fingerprint: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'case_requests', timestamps: false },
);

export interface CaseModels {
  Case: Model<CaseDoc>;
  CaseEvent: Model<CaseEventDoc>;
  CaseRequest: Model<CaseRequestDoc>;
}

export function registerCaseModels(connection: Connection): CaseModels {
  return {
    Case: modelOn<CaseDoc>(connection, 'Case', caseSchema),
    CaseEvent: modelOn<CaseEventDoc>(connection, 'CaseEvent', caseEventSchema),
    CaseRequest: modelOn<CaseRequestDoc>(connection, 'CaseRequest', caseRequestSchema),
  };
}
