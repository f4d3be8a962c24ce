// applyForTalentApartment — the direct single service (issue 3: "the same rules apply"): one test per
// rule, each refused with BAD_USER_INPUT naming the rule and its clause, all problems at once, and
// nothing written when refused.
import { describe, expect, it } from 'vitest';
import { rulesOf } from '../../test/case-desk';
import { APPLY, liwanForm, person, registry, talentId, useHousingFixture } from './test-support';

const h = useHousingFixture();

const input = (overrides: Record<string, unknown> = {}, program = 'LIWAN_YINGCAI') => ({ talentId: talentId(1), program, ...liwanForm(), ...overrides });
type Applied = { applyForTalentApartment: { id: string; status: string; caseId: string | null } };
const apply = (value: unknown) => h.run<Applied>(APPLY, { input: value });

async function expectRefused(value: unknown, expected: [string, string][]) {
  const result = await apply(value);
  expect(result.data).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(rulesOf(result.errors?.[0])).toEqual(expected);
  expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(0);
  expect(await h.models.HomeOwnershipDeclaration.countDocuments()).toBe(0);
  return result.errors![0];
}

/** Talent 2's household as the window registered it: a spouse, a minor child and an adult child. */
const FAMILY = talentId(2);
registry.set(FAMILY, {
  family: [
    { id: talentId(21), name: '陈芳', relation: 'SPOUSE', birthDate: '1988-04-02' },
    { id: talentId(22), name: '李子轩', relation: 'CHILD', birthDate: '2015-09-01' },
    { id: talentId(23), name: '李思远', relation: 'CHILD', birthDate: '2004-01-10' },
  ],
});

