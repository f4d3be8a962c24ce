// 个人信息保护 (issue 4): ID numbers and phones are masked by default. The full value goes only to
// the holder, the window (coordinators, specialists) and services — and only when asked for
// explicitly (`full: true`). Analysts see neither. Department staff see the masked value.
import { GraphQLError } from 'graphql';
import type { Viewer } from '../kit/context';

export function maskIdNumber(value: string): string {
  return value.length <= 8 ? '*'.repeat(value.length) : `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  return value.length <= 7 ? '*'.repeat(value.length) : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

function forbidden(zh: string, en: string): GraphQLError {
  return new GraphQLError(`${zh}（${en}）`, { extensions: { code: 'FORBIDDEN' } });
}

/** May this viewer read the full value of a talent's personal data? */
function mayReadInFull(viewer: Viewer | null, ownerTalentId: string): boolean {
  if (!viewer) return false;
  if (viewer.role === 'talent') return viewer.talentId === ownerTalentId;
  return viewer.role === 'coordinator' || viewer.role === 'specialist' || viewer.role === 'service';
}

/** The value as this viewer may see it; throws FORBIDDEN (null on the field's path) where it may not. */
export function reveal(value: string, mask: (value: string) => string, full: boolean, viewer: Viewer | null, ownerTalentId: string): string {
  if (viewer?.role === 'analyst') throw forbidden('数据分析人员不可查看证件号码和电话', 'analysts see no ID numbers or phones');
  if (!full) return mask(value);
  if (!mayReadInFull(viewer, ownerTalentId)) throw forbidden('无权查看完整号码', 'this role may not see the full value');
  return value;
}
