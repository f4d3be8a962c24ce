// 公安户政、人社's part of a case (统一受理、并行办理, 004 第十条): the window's hukou item becomes one task
// per (case, item) and one transfer per person (000 一（二）), or a refusal with every reason and its
// clause (004 第十一条); Case.household read through _entities.
import { describe, expect, it } from 'vitest';
import { documentCounts, queuedReports } from '../../test/case-desk';
import {
  ACCEPTED_AT,
  ADULT_CHILD,
  HOLDER,
  MINOR,
  PARENT,
  RECEIVE,
  REJECT,
  SPOUSE,
  TASK_FIELDS,
  caseId,
  delivery,
  hukouForm,
  talentId,
  useHouseholdFixture,
} from './testing';

const fixture = useHouseholdFixture();

type Transfer = { id: string; caseId: string; applicant: { name: string }; status: string; currentStep: string | null; steps: { step: string; status: string; completedAt: string | null }[] };
type Task = { id: string; status: string; step: string | null; note: string; reason: string | null; completedAt: string | null; transfers: Transfer[] };
const receive = (input: ReturnType<typeof delivery>) => fixture.run<{ receiveHouseholdCaseTask: Task }>(RECEIVE, { input });
const received = async (input: ReturnType<typeof delivery>) => {
  const result = await receive(input);
  expect(result.errors).toBeUndefined();
  return result.data!.receiveHouseholdCaseTask;
};
const BAIYUN = talentId(1);
const LIWAN = talentId(2);
const WUHAN = talentId(3);
const TIANHE = talentId(4);
const acceptedIso = new Date(ACCEPTED_AT).toISOString();

/** A refusal: REFUSED with the reason naming the source, no transfer written, the report queued. */
async function expectRefused(input: ReturnType<typeof delivery>, source: string) {
  const task = await received(input);
  expect(task).toMatchObject({ status: 'REFUSED', step: null, transfers: [], completedAt: expect.any(String) });
  expect(task.reason).toContain(`— ${source}`);
  expect(await fixture.connection.models.HukouTransfer.countDocuments()).toBe(0);
  expect(await queuedReports(fixture)).toEqual([{ caseId: input.caseId, item: input.item, department: 'household', status: 'REFUSED', step: null, reason: task.reason, sequence: 1 }]);
  return task;
}

