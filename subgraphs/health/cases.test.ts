// 卫健局's part of a case (统一受理、并行办理, 004 第七至十一条): the window's delivery becomes one task
// per (case, item), decided by the health rules; staff steps move it; every change is queued for the window.
import { describe, expect, it } from 'vitest';
import { BAIYUN_CHECKUP_BASE, familyDoctorTermEnd } from './rules';
import { documentCounts } from '../../test/case-desk';
import {
  BOOKING_FIELDS,
  LIWAN_CONTRACT,
  NOW,
  RECEIVE,
  TASK_FIELDS,
  TODAY,
  caseId,
  delivery,
  queuedReports,
  refusal,
  talentId,
  useHealthFixture,
} from './testing';

const fixture = useHealthFixture();

type Task = { id: string; status: string; step: string | null; note: string; reason: string | null; completedAt: string | null; checkupBooking: { id: string } | null; familyDoctorContract: { id: string } | null };
const receive = async (input: ReturnType<typeof delivery>) => fixture.run<{ receiveHealthCaseTask: Task }>(RECEIVE, { input });
const received = async (input: ReturnType<typeof delivery>) => {
  const result = await receive(input);
  expect(result.errors).toBeUndefined();
  return result.data!.receiveHealthCaseTask;
};
const BAIYUN = talentId(1);
const LIWAN = talentId(2);
const freeCheckup = (n: number, talent = BAIYUN, program: 'BAIYUN_YUNJU' | 'LIWAN_YINGCAI' = 'BAIYUN_YUNJU', hospital: string | null = null) =>
  delivery(n, talent, program, 'FREE_ANNUAL_CHECKUP', { preferredDate: '2026-06-20', hospital });

