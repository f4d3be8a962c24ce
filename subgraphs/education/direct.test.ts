// applySchoolEnrolment: a child's place applied for directly at the education guidance centre
// (000 八（二）1), without a case — the same rules as a case's item, each broken one a BAD_USER_INPUT
// naming the rule and its clause, all of them at once; bad input refused, nothing written. Only a
// child the window's registry holds as the holder's is enrolled (000 八 持卡人子女).
import { describe, expect, it } from 'vitest';
import type { Program } from '../kit/programs';
import { documentCounts, refusal } from '../../test/case-desk';
import { APPLY, SIX, TODDLER, registered, registry, talentId, type Child, useEducationFixture } from './testing';

const fixture = useEducationFixture();

const BAIYUN = talentId(1);
const input = (child: Omit<Child, 'idNumber'>, level: string, overrides: Record<string, unknown> = {}, program: Program = 'BAIYUN_YUNJU') => ({
  talentId: BAIYUN,
  program,
  child: { name: child.name, relation: child.relation, gender: child.gender, birthDate: child.birthDate },
  level,
  schoolYear: 2026,
  district: '白云区',
  preferredSchool: level === 'KINDERGARTEN' ? '广州市白云区京溪幼儿园' : '广州市白云区京溪小学',
  ...overrides,
});
const apply = (variables: ReturnType<typeof input>) => fixture.run<{ applySchoolEnrolment: Record<string, unknown> }>(APPLY, { input: variables });

async function expectRuleRefused(variables: ReturnType<typeof input>, rules: string[], field: string, source: string) {
  const { count, code, field: named, problems, message } = refusal(await apply(variables));
  expect({ count, code, field: named, problems }).toEqual({ count: 1, code: 'BAD_USER_INPUT', field, problems: rules });
  expect(message).toContain(source);
  expect(await documentCounts(fixture)).toEqual({});
}

describe('applySchoolEnrolment', () => {
  it('receives the request, the Baiyun kindergarten lottery pending, with no case', async () => {
    // 000 八（二）1: 向意愿学校所属教育指导中心提出申请; 001 第四条（二）: the lottery first.
    const result = await apply(input(TODDLER, 'KINDERGARTEN'));
    expect(result.errors).toBeUndefined();
    expect(result.data!.applySchoolEnrolment).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      caseId: null,
      child: { name: '陈可欣', gender: 'FEMALE', birthDate: '2023-03-10', ageAtEntry: 3 },
      level: 'KINDERGARTEN',
      schoolYear: 2026,
      district: '白云区',
      preferredSchool: '广州市白云区京溪幼儿园',
      assignedSchool: null,
      lotteryOutcome: 'PENDING',
      priorityOutcome: 'NOT_REQUESTED',
      status: 'RECEIVED',
      submittedOn: '2026-06-15',
      decidedOn: null,
      source: '000 八；001 第四条（二）',
    });
    expect(await documentCounts(fixture)).toEqual({ SchoolEnrolment: 1 });
  });

  it('refuses a Liwan card', async () => {
    // 002: the Liwan guide has no 子女入学 clause.
    await expectRuleRefused(input(SIX, 'PRIMARY', {}, 'LIWAN_YINGCAI'), ['EDUCATION_PROGRAM'], 'input.program', '002');
  });

  it('refuses anyone but the holder’s child', async () => {
    // 000 八 "持卡人子女".
    await expectRuleRefused(input({ ...SIX, relation: 'SPOUSE_PARENT' }, 'PRIMARY'), ['ENROLMENT_CHILD_ONLY'], 'input.child.relation', '000 八');
  });

  it('refuses a level the child’s age does not fit', async () => {
    // 000 八 秋季小班新生; 《义务教育法》第十一条: a child of 6 on 31 August goes to primary, not kindergarten.
    await expectRuleRefused(input(SIX, 'KINDERGARTEN'), ['ENROLMENT_LEVEL_AGE'], 'input.level', '《义务教育法》第十一条');
  });

  it('refuses a request made before the year of entry', async () => {
    // 000 八（二）1 "按入学当年日程安排".
    const five: Child = { name: '陈子涵', relation: 'CHILD', gender: 'FEMALE', birthDate: '2021-05-01' };
    registry.set(talentId(11), { family: [registered(five)] });
    await expectRuleRefused(input(five, 'PRIMARY', { schoolYear: 2027, talentId: talentId(11) }), ['ENROLMENT_SCHOOL_YEAR'], 'input.schoolYear', '000 八（二）1');
  });

  it('refuses a child who is not in the holder’s registered family, asking the registry once', async () => {
    // 000 八 "持卡人子女": a child typed by hand must be one the window registered, by name and birth date.
    await expectRuleRefused(input({ ...SIX, name: '王小明' }, 'PRIMARY'), ['ENROLMENT_REGISTERED_CHILD'], 'input.child', '000 八');
    await expectRuleRefused(input({ ...SIX, birthDate: '2020-05-02' }, 'PRIMARY'), ['ENROLMENT_REGISTERED_CHILD'], 'input.child', '000 八');
    // A holder with no registered child enrols nobody.
    await expectRuleRefused(input(SIX, 'PRIMARY', { talentId: talentId(12) }), ['ENROLMENT_REGISTERED_CHILD'], 'input.child', '000 八');
  });

  it('tells an unregistered child and an age that does not fit the level at once', async () => {
    // 000 八 适龄 (秋季小班新生); 《义务教育法》第十一条; 004 第八条 一次性告知.
    await expectRuleRefused(input({ ...SIX, name: '王小明' }, 'KINDERGARTEN'), ['ENROLMENT_REGISTERED_CHILD', 'ENROLMENT_LEVEL_AGE'], 'input.child', '《义务教育法》第十一条');
  });

  it('refuses a second live request for the same child and year', async () => {
    // 000 八（二）2 统筹安排: one request per child and school year.
    expect((await apply(input(SIX, 'PRIMARY'))).errors).toBeUndefined();
    const { problems, message } = refusal(await apply(input(SIX, 'PRIMARY', { preferredSchool: '广州市白云区同和小学' })));
    expect(problems).toEqual(['ENROLMENT_DUPLICATE']);
    expect(message).toContain('000 八（二）2');
    expect(await documentCounts(fixture)).toEqual({ SchoolEnrolment: 1 });
  });

  it('tells every broken rule at once (一次性告知)', async () => {
    // 004 第八条 一次性告知.
    await expectRuleRefused(input({ ...TODDLER, relation: 'PARENT' }, 'JUNIOR_SECONDARY', { schoolYear: 2027 }), ['ENROLMENT_CHILD_ONLY', 'ENROLMENT_LEVEL_AGE', 'ENROLMENT_SCHOOL_YEAR'], 'input.child.relation', '000 八');
  });

  it('refuses bad input — malformed id, empty and oversized text, a future birth day, wrong types — writing nothing', async () => {
    const { problems } = refusal(await apply(input({ ...SIX, name: ' ', birthDate: '2027-01-01' }, 'PRIMARY', { talentId: 'nobody', district: '区'.repeat(41), preferredSchool: '' })));
    expect(problems).toEqual(['input.talentId', 'input.child.name', 'input.child.birthDate', 'input.district', 'input.preferredSchool']);
    expect(refusal(await apply(input(SIX, 'PRIMARY', { schoolYear: 1999 }))).problems).toEqual(['input.schoolYear']);
    const typed = await fixture.served(APPLY, { input: input(SIX, 'PRIMARY', { schoolYear: '2026', level: 'COLLEGE' }) });
    expect(typed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await documentCounts(fixture)).toEqual({});
  });
});
