// Cases at the window (统一受理) and their archive (统一建档, 004 第十二条). A case's items are a
// bounded list (at most one per catalog item), so they live in the case — and so does each part's
// hand-over to its department (`dispatch`, and `recall` once the case is withdrawn): accepting a
// case is one insert, and the dispatcher finds what is still to hand out by querying cases
// (`workDueAt`). The timeline grows, so its events are documents of their own; a change writes its
// events into the case first (`unarchived`, numbered by `eventCount`) and copies them to the archive
// under ids made from that number, so an interrupted copy is finished later and never doubled.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { CaseTaskStatus } from '../kit/case-task';
import type { Delivery } from '../kit/delivery';
import { modelOn } from '../kit/mongo';
import type { ServiceCode } from '../kit/case-forms';
import type { DepartmentName } from '../kit/departments';
import type { FiguresDoc } from './cases/figures';

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
  /** Handing this part to its department (kit/delivery.ts): DEAD when refused for good. */
  dispatch: Delivery;
  /** Telling the department the case was withdrawn; null until then. */
  recall: Delivery | null;
  /** For the figures (cases/figures.ts); absent on items taken before figures were recorded. */
  figures?: FiguresDoc | null;
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
  /** The talent's district at intake (figures and filters); null on cases taken before it was recorded. */
  district?: string | null;
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
  /** When the dispatcher next has work on this case (a part to hand out, events to archive); null when none. */
  workDueAt: Date | null;
  /** Events written so far: the next event is number eventCount + 1. */
  eventCount: number;
  /** Events written into the case and not yet copied to the archive. */
  unarchived: CaseEventDoc[];
  /** Some part was refused for good or failed too often: coordinators look at it (督办). */
  deliveryFailed: boolean;
  /** For the figures (cases/figures.ts); absent on cases taken before figures were recorded. */
  figures?: FiguresDoc | null;
  /** Compare-and-set version: every change of the case is one conditional update on it. */
  __v: number;
}

export interface CaseEventDoc {
  /** `<caseId>:<number>`: the same event copied twice is stored once. */
  _id: string;
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
    dispatch: { type: Schema.Types.Mixed, required: true },
    recall: { type: Schema.Types.Mixed, default: null },
    figures: { type: Schema.Types.Mixed, default: null },
  },
  { _id: false, minimize: false },
);

const caseSchema = new Schema<CaseDoc>(
  {
    requestKey: { type: String, required: true, maxlength: 100 },
    fingerprint: { type: String, required: true },
    talentId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    program: { type: String, required: true },
    district: { type: String, default: null },
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
    workDueAt: { type: Date, default: null },
    eventCount: { type: Number, required: true, default: 0 },
    unarchived: { type: Schema.Types.Mixed, default: [] },
    deliveryFailed: { type: Boolean, required: true, default: false },
    figures: { type: Schema.Types.Mixed, default: null },
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
caseSchema.index({ workDueAt: 1 });
caseSchema.index({ deliveryFailed: 1, _id: -1 });
// The figures' and the supervision list's filters: by program and district, by day of acceptance.
caseSchema.index({ program: 1, district: 1, acceptedAt: 1 });
caseSchema.index({ acceptedAt: 1 });

const caseEventSchema = new Schema<CaseEventDoc>(
  {
    _id: { type: String, required: true },
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

export interface CaseModels {
  Case: Model<CaseDoc>;
  CaseEvent: Model<CaseEventDoc>;
}

export function registerCaseModels(connection: Connection): CaseModels {
  return {
    Case: modelOn<CaseDoc>(connection, 'Case', caseSchema),
    CaseEvent: modelOn<CaseEventDoc>(connection, 'CaseEvent', caseEventSchema),
  };
}
