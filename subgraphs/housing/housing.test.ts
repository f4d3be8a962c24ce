// Talent.housing through the subgraph schema: eligibility from the declarations (002 四; 000 九;
// 001 第四条（八）), applications newest first, entities in representation order, one query per collection.
import { describe, expect, it } from 'vitest';
import { useDeskFixture } from '../../test/case-desk';
import { seededObjectId } from '../kit/seed-random';
import type { HousingModels } from './model';
import { buildHousingSubgraph } from './server';

const QUERY = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Talent {
        id
        housing {
          eligibility { eligible reasons ownedHomes { id personName relation city homesOwned declaredOn } }
          applications {
            id district project status waitlistPosition householdSize submittedOn decidedOn rejectionReason
            allocatedUnit { project building unitNumber areaSqm }
          }
        }
      }
    }
  }
`;

const talentId = (n: number) => seededObjectId(0xabc, n);
const docId = (n: number) => seededObjectId(0xdef, n);
const reps = (...ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'Talent', id })) });
const EMPTY = {
  eligibility: {
    eligible: null,
    reasons: ['尚未申报本人及配偶、未成年子女的住房情况，暂无法判断（no home-ownership declaration yet; eligibility undetermined）— 000 九；001 第四条（八）；002 四；004 第五条第12项'],
    ownedHomes: [],
  },
  applications: [],
};

const fixture = useDeskFixture<HousingModels>(buildHousingSubgraph);

async function insertLiwanHousehold() {
  // An eligible Liwan household (002 四) with a withdrawn and a waitlisted application.
  await fixture.models.HomeOwnershipDeclaration.insertMany([
    { _id: docId(3), talentId: talentId(1), personName: '李子轩', relation: 'MINOR_CHILD', city: '广州市', homesOwned: 0, declaredOn: '2025-03-01' },
    { _id: docId(1), talentId: talentId(1), personName: '李伟', relation: 'HOLDER', city: '广州市', homesOwned: 0, declaredOn: '2025-03-01' },
    { _id: docId(2), talentId: talentId(1), personName: '陈芳', relation: 'SPOUSE', city: '广州市', homesOwned: 0, declaredOn: '2025-03-01' },
  ]);
  await fixture.models.TalentApartmentApplication.insertMany([
    { _id: docId(10), talentId: talentId(1), district: '荔湾区', project: '芳村花园人才公寓', status: 'WITHDRAWN', householdSize: 3, submittedOn: '2025-03-05', decidedOn: '2025-04-01' },
    { _id: docId(11), talentId: talentId(1), district: '荔湾区', project: '白鹅潭人才公寓', status: 'WAITLISTED', waitlistPosition: 2, householdSize: 3, submittedOn: '2025-05-10' },
  ]);
  // A Baiyun holder who owns a home in the city (000 九): rejected.
  await fixture.models.HomeOwnershipDeclaration.insertMany([
    { _id: docId(4), talentId: talentId(2), personName: '王强', relation: 'HOLDER', city: '广州市', homesOwned: 1, declaredOn: '2025-06-01' },
  ]);
  await fixture.models.TalentApartmentApplication.insertMany([
    { _id: docId(12), talentId: talentId(2), district: '白云区', project: '白云新城人才公寓', status: 'REJECTED', householdSize: 1, submittedOn: '2025-06-02', decidedOn: '2025-06-20', rejectionReason: '申报家庭成员在广州市有自有产权住房，不符合申请条件（000 九；001 第四条（八））' },
  ]);
  // A Wuhan holder with an allocated unit (004 第五条第12项).
  await fixture.models.HomeOwnershipDeclaration.insertMany([
    { _id: docId(5), talentId: talentId(3), personName: '赵敏', relation: 'HOLDER', city: '武汉市', homesOwned: 0, declaredOn: '2024-09-09' },
  ]);
  await fixture.models.TalentApartmentApplication.insertMany([
    { _id: docId(13), talentId: talentId(3), district: '洪山区', project: '光谷青年人才公寓', status: 'ALLOCATED', householdSize: 1, submittedOn: '2024-09-10', decidedOn: '2024-11-01', allocatedUnit: { project: '光谷青年人才公寓', building: '3栋', unitNumber: '1205', areaSqm: 45 } },
  ]);
}

const LIWAN = {
  eligibility: {
    eligible: true,
    reasons: ['本人及配偶、未成年子女在广州市均无自有产权住房（holder, spouse and minor children own no home in 广州市）— 000 九；001 第四条（八）；002 四'],
    ownedHomes: [
      { id: docId(1), personName: '李伟', relation: 'HOLDER', city: '广州市', homesOwned: 0, declaredOn: '2025-03-01' },
      { id: docId(2), personName: '陈芳', relation: 'SPOUSE', city: '广州市', homesOwned: 0, declaredOn: '2025-03-01' },
      { id: docId(3), personName: '李子轩', relation: 'MINOR_CHILD', city: '广州市', homesOwned: 0, declaredOn: '2025-03-01' },
    ],
  },
  applications: [
    { id: docId(11), district: '荔湾区', project: '白鹅潭人才公寓', status: 'WAITLISTED', waitlistPosition: 2, householdSize: 3, submittedOn: '2025-05-10', decidedOn: null, rejectionReason: null, allocatedUnit: null },
    { id: docId(10), district: '荔湾区', project: '芳村花园人才公寓', status: 'WITHDRAWN', waitlistPosition: null, householdSize: 3, submittedOn: '2025-03-05', decidedOn: '2025-04-01', rejectionReason: null, allocatedUnit: null },
  ],
};
const BAIYUN_OWNER = {
  eligibility: {
    eligible: false,
    reasons: ['持卡人本人王强在广州市有自有产权住房 1 套（the holder 王强 owns 1 home(s) in 广州市）— 000 九；001 第四条（八）；002 四'],
    ownedHomes: [{ id: docId(4), personName: '王强', relation: 'HOLDER', city: '广州市', homesOwned: 1, declaredOn: '2025-06-01' }],
  },
  applications: [
    { id: docId(12), district: '白云区', project: '白云新城人才公寓', status: 'REJECTED', waitlistPosition: null, householdSize: 1, submittedOn: '2025-06-02', decidedOn: '2025-06-20', rejectionReason: '申报家庭成员在广州市有自有产权住房，不符合申请条件（000 九；001 第四条（八））', allocatedUnit: null },
  ],
};
const WUHAN = {
  eligibility: {
    eligible: true,
    reasons: ['本人及配偶、未成年子女在武汉市均无自有产权住房（holder, spouse and minor children own no home in 武汉市）— 004 第五条第12项'],
    ownedHomes: [{ id: docId(5), personName: '赵敏', relation: 'HOLDER', city: '武汉市', homesOwned: 0, declaredOn: '2024-09-09' }],
  },
  applications: [
    { id: docId(13), district: '洪山区', project: '光谷青年人才公寓', status: 'ALLOCATED', waitlistPosition: null, householdSize: 1, submittedOn: '2024-09-10', decidedOn: '2024-11-01', rejectionReason: null, allocatedUnit: { project: '光谷青年人才公寓', building: '3栋', unitNumber: '1205', areaSqm: 45 } },
  ],
};

describe('Talent.housing', () => {
  it('returns eligibility, declarations (holder, spouse, minor children) and applications newest first', async () => {
    await insertLiwanHousehold();
    const result = await fixture.run(QUERY, reps(talentId(1), talentId(2), talentId(3)));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: talentId(1), housing: LIWAN },
        { id: talentId(2), housing: BAIYUN_OWNER },
        { id: talentId(3), housing: WUHAN },
      ],
    });
  });

  it('gives a talent with no records an object with empty lists and undetermined eligibility', async () => {
    const result = await fixture.run(QUERY, reps(talentId(9)));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: talentId(9), housing: EMPTY }] });
  });

  it('answers in the order of the representations, and null for a malformed id', async () => {
    await insertLiwanHousehold();
    const result = await fixture.run(QUERY, reps(talentId(3), talentId(9), 'not-an-id', talentId(1), talentId(2)));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: talentId(3), housing: WUHAN },
        { id: talentId(9), housing: EMPTY },
        null,
        { id: talentId(1), housing: LIWAN },
        { id: talentId(2), housing: BAIYUN_OWNER },
      ],
    });
  });

  it('costs one find per collection whether 1 or 25 talents are asked for (no N+1)', async () => {
    const ids = Array.from({ length: 25 }, (_, index) => talentId(100 + index));
    await fixture.models.HomeOwnershipDeclaration.insertMany(
      ids.map((id, index) => ({ talentId: id, personName: `申报人${index}`, relation: 'HOLDER', city: '广州市', homesOwned: index % 3 === 0 ? 1 : 0, declaredOn: '2025-01-02' })),
    );
    await fixture.models.TalentApartmentApplication.insertMany(
      ids.map((id, index) => ({ talentId: id, district: '白云区', project: '嘉禾望岗人才公寓', status: 'SUBMITTED', householdSize: 1, submittedOn: `2025-02-${String(1 + index).padStart(2, '0')}` })),
    );
    const expected = { 'find home_ownership_declarations': 1, 'find talent_apartment_applications': 1 };

    fixture.dbCommands.reset();
    const one = await fixture.run<{ _entities: unknown[] }>(QUERY, reps(ids[0]));
    expect(one.errors).toBeUndefined();
    expect(fixture.dbCommands.snapshot()).toEqual(expected);

    fixture.dbCommands.reset();
    const many = await fixture.run<{ _entities: { housing: { applications: unknown[] } }[] }>(QUERY, reps(...ids));
    expect(many.errors).toBeUndefined();
    expect(many.data?._entities.map((entity) => entity.housing.applications.length)).toEqual(ids.map(() => 1));
    expect(fixture.dbCommands.snapshot()).toEqual(expected);
  });
});
