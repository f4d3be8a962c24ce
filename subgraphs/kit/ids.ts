import { Types } from 'mongoose';
import { badUserInput } from './errors';
import { inputFormat } from './input-format';

/** Ids on the graph are MongoDB ObjectIds as 24 hex digits; anything else is the caller's mistake. */
export function parseObjectId(value: string, field: string): Types.ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(value)) {
    throw badUserInput(field, `编号格式不正确："${truncate(value)}"`, `malformed id: expected 24 hex digits`, inputFormat('INPUT_MALFORMED_ID'));
  }
  return new Types.ObjectId(value);
}

export function isObjectIdString(value: string): boolean {
  return /^[0-9a-f]{24}$/i.test(value);
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
