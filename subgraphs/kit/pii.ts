// 个人信息保护 (issue 4): ID numbers and phones are masked by default. The full value goes only to
// the holder, the staff who own the record (the window for the registry, a department for the
// phone it took itself) and services — and only when asked for explicitly (`full: true`).
// Everyone else sees the masked value; analysts see neither (these fields are `identity` in every
// read policy, kit/read-access.ts). Every read is audited.
import { GraphQLError } from 'graphql';
import type { BaseContext, Viewer } from './context';
import type { SubgraphName } from './departments';
import { isOwningStaff } from './read-access';

export function maskIdNumber(value: string): string {
  return value.length <= 8 ? '*'.repeat(value.length) : `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  return value.length <= 7 ? '*'.repeat(value.length) : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** May this viewer read the full value of a talent's personal data kept by `owner`? */
function mayReadInFull(viewer: Viewer | null, personal: PersonalValue): boolean {
  if (!viewer) return false;
  if (viewer.role === 'talent') return viewer.talentId === personal.ownerTalentId;
  return viewer.role === 'service' || isOwningStaff(viewer, personal.owner);
}

export interface PersonalValue {
  value: string;
  mask(value: string): string;
  /** e.g. Talent.phone, IdDocument.number: how the audit trail names it. */
  field: string;
  /** The holder it belongs to (a family member's number belongs to the holder's record). */
  ownerTalentId: string;
  /** The subgraph that keeps it: its own staff may read it in full. */
  owner: SubgraphName;
}

/**
 * The value as this viewer may see it; throws FORBIDDEN (null on the field's path) where it may not.
 * Every read is audited (issue 4), the full value marked `(full)`, a refused full read as FORBIDDEN.
 */
export function reveal(personal: PersonalValue, full: boolean, context: Pick<BaseContext, 'viewer' | 'audit'>): string {
  const { viewer, audit } = context;
  const field = full ? `${personal.field}(full)` : personal.field;
  if (full && !mayReadInFull(viewer, personal)) {
    audit.read(personal.ownerTalentId, personal.field, [field], 'FORBIDDEN');
    throw new GraphQLError('无权查看完整号码（this role may not see the full value）', { extensions: { code: 'FORBIDDEN' } });
  }
  audit.read(personal.ownerTalentId, personal.field, [field]);
  return full ? personal.value : personal.mask(personal.value);
}