describe('receiveHealthCaseTask', () => {
  it('books the free checkup at the cadre health-care base and reports the task IN_PROGRESS', async () => {
    const task = await received(freeCheckup(1));
    const booking = await fixture.connection.models.CheckupBooking.findOne().lean<{ _id: { toString(): string } }>();
    expect(task).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      item: 'FREE_ANNUAL_CHECKUP',
      status: 'IN_PROGRESS',
      step: 'CHECKUP_BOOKED',
      note: '已预约免费体检：2026-06-20（free checkup booked）',
      reason: null,
      dueOn: '2026-06-22',
      receivedAt: expect.any(String),
      completedAt: null,
      // 000 十一: 统一安排在区干部保健基地 — the base, though the form named no hospital.
      checkupBooking: { id: booking!._id.toString(), caseId: caseId(1), year: 2026, kind: 'HEALTH_CHECKUP', hospital: BAIYUN_CHECKUP_BASE, scheduledOn: '2026-06-20', status: 'BOOKED' },
      familyDoctorContract: null,
    });
    expect(await queuedReports(fixture)).toEqual([{ caseId: caseId(1), item: 'FREE_ANNUAL_CHECKUP', department: 'health', status: 'IN_PROGRESS', step: 'CHECKUP_BOOKED', sequence: 1 }]);
  });

  it('signs a Liwan family-doctor contract for one year and finishes the task', async () => {
    const task = await received(delivery(2, LIWAN, 'LIWAN_YINGCAI', 'FAMILY_DOCTOR_CONTRACT', LIWAN_CONTRACT));
    expect(task).toMatchObject({ status: 'DONE', step: 'CONTRACT_SIGNED', reason: null, completedAt: expect.any(String), checkupBooking: null });
    expect(task.familyDoctorContract).toEqual({
      id: expect.any(String), caseId: caseId(2), team: '逢源家庭医生一队', communityHealthCentre: '荔湾区逢源街社区卫生服务中心',
      package: 'FREE', startsOn: TODAY, endsOn: familyDoctorTermEnd(TODAY), status: 'ACTIVE', renewals: 0,
    });
    expect(await queuedReports(fixture)).toEqual([{ caseId: caseId(2), item: 'FAMILY_DOCTOR_CONTRACT', department: 'health', status: 'DONE', step: 'CONTRACT_SIGNED', sequence: 1 }]);
  });

  it('keeps one task and one booking when the same part is delivered twice', async () => {
    const first = await received(freeCheckup(3));
    const again = await received(freeCheckup(3));
    expect(again).toEqual(first);
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1, CheckupBooking: 1 });
  });

  it('answers a part its rules forbid with REFUSED and the reason, writing no record', async () => {
    // 000 十: the union checkup is Baiyun's; a Liwan holder's part comes back with the rule and its source.
    const task = await received(delivery(4, LIWAN, 'LIWAN_YINGCAI', 'UNION_CHECKUP', { preferredDate: '2026-06-20', hospital: '荔湾区人民医院' }));
    expect(task).toMatchObject({
      status: 'REFUSED', step: null, checkupBooking: null, completedAt: expect.any(String),
      reason: '工会体检仅限白云区云聚英才卡（the union checkup is for Baiyun holders only）— 000 十',
    });
    expect(await documentCounts(fixture)).toEqual({ CaseTask: 1 });
    expect((await queuedReports(fixture))[0]).toMatchObject({ status: 'REFUSED', sequence: 1 });
  });

  it('refuses a Baiyun free checkup in a year whose union checkup was chosen, naming every broken rule', async () => {
    // 000 十一（与工会服务二选一）and 000 十一: the base only.
    await received(delivery(5, BAIYUN, 'BAIYUN_YUNJU', 'UNION_CHECKUP', { preferredDate: '2026-07-01', hospital: '白云区第二人民医院' }));
    const task = await received(freeCheckup(6, BAIYUN, 'BAIYUN_YUNJU', '白云区第三人民医院'));
    expect(task.status).toBe('REFUSED');
    expect(task.reason).toBe(
      `白云免费体检统一在${BAIYUN_CHECKUP_BASE}进行（Baiyun free checkups take place at the cadre health-care base）— 000 十一；` +
        '本年度已选择工会体检，不能再享受免费体检（the union checkup was chosen this year）— 000 十一（与工会服务二选一）',
    );
  });

  it('refuses malformed deliveries with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const cases: [ReturnType<typeof delivery>, string][] = [
      [{ ...freeCheckup(7), form: '{"preferredDate": ' }, 'input.form'],
      [{ ...freeCheckup(7), form: '[1, 2]' }, 'input.form'],
      [delivery(7, BAIYUN, 'BAIYUN_YUNJU', 'FREE_ANNUAL_CHECKUP', { preferredDate: '2026-02-30', hospital: null }), 'input.form.preferredDate'],
      [delivery(7, BAIYUN, 'BAIYUN_YUNJU', 'FREE_ANNUAL_CHECKUP', { preferredDate: '2026-06-20', hospital: 12 }), 'input.form.hospital'],
      [delivery(7, BAIYUN, 'BAIYUN_YUNJU', 'FREE_ANNUAL_CHECKUP', { preferredDate: '2026-06-20', hospital: '院'.repeat(81) }), 'input.form.hospital'],
      [delivery(7, BAIYUN, 'BAIYUN_YUNJU', 'FREE_ANNUAL_CHECKUP', { preferredDate: '2026-06-20' }), 'input.form.hospital'],
      // A family-doctor form sent for a checkup item: fields that are not the item's.
      [delivery(7, LIWAN, 'LIWAN_YINGCAI', 'FREE_ANNUAL_CHECKUP', LIWAN_CONTRACT), 'input.form.communityHealthCentre'],
      [delivery(7, LIWAN, 'LIWAN_YINGCAI', 'FAMILY_DOCTOR_CONTRACT', { ...LIWAN_CONTRACT, package: 'PERSONAL' }), 'input.form.package'],
      [delivery(7, LIWAN, 'LIWAN_YINGCAI', 'FAMILY_DOCTOR_CONTRACT', { ...LIWAN_CONTRACT, team: '  ' }), 'input.form.team'],
      [delivery(7, BAIYUN, 'BAIYUN_YUNJU', 'AIRPORT_VIP_DOMESTIC', {}), 'input.item'],
      [{ ...freeCheckup(7), caseId: 'case-7' }, 'input.caseId'],
      [{ ...freeCheckup(7), talentId: '0123' }, 'input.talentId'],
    ];
    for (const [input, field] of cases) {
      const result = await receive(input);
      expect(refusal(result), JSON.stringify(input)).toMatchObject({ count: 1, code: 'BAD_USER_INPUT', field });
    }
    // Wrong types in the delivery itself are refused before any resolver runs.
    const wrongProgram = await fixture.served(RECEIVE, { input: { ...freeCheckup(7), program: 'SHENZHEN' } });
    expect(refusal(wrongProgram)).toMatchObject({ count: 1, code: 'BAD_USER_INPUT' });
    const noForm = await fixture.served(RECEIVE, { input: { ...freeCheckup(7), form: undefined } });
    expect(refusal(noForm)).toMatchObject({ count: 1, code: 'BAD_USER_INPUT' });
    expect(await documentCounts(fixture)).toEqual({});
  });
});

