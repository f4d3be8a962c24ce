// The staff steps on applications made directly (no case): eligibility is checked again before a
// queue place or a unit (000 九; 002 四), a unit is let once, bad step input is refused, and the
// department's clock dates every decision.
import { describe, expect, it } from 'vitest';
import { rulesOf } from '../../test/case-desk';
import { ALLOCATE, APPLY, liwanForm, REJECT, talentId, WAITLIST, useHousingFixture } from './test-support';

const h = useHousingFixture();

type Applied = { applyForTalentApartment: { id: string } };
async function applied(n: number): Promise<string> {
  const result = await h.run<Applied>(APPLY, { input: { talentId: talentId(n), program: 'LIWAN_YINGCAI', ...liwanForm() } });
  expect(result.errors).toBeUndefined();
  return result.data!.applyForTalentApartment.id;
}

/** An application on file whose household owns a home (as older records may be). */
async function ineligibleOnFile(declarations: { personName: string; relation: string; homesOwned: number }[]): Promise<string> {
  await h.models.HomeOwnershipDeclaration.insertMany(declarations.map((declaration) => ({ talentId: talentId(5), city: '广州市', declaredOn: '2026-01-02', ...declaration })));
  const application = await h.models.TalentApartmentApplication.create({ talentId: talentId(5), district: '荔湾区', project: '芳村花园人才公寓', status: 'SUBMITTED', householdSize: 1, submittedOn: '2026-01-03' });
  return application._id.toString();
}

describe('staff steps', () => {
  it('re-checks eligibility before waitlisting or allocating: a household owning a home gets neither', async () => {
    // 000 九；002 四: 本人及配偶、未成年子女在本市均无自有产权住房 — checked again at allocation.
    const id = await ineligibleOnFile([{ personName: '周杰', relation: 'HOLDER', homesOwned: 0 }, { personName: '林娜', relation: 'SPOUSE', homesOwned: 1 }]);
    for (const [query, variables] of [[WAITLIST, { id }], [ALLOCATE, { id, unit: { building: '1栋', unitNumber: '101', areaSqm: 45 } }]] as const) {
      const result = await h.run(query, variables);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', rule: 'NO_HOME_IN_CITY', source: '002 四' });
      expect(result.errors?.[0].message).toContain('持卡人配偶林娜在广州市有自有产权住房 1 套');
    }
    expect(await h.models.TalentApartmentApplication.findById(id).lean()).toMatchObject({ status: 'SUBMITTED', waitlistPosition: null, allocatedUnit: null });
  });

  it("refuses to allocate without the holder's declaration on file", async () => {
    // 002 四；000 九: eligibility cannot be decided without the holder's own declaration.
    const id = await ineligibleOnFile([{ personName: '林娜', relation: 'SPOUSE', homesOwned: 0 }]);
    const result = await h.run(ALLOCATE, { id, unit: { building: '1栋', unitNumber: '101', areaSqm: 45 } });
    expect(rulesOf(result.errors?.[0])).toEqual([['DECLARATION_MISSING', '002 四；000 九']]);
  });

  it('lets a unit once: a second allocation of the same unit is refused', async () => {
    const unit = { building: '3栋', unitNumber: '1205', areaSqm: 75 };
    expect((await h.run(ALLOCATE, { id: await applied(1), unit })).errors).toBeUndefined();
    const second = await h.run(ALLOCATE, { id: await applied(2), unit });
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unit.unitNumber', rule: 'UNIT_TAKEN' });
    expect(await h.models.TalentApartmentApplication.countDocuments({ status: 'ALLOCATED' })).toBe(1);
  });

  it('dates decisions by the department clock, and a direct application has no case task to report', async () => {
    const id = await applied(1);
    h.clock.advance(3 * 86_400_000);
    const result = await h.run<{ rejectApartmentApplication: { decidedOn: string } }>(REJECT, { id, reason: '申请材料经两次补正仍不齐全' });
    expect(result.data?.rejectApartmentApplication.decidedOn).toBe('2026-03-19');
    expect(await h.tasks.countDocuments()).toBe(0);
    expect(await h.tasks.countDocuments({ 'report.state': 'PENDING' })).toBe(0);
  });

  it('refuses bad step input — blank or oversized unit fields and reasons, a non-positive area — and changes nothing', async () => {
    const id = await applied(1);
    const cases: [string, Record<string, unknown>, string][] = [
      [ALLOCATE, { id, unit: { building: ' ', unitNumber: '101', areaSqm: 45 } }, 'unit.building'],
      [ALLOCATE, { id, unit: { building: '1栋', unitNumber: '1'.repeat(21), areaSqm: 45 } }, 'unit.unitNumber'],
      [ALLOCATE, { id, unit: { building: '1栋', unitNumber: '101', areaSqm: 0 } }, 'unit.areaSqm'],
      [REJECT, { id, reason: '' }, 'reason'],
      [REJECT, { id, reason: '理'.repeat(301) }, 'reason'],
    ];
    for (const [query, variables, field] of cases) {
      const result = await h.run(query, variables);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await h.models.TalentApartmentApplication.findById(id).lean()).toMatchObject({ status: 'SUBMITTED', decidedOn: null });
  });
});
