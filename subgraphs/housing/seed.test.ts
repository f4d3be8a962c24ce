// seedHousing writes only data the rules accept: no allocation to a household owning a home
// (000 九; 002 四), contiguous waitlists per project, one open application per talent, and only
// for programs whose seed grants the housing service (not 003).
import { describe, expect, it } from 'vitest';
import { useDeskFixture } from '../../test/case-desk';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import type { HomeOwnershipDeclarationDoc, HousingModels, TalentApartmentApplicationDoc } from './model';
import {
  applicationProblems,
  housingEligibility,
  OPEN_APPLICATION_STATUSES,
  waitlistIsContiguous,
  type ApartmentApplicationStatus,
  type HomeOwnershipRelation,
} from './rules';
import { generateHousingRecords, seedHousing } from './seed';
import { buildHousingSubgraph } from './server';

const TODAY = '2026-03-15';
const talents = generateTalents(200, new SeededRandom(7).fork('talents'), TODAY);

const fixture = useDeskFixture<HousingModels>(buildHousingSubgraph);

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

describe('seedHousing', () => {
  it('writes records the rules accept', async () => {
    const written = await seedHousing(fixture.connection, talents, new SeededRandom(7).fork('housing'), TODAY);
    const declarations = await fixture.models.HomeOwnershipDeclaration.find().lean<HomeOwnershipDeclarationDoc[]>();
    const applications = await fixture.models.TalentApartmentApplication.find().lean<TalentApartmentApplicationDoc[]>();
    // Its parts of the demo cases too (talent/cases/demo-plan.ts).
    expect(written).toBe(declarations.length + applications.length + (await fixture.connection.models.CaseTask.countDocuments()));

    const byId = new Map(talents.map((talent) => [talent.id, talent]));
    const declaredTalents = new Set(declarations.map((declaration) => declaration.talentId));
    // A good share of the talents, not all, and none of the Tianhe green card (003 lists no housing service).
    const housingTalents = talents.filter((talent) => talent.program !== 'GUANGZHOU_GREEN_CARD');
    expect(declaredTalents.size).toBeGreaterThan(housingTalents.length * 0.3);
    expect(declaredTalents.size).toBeLessThan(housingTalents.length);
    for (const id of declaredTalents) expect(byId.get(id)?.program).not.toBe('GUANGZHOU_GREEN_CARD');

    const declarationsByTalent = groupBy(declarations, (declaration) => declaration.talentId);
    const verdicts = new Map(
      [...declarationsByTalent].map(([id, household]) => [
        id,
        housingEligibility(household.map((declaration) => ({ ...declaration, relation: declaration.relation as HomeOwnershipRelation }))),
      ]),
    );
    // Some households own a home, and some are eligible.
    expect([...verdicts.values()].some((verdict) => verdict.eligible === false)).toBe(true);
    expect([...verdicts.values()].some((verdict) => verdict.eligible === true)).toBe(true);

    for (const application of applications) {
      const facts = { ...application, status: application.status as ApartmentApplicationStatus };
      expect(applicationProblems(facts, TODAY)).toEqual([]);
      const verdict = verdicts.get(application.talentId);
      expect(verdict).toBeDefined();
      // 000 九; 002 四: a household owning a home in the city never gets a unit.
      if (application.status === 'ALLOCATED' || application.status === 'WAITLISTED') expect(verdict?.eligible).toBe(true);
      const household = declarationsByTalent.get(application.talentId) ?? [];
      expect(household.every((declaration) => declaration.declaredOn <= application.submittedOn)).toBe(true);
    }
    expect(new Set(applications.map((application) => application.status))).toEqual(new Set(['SUBMITTED', 'WAITLISTED', 'ALLOCATED', 'REJECTED', 'WITHDRAWN']));

    for (const [, perTalent] of groupBy(applications, (application) => application.talentId)) {
      const open = perTalent.filter((application) => OPEN_APPLICATION_STATUSES.includes(application.status as ApartmentApplicationStatus));
      expect(open.length).toBeLessThanOrEqual(1);
    }
    const waitlisted = applications.filter((application) => application.status === 'WAITLISTED');
    for (const [, queue] of groupBy(waitlisted, (application) => `${application.district}|${application.project}`)) {
      expect(waitlistIsContiguous(queue.map((application) => application.waitlistPosition ?? 0))).toBe(true);
    }
  });

  it('is deterministic: the same seed gives the same records', () => {
    const first = generateHousingRecords(talents, new SeededRandom(11), TODAY);
    const second = generateHousingRecords(talents, new SeededRandom(11), TODAY);
    expect(second).toEqual(first);
    expect(first.applications.length).toBeGreaterThan(0);
  });
});
