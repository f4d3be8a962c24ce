// 司法局's part of a case (统一受理、并行办理, 004 第七至十一条): the window's LEGAL_CONSULTATION becomes
// one task per (case, item), decided by the legal rules (000 十二; 002 十); staff steps move it; every
// change is queued for the window with an increasing sequence.
import { describe, expect, it } from 'vitest';
import { documentCounts } from '../../test/case-desk';
import {
  ANSWER,
  ASSIGN,
  CLOSE,
  LAWYER,
  PERSONAL_PHONE,
  RECEIVE,
  TASK_FIELDS,
  caseId,
  delivery,
  queuedReports,
  refusal,
  talentId,
  useLegalFixture,
} from './testing';

const fixture = useLegalFixture();

type Task = { id: string; status: string; step: string | null; note: string; reason: string | null; completedAt: string | null; consultation: { id: string; feeBearing: boolean } | null };
const receive = (input: ReturnType<typeof delivery>) => fixture.run<{ receiveLegalCaseTask: Task }>(RECEIVE, { input });
const received = async (input: ReturnType<typeof delivery>) => {
  const result = await receive(input);
  expect(result.errors).toBeUndefined();
  return result.data!.receiveLegalCaseTask;
};
const BAIYUN = talentId(1);
const LIWAN = talentId(2);
const CASE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id legal { ${TASK_FIELDS} } } } }`;
const taskOf = async (n: number) => {
  const result = await fixture.run<{ _entities: { legal: Task[] }[] }>(CASE, { r: [{ __typename: 'Case', id: caseId(n) }] });
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].legal[0];
};

describe('receiveLegalCaseTask', () => {
  it('accepts a free personal consultation: a REQUESTED consultation and the task IN_PROGRESS', async () => {
    const task = await received(delivery(1, BAIYUN, 'BAIYUN_YUNJU', PERSONAL_PHONE));
    expect(task).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      item: 'LEGAL_CONSULTATION',
      status: 'IN_PROGRESS',
      step: 'REQUESTED',
      note: '已受理免费法律咨询：免费法律咨询（000 十二；001 第四条（六））（accepted; free）',
      reason: null,
      dueOn: '2026-06-22',
      receivedAt: expect.any(String),
      completedAt: null,
      consultation: {
        id: expect.any(String), caseId: caseId(1), topic: '劳动合同解除的经济补偿', category: 'CONSULTATION', personalMatter: true, channel: 'PHONE',
        status: 'REQUESTED', free: true, feeBearing: false, feeNote: '免费法律咨询（000 十二；001 第四条（六））',
        requestedAt: expect.any(String), answeredAt: null, counsel: null,
      },
    });
    expect(await queuedReports(fixture)).toEqual([{ caseId: caseId(1), item: 'LEGAL_CONSULTATION', department: 'legal', status: 'IN_PROGRESS', step: 'REQUESTED', sequence: 1 }]);
  });

  it('accepts fee-bearing work and says so in the note, without refusing it', async () => {
    // 000 十二（三）2: 起草法律文书…可按照有关规定协商另行收费.
    const task = await received(delivery(2, BAIYUN, 'BAIYUN_YUNJU', { ...PERSONAL_PHONE, category: 'DOCUMENT_DRAFTING', topic: '起草遗嘱' }));
    expect(task).toMatchObject({ status: 'IN_PROGRESS', reason: null, consultation: { feeBearing: true, free: false } });
    expect(task.note).toBe('已受理法律咨询；该事项需另行协商收费：起草法律文书可按照有关规定协商另行收费（000 十二（三）2）（accepted; fee-bearing, by agreement）');
  });

  it('keeps one task and one consultation when the same part is delivered twice', async () => {
    const first = await received(delivery(3, LIWAN, 'LIWAN_YINGCAI', PERSONAL_PHONE));
    expect(await received(delivery(3, LIWAN, 'LIWAN_YINGCAI', PERSONAL_PHONE))).toEqual(first);
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, LegalConsultation: 1 });
  });

  it('answers a part its rules forbid with REFUSED and every reason, writing no consultation', async () => {
    // 000 十二（二）: by phone or email; 000 十二: Baiyun offers no mediation.
    const task = await received(delivery(4, BAIYUN, 'BAIYUN_YUNJU', { ...PERSONAL_PHONE, category: 'MEDIATION', channel: 'IN_PERSON' }));
    expect(task).toMatchObject({ status: 'REFUSED', step: null, consultation: null, completedAt: expect.any(String) });
    expect(task.reason).toBe(
      '该类法律服务不在本卡服务范围内（this kind of legal service is not offered under this card）— 000 十二；' +
        '不支持该咨询方式（this channel is not offered under this card）— 000 十二（二）',
    );
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1 });
    expect(await queuedReports(fixture)).toEqual([{ caseId: caseId(4), item: 'LEGAL_CONSULTATION', department: 'legal', status: 'REFUSED', step: null, sequence: 1 }]);
  });

  it('refuses a program without the legal service with the reason', async () => {
    // 000 十二; 002 十: the service is Baiyun's and Liwan's; 004 (Wuhan) grants none.
    const task = await received(delivery(5, talentId(5), 'WUHAN_GREEN_CHANNEL', PERSONAL_PHONE));
    expect(task).toMatchObject({ status: 'REFUSED', reason: '该人才卡项目不含法律顾问服务（this card program grants no legal-adviser service）— 000 十二; 002 十' });
  });

  it('refuses malformed deliveries with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const cases: [ReturnType<typeof delivery>, string][] = [
      [{ ...delivery(6, BAIYUN, 'BAIYUN_YUNJU', PERSONAL_PHONE), form: 'topic=1' }, 'input.form'],
      [{ ...delivery(6, BAIYUN, 'BAIYUN_YUNJU', PERSONAL_PHONE), form: 'null' }, 'input.form'],
      [delivery(6, BAIYUN, 'BAIYUN_YUNJU', { ...PERSONAL_PHONE, topic: '事'.repeat(201) }), 'input.form.topic'],
      [delivery(6, BAIYUN, 'BAIYUN_YUNJU', { ...PERSONAL_PHONE, topic: ' ' }), 'input.form.topic'],
      [delivery(6, BAIYUN, 'BAIYUN_YUNJU', { ...PERSONAL_PHONE, personalMatter: 'yes' }), 'input.form.personalMatter'],
      [delivery(6, BAIYUN, 'BAIYUN_YUNJU', { ...PERSONAL_PHONE, category: 'TAX' }), 'input.form.category'],
      [delivery(6, BAIYUN, 'BAIYUN_YUNJU', { topic: '劳动合同', category: 'CONSULTATION', personalMatter: true }), 'input.form.channel'],
      // A checkup form sent for the legal item.
      [delivery(6, BAIYUN, 'BAIYUN_YUNJU', { preferredDate: '2026-06-20', hospital: null }), 'input.form.preferredDate'],
      [delivery(6, BAIYUN, 'BAIYUN_YUNJU', PERSONAL_PHONE, 'FREE_ANNUAL_CHECKUP'), 'input.item'],
      [{ ...delivery(6, BAIYUN, 'BAIYUN_YUNJU', PERSONAL_PHONE), caseId: 'x'.repeat(24) }, 'input.caseId'],
      [{ ...delivery(6, BAIYUN, 'BAIYUN_YUNJU', PERSONAL_PHONE), talentId: '' }, 'input.talentId'],
    ];
    for (const [input, field] of cases) {
      expect(refusal(await receive(input)), JSON.stringify(input)).toMatchObject({ count: 1, code: 'BAD_USER_INPUT', field });
    }
    const badTime = await fixture.served(RECEIVE, { input: { ...delivery(6, BAIYUN, 'BAIYUN_YUNJU', PERSONAL_PHONE), acceptedAt: 'yesterday' } });
    expect(refusal(badTime)).toMatchObject({ count: 1, code: 'BAD_USER_INPUT' });
    expect(await documentCounts(fixture)).toEqual({});
  });
});

describe('staff steps on a case consultation', () => {
  it('assigns, answers and closes: task IN_PROGRESS → DONE, a sequence per step, its latest state due to the window', async () => {
    const { consultation } = await received(delivery(7, LIWAN, 'LIWAN_YINGCAI', { ...PERSONAL_PHONE, channel: 'IN_PERSON' }));
    const id = consultation!.id;

    const assigned = await fixture.run(ASSIGN, { id, counsel: LAWYER });
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data).toMatchObject({ assignLegalCounsel: { status: 'ASSIGNED', counsel: LAWYER } });
    expect(await taskOf(7)).toMatchObject({ status: 'IN_PROGRESS', step: 'COUNSEL_ASSIGNED', note: '已安排律师梁嘉欣（荔湾区公共法律服务中心）答复（counsel assigned）' });

    fixture.clock.advance(3_600_000);
    const answered = await fixture.run(ANSWER, { id });
    expect(answered.data).toMatchObject({ answerLegalConsultation: { status: 'ANSWERED', answeredAt: expect.any(String) } });
    expect(await taskOf(7)).toMatchObject({ status: 'DONE', step: 'ANSWERED', completedAt: expect.any(String) });

    const closed = await fixture.run(CLOSE, { id });
    expect(closed.data).toMatchObject({ closeLegalConsultation: { status: 'CLOSED' } });
    expect(await taskOf(7)).toMatchObject({ status: 'DONE', step: 'CLOSED' });

    // The window gets the task's current state (kit/task-reports.ts): sequence 4 supersedes 1–3.
    expect((await queuedReports(fixture)).map(({ status, step, sequence }) => [status, step, sequence])).toEqual([['DONE', 'CLOSED', 4]]);
  });
});

describe('Case.legal', () => {
  it('returns each case’s task with its consultation in one query per collection, for 1 or 20 cases', async () => {
    for (let n = 0; n < 20; n += 1) {
      await received(delivery(100 + n, talentId(100 + n), n % 2 ? 'LIWAN_YINGCAI' : 'BAIYUN_YUNJU', n % 3 ? PERSONAL_PHONE : { ...PERSONAL_PHONE, channel: 'ONLINE' }));
    }
    for (const size of [1, 20]) {
      fixture.dbCommands.reset();
      const representations = Array.from({ length: size }, (_, n) => ({ __typename: 'Case', id: caseId(100 + n) }));
      const result = await fixture.run<{ _entities: { id: string; legal: Task[] }[] }>(CASE, { r: [...representations, { __typename: 'Case', id: caseId(999) }] });
      expect(result.errors).toBeUndefined();
      const cases = result.data!._entities;
      expect(cases.map((entry) => entry.id)).toEqual([...representations.map((entry) => entry.id), caseId(999)]);
      expect(cases.at(-1)!.legal).toEqual([]);
      // Baiyun online requests (n = 0, 6, 12, 18) were refused (000 十二（二）); every other case has its consultation.
      expect(cases.slice(0, size).map((entry) => entry.legal[0].consultation !== null)).toEqual(Array.from({ length: size }, (_, n) => n % 3 !== 0 || n % 2 === 1));
      expect(fixture.dbCommands.snapshot()).toEqual(size === 1 ? { 'find case_tasks': 1 } : { 'find case_tasks': 1, 'find legal_consultations': 1 });
    }
  });
});