describe('applyForTalentApartment: the registered household is declared (002 四; 000 九)', () => {
  it('refuses a holder with a registered spouse and minor child who declares only themself, naming each one missing at once', async () => {
    // 002 四: 本人及配偶、未成年子女在本市均无自有产权住房 — the registry (one call) knows who they are.
    const error = await expectRefused(input({ talentId: FAMILY, householdSize: 1, declarations: [person('李伟', 'HOLDER')] }), [
      ['DECLARATION_HOUSEHOLD_MISSING', '002 四；000 九'],
      ['DECLARATION_HOUSEHOLD_MISSING', '002 四；000 九'],
    ]);
    expect((error.extensions?.problems as { field: string }[]).map((problem) => problem.field)).toEqual(['input.declarations', 'input.declarations']);
    expect(error.message).toContain('须申报登记在册的配偶陈芳的住房情况');
    expect(error.message).toContain('须申报登记在册的未成年子女李子轩的住房情况');
  });

  it('accepts the holder, the registered spouse and the minor child declared; an adult child need not be', async () => {
    const result = await apply(input({ talentId: FAMILY }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.applyForTalentApartment).toMatchObject({ status: 'SUBMITTED', caseId: null });
  });
});

describe('applyForTalentApartment', () => {
  it('accepts an eligible household: SUBMITTED, no case, declarations on file', async () => {
    // 002 四: holder, spouse and minor children own no home in 广州市 and the holder works in Liwan.
    const result = await apply(input());
    expect(result.errors).toBeUndefined();
    expect(result.data?.applyForTalentApartment).toMatchObject({ status: 'SUBMITTED', caseId: null });
    expect(await h.models.HomeOwnershipDeclaration.countDocuments({ talentId: talentId(1) })).toBe(3);
  });

  it('refuses when the spouse owns a home in the city', async () => {
    // 002 四: 本人及配偶、未成年子女在本市均无自有产权住房.
    const error = await expectRefused(input({ declarations: [person('李伟', 'HOLDER'), person('陈芳', 'SPOUSE', 1), person('李子轩', 'MINOR_CHILD')] }), [['NO_HOME_IN_CITY', '002 四']]);
    expect(error.extensions?.field).toBe('input.declarations.1.homesOwned');
    expect(error.message).toContain('持卡人配偶陈芳在广州市有自有产权住房 1 套');
  });

  it('refuses when a minor child owns a home in the city', async () => {
    // 002 四: the minor children's homes count too.
    await expectRefused(input({ declarations: [person('李伟', 'HOLDER'), person('陈芳', 'SPOUSE'), person('李子轩', 'MINOR_CHILD', 1)] }), [['NO_HOME_IN_CITY', '002 四']]);
  });

  it('refuses a Baiyun holder who owns a home in the city', async () => {
    // 000 九; 001 第四条（八）: 对在本市没有住房 … 的持卡人.
    await expectRefused(
      input({ district: '白云区', project: '白云新城人才公寓', householdSize: 1, declarations: [person('王强', 'HOLDER', 2)] }, 'BAIYUN_YUNJU'),
      [['NO_HOME_IN_CITY', '000 九；001 第四条（八）']],
    );
  });

  it('refuses the Tianhe green card, which has no apartment scheme', async () => {
    // 003: the Tianhe green-card guide lists no housing service (五 相关待遇).
    await expectRefused(input({ district: '天河区' }, 'GUANGZHOU_GREEN_CARD'), [['APARTMENT_PROGRAM', '003 五（办事指南未列住房保障服务 / the guide lists no housing service）']]);
  });

  it("refuses an application outside the program's district", async () => {
    // 002 四: 在荔湾区辖内工作的持卡人 — a Liwan card applies in Liwan, not Baiyun.
    await expectRefused(input({ district: '白云区' }), [['APARTMENT_DISTRICT', '002 四']]);
  });

  it("accepts Wuhan's green channel in a Wuhan district and refuses it in Guangzhou", async () => {
    // 004 第五条第12项: 人才安居工程申请 (Wuhan's districts, homes declared in 武汉市).
    const wuhan = { district: '洪山区', project: '光谷青年人才公寓', householdSize: 1, declarations: [person('赵敏', 'HOLDER', 0, '武汉市')] };
    await expectRefused(input({ ...wuhan, district: '白云区' }, 'WUHAN_GREEN_CHANNEL'), [['APARTMENT_DISTRICT', '004 第五条第12项'], ['DECLARATION_CITY', '000 九；001 第四条（八）']]);
    const accepted = await apply(input(wuhan, 'WUHAN_GREEN_CHANNEL'));
    expect(accepted.errors).toBeUndefined();
  });

  it('refuses a declaration about another city', async () => {
    // 002 四: the declaration is about homes in 本市 (广州市 for Liwan).
    await expectRefused(input({ declarations: [person('李伟', 'HOLDER', 0, '深圳市'), person('陈芳', 'SPOUSE'), person('李子轩', 'MINOR_CHILD')] }), [['DECLARATION_CITY', '002 四']]);
  });

  it("refuses declarations without exactly one of the holder's own, or with two spouses", async () => {
    // 002 四; 000 九: the holder's own home ownership is the first condition.
    await expectRefused(input({ householdSize: 2, declarations: [person('陈芳', 'SPOUSE'), person('李子轩', 'MINOR_CHILD')] }), [['DECLARATION_HOLDER', '002 四；000 九']]);
    await expectRefused(input({ declarations: [person('李伟', 'HOLDER'), person('陈芳', 'SPOUSE'), person('王丽', 'SPOUSE')] }), [['DECLARATION_SPOUSE', '002 四']]);
  });

  it('refuses a household size that does not match the people declared', async () => {
    // 002 四: the household is the holder, the spouse and the minor children declared.
    await expectRefused(input({ householdSize: 4 }), [['HOUSEHOLD_SIZE', '002 四']]);
  });

  it('refuses a second application while one is open, and accepts one once it is closed', async () => {
    // Department rule (not in the seeds): at most one open application per talent.
    await h.models.TalentApartmentApplication.create({ talentId: talentId(1), district: '荔湾区', project: '芳村花园人才公寓', status: 'WAITLISTED', waitlistPosition: 1, householdSize: 3, submittedOn: '2026-01-05' });
    const result = await apply(input());
    expect(rulesOf(result.errors?.[0])).toEqual([['ONE_OPEN_APPLICATION', '住建局办理规则（seeds 未作规定 / department rule, not in the seeds）']]);
    expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(1);
    await h.models.TalentApartmentApplication.updateOne({}, { $set: { status: 'WITHDRAWN', waitlistPosition: null, decidedOn: '2026-02-01' } });
    expect((await apply(input())).errors).toBeUndefined();
  });

  it('tells every problem at once (一次性告知)', async () => {
    // 004 第八条: 一次性告知 — the district, a spouse's home and the household size in one answer.
    const error = await expectRefused(
      input({ district: '海珠区', householdSize: 2, declarations: [person('李伟', 'HOLDER'), person('陈芳', 'SPOUSE', 1), person('李子轩', 'MINOR_CHILD')] }),
      [['APARTMENT_DISTRICT', '002 四'], ['HOUSEHOLD_SIZE', '002 四'], ['NO_HOME_IN_CITY', '000 九；001 第四条（八）；002 四']],
    );
    expect(error.message).toMatch(/^荔湾英才卡持卡人须在荔湾区申请人才公寓.*；申请家庭人数 2 与申报人数 3.*；持卡人配偶陈芳在广州市有自有产权住房 1 套/);
  });

  it('refuses bad input — oversized or blank text, out-of-range numbers, a malformed talent id, wrong types — and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [input({ project: '公'.repeat(81) }), 'input.project'],
      [input({ district: '  ' }), 'input.district'],
      [input({ householdSize: 0 }), 'input.householdSize'],
      [input({ declarations: [] }), 'input.declarations'],
      [input({ declarations: [{ ...person('李伟', 'HOLDER'), homesOwned: 100 }], householdSize: 1 }), 'input.declarations.0.homesOwned'],
      [input({ talentId: 'talent-1' }), 'input.talentId'],
    ];
    for (const [value, field] of cases) {
      const result = await apply(value);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Missing fields and wrong types stop at the schema (the gateway answers them as BAD_USER_INPUT).
    const { district: _district, ...missing } = input();
    expect((await apply(missing)).errors?.[0].message).toContain('Field "district" of required type "String!" was not provided');
    expect((await apply(input({ householdSize: 'three' }))).errors?.[0].message).toContain('Int cannot represent');
    expect(await h.models.TalentApartmentApplication.countDocuments()).toBe(0);
    expect(await h.models.HomeOwnershipDeclaration.countDocuments()).toBe(0);
  });
});
