// 便捷通关 / 出入境 records: airport VIP service bookings and exit-entry items, each a growing list
// in its own collection. Passengers, greeters and vehicles are small lists of one booking: embedded.
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { allowanceModelOn, modelOn, type AllowanceModel } from '../kit/mongo';
import { PROGRAMS } from '../kit/programs';
import {
  AIRPORT_BOOKING_STATUSES,
  AIRPORT_SERVICE_DIRECTIONS,
  AIRPORT_SERVICE_SCOPES,
  EXIT_ENTRY_ITEM_KINDS,
  EXIT_ENTRY_ITEM_STATUSES,
} from './rules';

const TALENT_ID = { type: String, required: true, match: /^[0-9a-f]{24}$/ } as const;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** The case a record was made for at the window (统一受理); null for records made directly. */
const CASE_ID = { type: String, default: null, match: /^[0-9a-f]{24}$/ } as const;

const personSchema = new Schema({ name: { type: String, required: true, maxlength: 60 } }, { _id: false });
const vehicleSchema = new Schema({ plate: { type: String, required: true, maxlength: 12 } }, { _id: false });

const bookingSchema = new Schema(
  {
    talentId: TALENT_ID,
    /**
     * The holder's program when booked: its yearly allowance applies again when the booking is changed.
     * Null on bookings recorded before it was kept; only Baiyun card holders can have those (000 十三).
     */
    program: { type: String, default: null, enum: [...PROGRAMS, null] },
    scope: { type: String, required: true, enum: AIRPORT_SERVICE_SCOPES },
    direction: { type: String, required: true, enum: AIRPORT_SERVICE_DIRECTIONS },
    flightNumber: { type: String, required: true, maxlength: 10 },
    flightTime: { type: Date, required: true },
    passengers: { type: [personSchema], required: true },
    greeters: { type: [personSchema], default: [] },
    vehicles: { type: [vehicleSchema], default: [] },
    checkedLuggage: { type: Boolean, required: true },
    nameSign: { type: Boolean, required: true },
    contactPhone: { type: String, required: true, maxlength: 20 },
    status: { type: String, required: true, enum: AIRPORT_BOOKING_STATUSES },
    bookedAt: { type: Date, required: true },
    cancelledAt: { type: Date, default: null },
    changedAt: { type: Date, default: null },
    caseId: CASE_ID,
  },
  { collection: 'airport_service_bookings', timestamps: true },
);
// A talent's bookings, newest flight first; also the year's uses for the allowance (000 十三).
bookingSchema.index({ talentId: 1, flightTime: -1 });
// A case's records.
bookingSchema.index({ caseId: 1 });

const exitEntryItemSchema = new Schema(
  {
    talentId: TALENT_ID,
    kind: { type: String, required: true, enum: EXIT_ENTRY_ITEM_KINDS },
    applicantName: { type: String, required: true, maxlength: 60 },
    status: { type: String, required: true, enum: EXIT_ENTRY_ITEM_STATUSES },
    submittedOn: { type: String, required: true, match: DATE_PATTERN },
    completedOn: { type: String, default: null, match: DATE_PATTERN },
    rejectionReason: { type: String, default: null, maxlength: 300 },
    caseId: CASE_ID,
  },
  { collection: 'exit_entry_items', timestamps: true },
);
// A talent's items, newest first.
exitEntryItemSchema.index({ talentId: 1, submittedOn: -1 });
// A case's records.
exitEntryItemSchema.index({ caseId: 1 });

export type AirportServiceBookingDoc = InferSchemaType<typeof bookingSchema> & { _id: Types.ObjectId };
export type ExitEntryItemDoc = InferSchemaType<typeof exitEntryItemSchema> & { _id: Types.ObjectId };

export interface CustomsModels {
  AirportServiceBooking: Model<AirportServiceBookingDoc>;
  ExitEntryItem: Model<ExitEntryItemDoc>;
  /**
   * A holder's airport uses of one year, one document each (kit/mongo.ts allowance), held by booking id:
   * the yearly limit (000 十三) holds under concurrent bookings with no transaction.
   */
  AirportAllowance: AllowanceModel;
}

export function registerCustomsModels(connection: Connection): CustomsModels {
  return {
    AirportServiceBooking: modelOn<AirportServiceBookingDoc>(connection, 'AirportServiceBooking', bookingSchema),
    ExitEntryItem: modelOn<ExitEntryItemDoc>(connection, 'ExitEntryItem', exitEntryItemSchema),
    AirportAllowance: allowanceModelOn(connection, 'airport_service_allowances'),
  };
}