describe('staff steps on a case checkup', () => {
  const RECORD_DONE = `mutation ($id: ID!) { recordCheckupDone(id: $id) { ${BOOKING_FIELDS} } }`;
  const CANCEL = `mutation ($id: ID!) { cancelCheckupBooking(id: $id) { ${BOOKING_FIELDS} } }`;
  const CASE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id health { ${TASK_FIELDS} } } } }`;
  const taskOf = async (n: number) => {
    const result = await fixture.run<{ _entities: { health: Task[] }[] }>(CASE, { r: [{ __typename: 'Case', id: caseId(n) }] });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0].health[0];
  };

  it('records the checkup done on its day: task DONE, its report due with sequence 2', async () => {
    const { checkupBooking } = await received(freeCheckup(8));
    fixture.clock.set(new Date('2026-06-20T15:00:00+08:00'));
    try {
      const done = await fixture.run(RECORD_DONE, { id: checkupBooking!.id });
      expect(done.errors).toBeUndefined();
      expect(done.data).toMatchObject({ recordCheckupDone: { status: 'DONE' } });
      expect(await taskOf(8)).toMatchObject({ status: 'DONE', step: 'CHECKUP_DONE', completedAt: expect.any(String) });
      // The window gets the task's current state (kit/task-reports.ts), which supersedes sequence 1.
      expect((await queuedReports(fixture)).map(({ status, step, sequence }) => [status, step, sequence])).toEqual([['DONE', 'CHECKUP_DONE', 2]]);
    } finally {
      fixture.clock.set(NOW);
    }
  });

  it('cancels a booking: task CANCELLED, and the year’s checkup can be booked again by a new case', async () => {
    // 001 第四条（四）; 002 八（三）: once a year — a cancelled booking gives its use back.
    const { checkupBooking } = await received(freeCheckup(9));
    expect((await received(freeCheckup(10))).status).toBe('REFUSED');
    const cancelled = await fixture.run(CANCEL, { id: checkupBooking!.id });
    expect(cancelled.errors).toBeUndefined();
    expect(await taskOf(9)).toMatchObject({ status: 'CANCELLED', step: 'CHECKUP_CANCELLED', checkupBooking: { status: 'CANCELLED' } });
    expect((await received(freeCheckup(11))).status).toBe('IN_PROGRESS');
    expect((await queuedReports(fixture)).filter((report) => report.caseId === caseId(9)).map((report) => [report.status, report.sequence])).toEqual([['CANCELLED', 2]]);
  });
});

describe('Case.health', () => {
  it('returns each case’s tasks with their records in one query per collection, for 1 or 20 cases', async () => {
    for (let n = 0; n < 20; n += 1) {
      const talent = talentId(100 + n);
      await received(n % 2 ? freeCheckup(100 + n, talent) : delivery(100 + n, talent, 'LIWAN_YINGCAI', 'FAMILY_DOCTOR_CONTRACT', LIWAN_CONTRACT));
    }
    const CASES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id health { ${TASK_FIELDS} } } } }`;
    for (const size of [1, 20]) {
      fixture.dbCommands.reset();
      const representations = Array.from({ length: size }, (_, n) => ({ __typename: 'Case', id: caseId(100 + n) }));
      const result = await fixture.run<{ _entities: { id: string; health: Task[] }[] }>(CASES, { r: [...representations, { __typename: 'Case', id: caseId(999) }] });
      expect(result.errors).toBeUndefined();
      const cases = result.data!._entities;
      expect(cases.map((entry) => entry.id)).toEqual([...representations.map((entry) => entry.id), caseId(999)]);
      expect(cases.at(-1)!.health).toEqual([]);
      expect(cases.slice(0, size).every((entry, n) => (n % 2 ? entry.health[0].checkupBooking : entry.health[0].familyDoctorContract) !== null)).toBe(true);
      expect(fixture.dbCommands.snapshot()).toEqual(
        size === 1
          ? { 'find case_tasks': 1, 'find family_doctor_contracts': 1 }
          : { 'find case_tasks': 1, 'find checkup_bookings': 1, 'find family_doctor_contracts': 1 },
      );
    }
  });
});
