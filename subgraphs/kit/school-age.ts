// 适龄 (000 八 "与白云区户籍适龄子女同等待遇"): the level a child's age allows, counted on 31 August
// of the school year. Kindergarten from 3 (000 八 秋季小班新生), primary from 6 (《义务教育法》第十一条
// 满六周岁), junior secondary from 12 after six primary years. One rule for the window's intake and the
// education bureau, so both refuse the same children.
import { ageOn } from './dates';

export const SCHOOL_LEVELS = ['KINDERGARTEN', 'PRIMARY', 'JUNIOR_SECONDARY'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** The clauses behind the age bands. */
export const LEVEL_AGE_SOURCE = '000 八（秋季小班新生）；《义务教育法》第十一条';

/** Lower bound inclusive, upper exclusive, so every age fits at most one level. */
export const LEVEL_AGES: Record<SchoolLevel, { from: number; below: number }> = {
  KINDERGARTEN: { from: 3, below: 6 },
  PRIMARY: { from: 6, below: 12 },
  JUNIOR_SECONDARY: { from: 12, below: 15 },
};

export function ageAtEntry(birthDate: string, schoolYear: number): number {
  return ageOn(birthDate, `${schoolYear}-08-31`);
}

export function levelFitsAge(level: string, birthDate: string, schoolYear: number): boolean {
  const band = LEVEL_AGES[level as SchoolLevel];
  if (!band) return false;
  const age = ageAtEntry(birthDate, schoolYear);
  return age >= band.from && age < band.below;
}
