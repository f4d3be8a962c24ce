// 一次性告知 and 容缺受理: the union of what the chosen items need, and what is missing.
// A missing key material rejects the request with the full list; missing non-key materials may be
// promised by a deadline in writing (002 二（一）2 先行收件、容缺预审; 二（二）2 容缺受理).
import { catalogItem, MATERIALS, type MaterialCode } from '../catalog';
import type { ServiceCode } from '../../kit/case-forms';

export interface RequiredMaterial {
  code: MaterialCode;
  name: string;
  nameEn: string;
  key: boolean;
  neededFor: ServiceCode[];
}

export function requiredMaterials(items: readonly ServiceCode[]): RequiredMaterial[] {
  const byCode = new Map<MaterialCode, RequiredMaterial>();
  for (const code of items) {
    for (const material of catalogItem(code).materials) {
      const entry = byCode.get(material.code) ?? { code: material.code, name: MATERIALS[material.code].zh, nameEn: MATERIALS[material.code].en, key: false, neededFor: [] };
      entry.key ||= material.key;
      if (!entry.neededFor.includes(code)) entry.neededFor.push(code);
      byCode.set(material.code, entry);
    }
  }
  return [...byCode.values()];
}

export function missingMaterials(items: readonly ServiceCode[], supplied: readonly string[]): { key: RequiredMaterial[]; nonKey: RequiredMaterial[] } {
  const missing = requiredMaterials(items).filter((material) => !supplied.includes(material.code));
  return { key: missing.filter((material) => material.key), nonKey: missing.filter((material) => !material.key) };
}

/** 容缺 deadline: after today, and within the window's limit for promised materials. */
export const MAX_DEFERRAL_DAYS = 30;
