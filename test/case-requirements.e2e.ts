// 一次性告知 through the one graph (004 第八条; 002 二（二）2): the catalog, and for chosen items
// every material (once each, key or not, with the items needing it) and every problem at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { withTestTalents } from './cases';
import { EXPIRED } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

describe('catalog and requirements', () => {
  it('lists every service item with its department, materials, limit and source', async () => {
    const result = await harness.query<{ serviceCatalog: { code: string; department: string; materials: { key: boolean }[]; programs: string[] }[] }>(
      '{ serviceCatalog { code department materials { key } programs } }',
    );
    expect(result.errors).toBeUndefined();
    const departments = new Set(result.data!.serviceCatalog.map((item) => item.department));
    expect([...departments].sort()).toEqual(['CUSTOMS', 'EDUCATION', 'HEALTH', 'HOUSEHOLD', 'HOUSING', 'LEGAL']);
    expect(result.data!.serviceCatalog.every((item) => item.materials.some((material) => material.key) && item.programs.length > 0)).toBe(true);
  });

  it('tells a holder with an expired card every material and every problem in one answer', async () => {
    const result = await harness.query(
      `query($t: ID) { requirements(items: [TALENT_APARTMENT, AIRPORT_VIP_INTERNATIONAL], talentId: $t) {
        materials { code key neededFor } problems { code item source } } }`,
      { t: EXPIRED },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      requirements: {
        materials: [
          { code: 'TALENT_CARD', key: true, neededFor: ['TALENT_APARTMENT', 'AIRPORT_VIP_INTERNATIONAL'] },
          { code: 'ID_CARD', key: true, neededFor: ['TALENT_APARTMENT'] },
          { code: 'HOUSING_DECLARATION', key: true, neededFor: ['TALENT_APARTMENT'] },
          { code: 'EMPLOYMENT_PROOF', key: false, neededFor: ['TALENT_APARTMENT'] },
          { code: 'HOUSEHOLD_REGISTER', key: false, neededFor: ['TALENT_APARTMENT'] },
          { code: 'FLIGHT_DETAILS', key: true, neededFor: ['AIRPORT_VIP_INTERNATIONAL'] },
          { code: 'PASSPORT', key: false, neededFor: ['AIRPORT_VIP_INTERNATIONAL'] },
        ],
        problems: [{ code: 'CARD_EXPIRED', item: null, source: '001 第六条' }],
      },
    });
  });

  it('refuses an unknown item code and a malformed talent id, naming them', async () => {
    const unknownItem = await harness.query('{ requirements(items: [HOUSE_BOAT]) { problems { code } } }');
    expect(unknownItem.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unknownItem.errors?.[0].message).toContain('HOUSE_BOAT');
    const badId = await harness.query('{ requirements(items: [LEGAL_CONSULTATION], talentId: "nope") { problems { code } } }');
    expect(badId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'talentId' });
  });
});