describe('receiveHouseholdCaseTask', () => {
  it('opens one transfer per person, step 1 done at acceptance, and reports the task IN_PROGRESS', async () => {
    // 000 一; 001 第四条（一）: spouse, a minor child and an adult child not living independently (Baiyun).
    const form = hukouForm([SPOUSE, MINOR, { ...ADULT_CHILD, dependent: true }], 'TOTAL_QUOTA_ADJUSTMENT');
    const task = await received(delivery(1, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_FAMILY', form));
    const firstSteps = (completedAt: string | null) => [
      { step: 'ONLINE_DECLARATION', status: 'DONE', completedAt },
      { step: 'MATERIALS_UPLOADED', status: 'CURRENT', completedAt: null },
      { step: 'INFO_CARD', status: 'PENDING', completedAt: null },
      { step: 'POLICE_REVIEW', status: 'PENDING', completedAt: null },
      { step: 'SETTLED', status: 'PENDING', completedAt: null },
    ];
    const transfer = (person: typeof SPOUSE, dependent: boolean | null) => ({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      caseId: caseId(1),
      applicant: { name: person.name, relation: person.relation, birthDate: person.birthDate, dependent },
      route: 'TOTAL_QUOTA_ADJUSTMENT',
      status: 'IN_PROGRESS',
      currentStep: 'MATERIALS_UPLOADED',
      steps: firstSteps(acceptedIso),
      submittedOn: '2026-06-15',
      settledOn: null,
      rejectionReason: null,
    });
    expect(task).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      item: 'HUKOU_TRANSFER_FAMILY',
      status: 'IN_PROGRESS',
      step: 'MATERIALS_UPLOADED',
      note: '已受理王丽、李小雨、李思远的户口迁入（3 人），网上申报已完成；当前步骤：填报资料并上传原件材料（hukou transfer accepted for 3; now at: particulars filled in and originals uploaded）',
      reason: null,
      dueOn: '2026-07-13',
      receivedAt: expect.any(String),
      completedAt: null,
      transfers: [transfer(SPOUSE, null), transfer(MINOR, null), transfer(ADULT_CHILD, true)],
    });
    expect(await queuedReports(fixture)).toEqual([
      { caseId: caseId(1), item: 'HUKOU_TRANSFER_FAMILY', department: 'household', status: 'IN_PROGRESS', step: 'MATERIALS_UPLOADED', reason: null, sequence: 1 },
    ]);
  });

  it('takes the same delivery twice as one task with one set of transfers and one report', async () => {
    const input = delivery(2, LIWAN, 'LIWAN_YINGCAI', 'HUKOU_TRANSFER_HOLDER', hukouForm([HOLDER]));
    const first = await received(input);
    const second = await received(input);
    expect(second).toEqual(first);
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, HukouTransfer: 1 });
    expect(await queuedReports(fixture)).toHaveLength(1);
  });

  it('refuses a card whose benefits do not include 落户', async () => {
    // 003 五: the Tianhe green card's benefits (residence, schooling, housing, licences) include no hukou transfer.
    const task = await expectRefused(delivery(3, TIANHE, 'GUANGZHOU_GREEN_CARD', 'HUKOU_TRANSFER_HOLDER', hukouForm([HOLDER])), '003 五');
    expect(task.reason).toContain('该人才卡的服务不含落户');
  });

  it('refuses parents: only the spouse and children move with the holder', async () => {
    // 000 一; 001 第四条（一）"持卡人及其配偶、未独立生活的子女" — parents are not in the list.
    const task = await expectRefused(delivery(4, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_FAMILY', hukouForm([SPOUSE, PARENT])), '000 一；001 第四条（一）');
    expect(task.reason).toContain('李大山（父母）不在随迁落户范围');
  });

  it('refuses an adult child under the Liwan card, which moves minor children only', async () => {
    // 002 一 "持卡人及其配偶、未成年子女": a child of 20 is not a minor, dependent or not.
    const task = await expectRefused(delivery(5, LIWAN, 'LIWAN_YINGCAI', 'HUKOU_TRANSFER_FAMILY', hukouForm([{ ...ADULT_CHILD, dependent: true }])), '002 一');
    expect(task.reason).toContain('李思远已成年，只有未成年子女可以随迁');
  });

  it('refuses an adult child in Baiyun unless declared not living independently', async () => {
    // 001 第四条（一）"未独立生活的子女": an adult child moves only while dependent.
    const task = await expectRefused(delivery(6, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_FAMILY', hukouForm([{ ...ADULT_CHILD, dependent: false }])), '001 第四条（一）');
    expect(task.reason).toContain('李思远已成年且未申报未独立生活');
  });

  it('refuses family members on the holder item, and the holder on the family item', async () => {
    // 000 一（一）3 (本人身份证、户口本) and 5 (随迁家属材料): the holder and the family are separate items.
    await expectRefused(delivery(7, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_HOLDER', hukouForm([SPOUSE])), '000 一（一）3');
    await fixture.clear();
    await expectRefused(delivery(8, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_FAMILY', hukouForm([HOLDER])), '000 一（一）5');
  });

  it('refuses the total-quota route where the program offers planned guidance only', async () => {
    // 004 第五条第4项: Wuhan's green channel handles 户籍 with no total-quota adjustment (000 一; 002 九 are Guangzhou's).
    const task = await expectRefused(delivery(9, WUHAN, 'WUHAN_GREEN_CHANNEL', 'HUKOU_TRANSFER_HOLDER', hukouForm([HOLDER], 'TOTAL_QUOTA_ADJUSTMENT')), '004 第五条第4项');
    expect(task.reason).toContain('只能按计划指导类入户');
  });

  it('refuses a second transfer for a person whose transfer is in progress, not one after a rejection', async () => {
    // 000 一（二）: one flow per person — a transfer in progress or settled blocks another.
    const first = await received(delivery(10, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_HOLDER', hukouForm([HOLDER])));
    const second = await received(delivery(11, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_HOLDER', hukouForm([HOLDER])));
    expect(second.status).toBe('REFUSED');
    expect(second.reason).toContain('李建国已有办理中或已落户的户口迁入申请（this person already has a transfer in progress or settled）— 000 一（二）');
    expect((await fixture.run(REJECT, { id: first.transfers[0].id, reason: '材料不齐' })).errors).toBeUndefined();
    expect((await received(delivery(12, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_HOLDER', hukouForm([HOLDER])))).status).toBe('IN_PROGRESS');
    // The same person twice in one form is the same duplicate.
    const twice = await received(delivery(13, BAIYUN, 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_FAMILY', hukouForm([SPOUSE, SPOUSE])));
    expect(twice.reason).toContain('王丽在本表单中重复列出');
  });

  it('tells every broken rule at once (一次性告知)', async () => {
    // 004 第八条 一次性告知: a parent, an adult child and a route Wuhan does not offer, in one reason.
    const task = await received(delivery(14, WUHAN, 'WUHAN_GREEN_CHANNEL', 'HUKOU_TRANSFER_FAMILY', hukouForm([PARENT, ADULT_CHILD, SPOUSE], 'TOTAL_QUOTA_ADJUSTMENT')));
    expect(task.status).toBe('REFUSED');
    expect(task.reason!.match(/）— /g)).toHaveLength(3);
    expect(task.reason).toMatch(/父母.*已成年.*计划指导类/);
    expect(await fixture.connection.models.HukouTransfer.countDocuments()).toBe(0);
  });
});

const CASES = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id household { ${TASK_FIELDS} } } } }
`;

describe('Case.household', () => {
  it('returns each case its tasks and their transfers, in one query per collection however many cases', async () => {
    const cases = Array.from({ length: 12 }, (_, n) => 100 + n);
    for (const n of cases) {
      await received(delivery(n, talentId(n), 'BAIYUN_YUNJU', 'HUKOU_TRANSFER_FAMILY', hukouForm([SPOUSE, MINOR])));
    }
    const costOf = async (ids: string[]) => {
      fixture.dbCommands.reset();
      const result = await fixture.run<{ _entities: { id: string; household: Task[] }[] }>(CASES, { r: ids.map((id) => ({ __typename: 'Case', id })) });
      expect(result.errors).toBeUndefined();
      return { data: result.data!._entities, commands: fixture.dbCommands.snapshot() };
    };
    const one = await costOf([caseId(100)]);
    expect(one.data.map((entity) => entity.household.map((task) => task.transfers.map((transfer) => transfer.applicant.name)))).toEqual([[['王丽', '李小雨']]]);
    expect(one.commands).toEqual({ 'find case_tasks': 1, 'find hukou_transfers': 1 });
    const unknown = caseId(999);
    const many = await costOf([...cases.map(caseId), unknown]);
    expect(many.data.map((entity) => entity.household.length)).toEqual([...cases.map(() => 1), 0]);
    expect(many.data.every((entity, n) => entity.household.every((task) => task.transfers.every((transfer) => transfer.caseId === entity.id && n < cases.length)))).toBe(true);
    expect(many.commands).toEqual({ 'find case_tasks': 1, 'find hukou_transfers': 1 });
  });
});
