// The window checks a form's people against the household it registered (统一受理, 004 第七、八条):
// a talent-apartment declaration covers the holder, the registered spouse and every registered minor
// child (002 四: 本人及配偶、未成年子女在本市均无自有产权住房; 000 九), and only a registered child of
// the right age for the level is enrolled (000 八 持卡人子女、适龄; 《义务教育法》第十一条). Every missing
// person or broken rule is told at once with its field, rule and source, and nothing is stored.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../../test/environment';
import { todayInChina } from '../../kit/dates';
import { buildTalentSubgraph } from '../server';
import { BAIYUN, CHILD, LIWAN, SPOUSE, insertTestTalents } from './fixtures';

let fixture: SubgraphFixture;
const clock = new TestClock();
const today = () => todayInChina(clock.now());

const SUBMIT = /* GraphQL */ `mutation Submit($input: SubmitCaseInput!) { submitCase(input: $input) { id items { service } } }`;
type Problem = { field: string; rule?: string; source?: string; zh: string };

const APARTMENT_MATERIALS = ['TALENT_CARD', 'ID_CARD', 'HOUSING_DECLARATION', 'EMPLOYMENT_PROOF', 'HOUSEHOLD_REGISTER'];
const declared = (personName: string, relation: 'HOLDER' | 'SPOUSE' | 'MINOR_CHILD') => ({ personName, relation, city: '广州市', homesOwned: 0 });
const apartment = (declarations: ReturnType<typeof declared>[]) => ({
  service: 'TALENT_APARTMENT',
  talentApartment: { district: '白云区', project: '白云人才公寓（嘉禾）', householdSize: declarations.length, declarations },
});
const enrolment = (service: string, childId: string, level: string) => ({
  service,
  schoolEnrolment: { childId, level, schoolYear: Number(today().slice(0, 4)), district: '白云区', preferredSchool: '广州市白云区京溪小学' },
});
const ENROLMENT_MATERIALS = ['TALENT_CARD', 'ID_CARD', 'CHILD_PAPERS', 'HOUSEHOLD_REGISTER'];

async function submit(requestKey: string, talentId: string, items: unknown[], materials: string[]) {
  return fixture.run<{ submitCase: { id: string } }>(SUBMIT, { input: { requestKey, talentId, items, materials } });
}

const problemsOf = (result: Awaited<ReturnType<typeof submit>>) => (result.errors?.[0].extensions?.problems as Problem[] | undefined) ?? [];

beforeAll(async () => {
  // A school-year day before 31 August, so the registered child (4) fits kindergarten this year.
  clock.set(new Date('2026-06-15T10:00:00+08:00'));
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
});
beforeEach(async () => {
  await fixture.clear();
  await insertTestTalents(fixture.connection, today());
});
afterAll(() => fixture.close());

