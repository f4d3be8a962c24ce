// 教育局's part of a case (统一受理、并行办理, 004 第十条): the window's kindergarten or school item becomes
// one task per (case, item) and one enrolment request — the Baiyun kindergarten lottery first
// (001 第四条（二）) — or a refusal with every reason and its clause (004 第十一条); Case.education
// read through _entities; malformed deliveries refused with BAD_USER_INPUT, nothing written.
import { describe, expect, it } from 'vitest';
import { documentCounts, queuedReports, refusal } from '../../test/case-desk';
import {
  RECEIVE,
  SIX,
  TASK_FIELDS,
  TODDLER,
  caseId,
  delivery,
  enrolmentForm,
  talentId,
  useEducationFixture,
} from './testing';

const fixture = useEducationFixture();

type Enrolment = { id: string; caseId: string | null; lotteryOutcome: string; priorityOutcome: string; status: string };
type Task = { id: string; status: string; step: string | null; note: string; reason: string | null; completedAt: string | null; enrolment: Enrolment | null };
const receive = (input: ReturnType<typeof delivery>) => fixture.run<{ receiveEducationCaseTask: Task }>(RECEIVE, { input });
const received = async (input: ReturnType<typeof delivery>) => {
  const result = await receive(input);
  expect(result.errors).toBeUndefined();
  return result.data!.receiveEducationCaseTask;
};
const BAIYUN = talentId(1);
const LIWAN = talentId(2);
const WUHAN = talentId(3);
const TIANHE = talentId(4);

async function expectRefused(input: ReturnType<typeof delivery>, source: string) {
  const task = await received(input);
  expect(task).toMatchObject({ status: 'REFUSED', step: null, enrolment: null, completedAt: expect.any(String) });
  expect(task.reason).toContain(`— ${source}`);
  expect(task.note).toContain('教育局不能办理');
  expect(await fixture.connection.models.SchoolEnrolment.countDocuments()).toBe(0);
  expect(await queuedReports(fixture)).toEqual([{ caseId: input.caseId, item: input.item, department: 'education', status: 'REFUSED', step: null, reason: task.reason, sequence: 1 }]);
  return task;
}

