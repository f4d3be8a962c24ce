// Relay-style cursors over a stable sort key (the document id). A cursor is opaque to clients.
import { badUserInput } from './errors';
import { inputFormat } from './input-format';

export const MAX_PAGE_SIZE = 100;

export function checkPageSize(first: number, field = 'first'): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(field, `每页数量须在 0 到 ${MAX_PAGE_SIZE} 之间，收到 ${first}`, `first must be between 0 and ${MAX_PAGE_SIZE}`, {
      max: MAX_PAGE_SIZE,
      ...inputFormat('INPUT_PAGE_SIZE'),
    });
  }
  return first;
}

export function encodeCursor(id: string): string {
  return Buffer.from(`cursor:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('cursor:') || decoded.length === 'cursor:'.length) {
    throw badUserInput(field, '分页游标无效', 'invalid cursor: pass an endCursor or edge cursor from a previous page', inputFormat('INPUT_CURSOR'));
  }
  return decoded.slice('cursor:'.length);
}