describe('TALENT_APARTMENT: the registered household is declared (002 四; 000 九)', () => {
  it('refuses a holder with a registered spouse who declares only themself, naming every missing person at once', async () => {
    // BAIYUN's registry: spouse 林晓燕, minor children 陈子轩 and 陈雨涵, and a parent, who is not declared.
    const result = await submit('req-household-1', BAIYUN, [apartment([declared('陈思远', 'HOLDER')])], APARTMENT_MATERIALS);
    expect(result.data).toBeNull();
    expect(problemsOf(result).map(({ field, rule, source }) => [field, rule, source])).toEqual([
      ['input.items.0.talentApartment.declarations', 'DECLARATION_HOUSEHOLD_MISSING', '002 四；000 九'],
      ['input.items.0.talentApartment.declarations', 'DECLARATION_HOUSEHOLD_MISSING', '002 四；000 九'],
      ['input.items.0.talentApartment.declarations', 'DECLARATION_HOUSEHOLD_MISSING', '002 四；000 九'],
    ]);
    expect(problemsOf(result).map((problem) => problem.zh)).toEqual([
      '须申报登记在册的配偶林晓燕的住房情况',
      '须申报登记在册的未成年子女陈子轩的住房情况',
      '须申报登记在册的未成年子女陈雨涵的住房情况',
    ]);
    expect(await fixture.connection.models.Case.countDocuments({})).toBe(0);
  });

  it('refuses a spouse declared under another name than the registered one, and a missing holder', async () => {
    const result = await submit('req-household-2', BAIYUN, [apartment([declared('王芳', 'SPOUSE'), declared('陈子轩', 'MINOR_CHILD'), declared('陈雨涵', 'MINOR_CHILD')])], APARTMENT_MATERIALS);
    expect(problemsOf(result).map(({ rule, zh }) => [rule, zh])).toEqual([
      ['DECLARATION_HOLDER', '须申报持卡人本人的住房情况'],
      ['DECLARATION_HOUSEHOLD_MISSING', '须申报登记在册的配偶林晓燕的住房情况'],
    ]);
  });

  it('accepts the holder, the registered spouse and the minor children declared; a holder with no registered family declares only themself', async () => {
    const whole = [declared('陈思远', 'HOLDER'), declared('林晓燕', 'SPOUSE'), declared('陈子轩', 'MINOR_CHILD'), declared('陈雨涵', 'MINOR_CHILD')];
    expect((await submit('req-household-3', BAIYUN, [apartment(whole)], APARTMENT_MATERIALS)).errors).toBeUndefined();
    const alone = { ...apartment([declared('黄婷', 'HOLDER')]), talentApartment: { ...apartment([declared('黄婷', 'HOLDER')]).talentApartment, district: '荔湾区' } };
    expect((await submit('req-household-4', LIWAN, [alone], APARTMENT_MATERIALS)).errors).toBeUndefined();
  });
});

describe('enrolment items: only a registered child of the right age (000 八)', () => {
  it('refuses a family member id the registry does not hold, citing the enrolment clause', async () => {
    const result = await submit('req-enrol-0001', BAIYUN, [enrolment('KINDERGARTEN_ENROLMENT', 'ffffffffffffffffffffffff', 'KINDERGARTEN')], ENROLMENT_MATERIALS);
    expect(problemsOf(result).map(({ field, rule, source }) => [field, rule, source])).toEqual([
      ['input.items.0.schoolEnrolment.childId', 'FAMILY_MEMBER_UNREGISTERED', '000 八；001 第四条（二）'],
    ]);
  });

  it('refuses the spouse as the child, and a registered child whose age does not fit the level', async () => {
    const spouse = await submit('req-enrol-0002', BAIYUN, [enrolment('KINDERGARTEN_ENROLMENT', SPOUSE, 'KINDERGARTEN')], ENROLMENT_MATERIALS);
    expect(problemsOf(spouse).map(({ rule, source }) => [rule, source])).toEqual([['ENROLMENT_CHILD_ONLY', '000 八；001 第四条（二）']]);
    // 陈子轩 is 4 on 31 August: kindergarten, not primary (000 八 秋季小班新生; 《义务教育法》第十一条 满六周岁).
    const tooYoung = await submit('req-enrol-0003', BAIYUN, [enrolment('SCHOOL_ENROLMENT', CHILD, 'PRIMARY')], ENROLMENT_MATERIALS);
    expect(problemsOf(tooYoung).map(({ field, rule, source }) => [field, rule, source])).toEqual([
      ['input.items.0.schoolEnrolment.level', 'ENROLMENT_LEVEL_AGE', '000 八（秋季小班新生）；《义务教育法》第十一条'],
    ]);
    expect(await fixture.connection.models.Case.countDocuments({})).toBe(0);
  });

  it('accepts a registered child at the level their age allows', async () => {
    expect((await submit('req-enrol-0004', BAIYUN, [enrolment('KINDERGARTEN_ENROLMENT', CHILD, 'KINDERGARTEN')], ENROLMENT_MATERIALS)).errors).toBeUndefined();
  });
});