describe('receiveEducationCaseTask', () => {
  it('receives a Baiyun kindergarten request with the lottery pending, and reports the task IN_PROGRESS', async () => {
    // 001 第四条（二）: 持卡人子女享有参与区属公办幼儿园电脑派位的资格 — the lottery comes first.
    const task = await received(delivery(1, BAIYUN, 'BAIYUN_YUNJU', 'KINDERGARTEN_ENROLMENT', enrolmentForm(TODDLER, 'KINDERGARTEN')));
    expect(task).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      item: 'KINDERGARTEN_ENROLMENT',
      status: 'IN_PROGRESS',
      step: 'KINDERGARTEN_LOTTERY',
      note: '已受理陈可欣的入学申请：广州市白云区京溪幼儿园（enrolment request received）；待区属公办幼儿园电脑派位（awaiting the kindergarten lottery）',
      reason: null,
      dueOn: '2026-07-13',
      receivedAt: expect.any(String),
      completedAt: null,
      enrolment: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        caseId: caseId(1),
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
      },
    });
    expect(await queuedReports(fixture)).toEqual([
      { caseId: caseId(1), item: 'KINDERGARTEN_ENROLMENT', department: 'education', status: 'IN_PROGRESS', step: 'KINDERGARTEN_LOTTERY', reason: null, sequence: 1 },
    ]);
  });

  it('receives a Baiyun school request with priority waiting for the places left, and a Wuhan one without', async () => {
    // 000 八; 001 第四条（二）: Baiyun priority from places left after local demand; 004 第五条第11项 names none.
    const baiyun = await received(delivery(2, BAIYUN, 'BAIYUN_YUNJU', 'SCHOOL_ENROLMENT', enrolmentForm(SIX, 'PRIMARY')));
    expect(baiyun).toMatchObject({ status: 'IN_PROGRESS', step: 'PLACEMENT', enrolment: { lotteryOutcome: 'NOT_APPLICABLE', priorityOutcome: 'PENDING', status: 'RECEIVED' } });
    expect(baiyun.note).toContain('可在有剩余学位时优先安排');
    const wuhan = await received(delivery(3, WUHAN, 'WUHAN_GREEN_CHANNEL', 'SCHOOL_ENROLMENT', enrolmentForm(SIX, 'PRIMARY', { district: '洪山区', preferredSchool: '武汉市育才小学' })));
    expect(wuhan).toMatchObject({ status: 'IN_PROGRESS', step: 'PLACEMENT', enrolment: { lotteryOutcome: 'NOT_APPLICABLE', priorityOutcome: 'NOT_REQUESTED', source: '004 第五条第11项' } });
  });

  it('takes the same delivery twice as one task with one request and one report', async () => {
    const input = delivery(4, TIANHE, 'GUANGZHOU_GREEN_CARD', 'KINDERGARTEN_ENROLMENT', enrolmentForm(TODDLER, 'KINDERGARTEN'));
    const first = await received(input);
    expect(first.enrolment).toMatchObject({ lotteryOutcome: 'NOT_APPLICABLE', priorityOutcome: 'NOT_REQUESTED' });
    expect(await received(input)).toEqual(first);
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, SchoolEnrolment: 1 });
    expect(await queuedReports(fixture)).toHaveLength(1);
  });

  it('refuses a Liwan card, whose guide has no schooling clause', async () => {
    // 002: the Liwan guide's services (一 to 十) include no 子女入学.
    const task = await expectRefused(delivery(5, LIWAN, 'LIWAN_YINGCAI', 'SCHOOL_ENROLMENT', enrolmentForm(SIX, 'PRIMARY')), '002（无子女入学条款 no schooling clause）');
    expect(task.reason).toContain('荔湾英才卡服务指南没有子女入学服务');
  });

  it('refuses anyone but the holder’s child', async () => {
    // 000 八 "持卡人子女": the service is for the holder's children only.
    const task = await expectRefused(delivery(6, BAIYUN, 'BAIYUN_YUNJU', 'SCHOOL_ENROLMENT', enrolmentForm({ ...SIX, relation: 'SPOUSE' }, 'PRIMARY')), '000 八；001 第四条（二）');
    expect(task.reason).toContain('不是持卡人子女');
  });

  it('refuses a level the child’s age does not fit on 31 August', async () => {
    // 000 八 秋季小班新生 (kindergarten from 3); 《义务教育法》第十一条 (primary from 6): a child of 3 is not for primary school.
    const task = await expectRefused(delivery(7, BAIYUN, 'BAIYUN_YUNJU', 'SCHOOL_ENROLMENT', enrolmentForm(TODDLER, 'PRIMARY')), '000 八（秋季小班新生）；《义务教育法》第十一条');
    expect(task.reason).toContain('陈可欣在 2026 年 8 月 31 日为 3 周岁，与所报学段不符');
  });

  it('refuses a request for a later school year than the year it is made in', async () => {
    // 000 八（二）1 "按入学当年日程安排": requests follow the enrolment calendar of the year of entry.
    await expectRefused(delivery(8, TIANHE, 'GUANGZHOU_GREEN_CARD', 'SCHOOL_ENROLMENT', enrolmentForm({ ...SIX, birthDate: '2021-05-01' }, 'PRIMARY', { schoolYear: 2027 })), '000 八（二）1');
  });

  it('refuses a second live request for the same child and school year', async () => {
    // 000 八（二）2 统筹安排: one place per child and year — a live request blocks another; a withdrawn one does not.
    await received(delivery(9, BAIYUN, 'BAIYUN_YUNJU', 'SCHOOL_ENROLMENT', enrolmentForm(SIX, 'PRIMARY')));
    const second = await received(delivery(10, BAIYUN, 'BAIYUN_YUNJU', 'SCHOOL_ENROLMENT', enrolmentForm(SIX, 'PRIMARY', { preferredSchool: '广州市白云区同和小学' })));
    expect(second).toMatchObject({ status: 'REFUSED', enrolment: null });
    expect(second.reason).toContain('陈子轩已有 2026 学年的入学申请（this child already has a live request for that school year）— 000 八（二）2');
    const withdrawn = await fixture.run(/* GraphQL */ `mutation ($caseId: ID!) { withdrawEducationCaseTasks(caseId: $caseId, reason: "已在外区就读") { id } }`, { caseId: caseId(9) });
    expect(withdrawn.errors).toBeUndefined();
    expect((await received(delivery(11, BAIYUN, 'BAIYUN_YUNJU', 'SCHOOL_ENROLMENT', enrolmentForm(SIX, 'PRIMARY')))).status).toBe('IN_PROGRESS');
  });

  it('tells every broken rule at once (一次性告知)', async () => {
    // 004 第八条 一次性告知: not a child, wrong level for the age, and the wrong year, in one reason.
    const task = await received(delivery(12, WUHAN, 'WUHAN_GREEN_CHANNEL', 'SCHOOL_ENROLMENT', enrolmentForm({ ...TODDLER, relation: 'PARENT' }, 'JUNIOR_SECONDARY', { schoolYear: 2027 })));
    expect(task.status).toBe('REFUSED');
    expect(task.reason!.match(/）— /g)).toHaveLength(3);
    expect(task.reason).toMatch(/不是持卡人子女.*与所报学段不符.*须在入学当年/);
    expect(await fixture.connection.models.SchoolEnrolment.countDocuments()).toBe(0);
  });
});

const CASES = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id education { ${TASK_FIELDS} } } } }
`;

describe('Case.education', () => {
  it('returns each case its tasks and their requests, in one query per collection however many cases', async () => {
    const cases = Array.from({ length: 12 }, (_, n) => 100 + n);
    for (const n of cases) await received(delivery(n, talentId(n), 'BAIYUN_YUNJU', 'KINDERGARTEN_ENROLMENT', enrolmentForm(TODDLER, 'KINDERGARTEN')));
    const costOf = async (ids: string[]) => {
      fixture.dbCommands.reset();
      const result = await fixture.run<{ _entities: { id: string; education: Task[] }[] }>(CASES, { r: ids.map((id) => ({ __typename: 'Case', id })) });
      expect(result.errors).toBeUndefined();
      return { data: result.data!._entities, commands: fixture.dbCommands.snapshot() };
    };
    const one = await costOf([caseId(100)]);
    expect(one.data.map((entity) => entity.education.map((task) => task.enrolment!.caseId))).toEqual([[caseId(100)]]);
    expect(one.commands).toEqual({ 'find case_tasks': 1, 'find school_enrolments': 1 });
    const many = await costOf([...cases.map(caseId), caseId(999)]);
    expect(many.data.map((entity) => entity.education.map((task) => task.enrolment!.caseId))).toEqual([...cases.map((n) => [caseId(n)]), []]);
    expect(many.commands).toEqual({ 'find case_tasks': 1, 'find school_enrolments': 1 });
  });
});

describe('malformed deliveries', () => {
  const form = enrolmentForm(TODDLER, 'KINDERGARTEN');
  const input = (overrides: Record<string, unknown>) => ({ ...delivery(1, BAIYUN, 'BAIYUN_YUNJU', 'KINDERGARTEN_ENROLMENT', form), ...overrides });
  // The fields refused, and — where a problem names a rule rather than a field — the problems as listed.
  const cases: [string, Record<string, unknown>, string[], string[]?][] = [
    ['a form that is not JSON', { form: 'child=陈可欣' }, ['input.form']],
    ['an item of another department', { item: 'HUKOU_TRANSFER_HOLDER' }, ['input.item'], ['ITEM_NOT_THIS_DEPARTMENT']],
    ['a malformed talent id', { talentId: '12345' }, ['input.talentId']],
    ['a level that is not the item’s', { form: JSON.stringify({ ...form, level: 'PRIMARY' }) }, ['input.form.level']],
    ['missing fields', { form: JSON.stringify({ child: TODDLER }) }, ['input.form.level', 'input.form.schoolYear', 'input.form.district', 'input.form.preferredSchool']],
    [
      'wrong types',
      { form: JSON.stringify({ ...form, schoolYear: '2026', child: { ...TODDLER, name: ['陈'], gender: 'X', birthDate: 20230310, idNumber: '123' } }) },
      ['input.form.child.name', 'input.form.child.gender', 'input.form.child.birthDate', 'input.form.child.idNumber', 'input.form.schoolYear'],
    ],
    ['oversized strings', { form: JSON.stringify({ ...form, district: '区'.repeat(41), preferredSchool: '校'.repeat(101) }) }, ['input.form.district', 'input.form.preferredSchool']],
    ['a field of another form', { form: JSON.stringify({ ...form, route: 'PLANNED_GUIDANCE' }) }, ['input.form.route']],
  ];
  for (const [what, overrides, fields, listed = fields] of cases) {
    it(`refuses a delivery with ${what}, and writes nothing`, async () => {
      const { count, code, field, problems } = refusal(await receive(input(overrides) as ReturnType<typeof delivery>));
      expect({ count, code, field }).toEqual({ count: 1, code: 'BAD_USER_INPUT', field: fields[0] });
      if (problems.length > 0) expect(problems).toEqual(listed);
      expect(await documentCounts(fixture)).toEqual({});
    });
  }

  it('refuses variables that do not fit the schema (through Apollo Server)', async () => {
    const result = await fixture.served(RECEIVE, { input: input({ dueOn: '2026-02-30' }) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await documentCounts(fixture)).toEqual({});
  });
});
