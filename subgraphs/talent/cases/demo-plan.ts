// Demo cases (issue 10 "Demo data"): ONE deterministic plan, read by the window's seed (the case
// documents and their archive) and by every department's seed (its tasks), so both sides agree —
// the same ids (kit/case-task.ts taskIdFor), due days, statuses and forms. Cases in every state
// and every department, over the last four months: some overdue (004 第十七条), some with 容缺
// materials still owed (002 二（一）2), some delivered (004 第十一条), some refused, withdrawn, or
// waiting on a failed hand-over (retryCaseDelivery). Time limits are the catalog's, in working
// days on the project's calendar (004 第六条). Pure: no database here.
import { SERVICE_DEPARTMENT, type ServiceCode, type ServiceForms } from '../../kit/case-forms';
import { taskIdFor, type CaseTaskStatus } from '../../kit/case-task';
import { addDays } from '../../kit/dates';
import type { DepartmentName } from '../../kit/departments';
import { derivedId } from '../../kit/mongo';
import type { SeedTalent } from '../../kit/seed';
import { SeededRandom } from '../../kit/seed-random';
import type { WorkingCalendar } from '../../kit/working-days';
import { CATALOG, catalogItem, type MaterialCode } from '../catalog';
import type { CaseStatus } from '../case-model';

/** Its own generator: the window and each department see the same plan whatever else they draw. */
const PLAN_SEED = 0x10ca5e;
const STATES: CaseStatus[] = ['IN_PROGRESS', 'READY_FOR_DELIVERY', 'DELIVERED', 'RECEIVED', 'REJECTED', 'WITHDRAWN'];
const DEPARTMENTS: DepartmentName[] = ['household', 'education', 'health', 'legal', 'housing', 'customs'];
const HOUR = 3_600_000;

export interface DemoItem {
  service: ServiceCode;
  department: DepartmentName;
  form: Record<string, unknown>;
  dueOn: string;
  /** The department's task: null while the part has not reached it (a failed hand-over). */
  task: { status: CaseTaskStatus; step: string | null; note: string; reason: string | null; receivedAt: Date; completedAt: Date | null; sequence: number } | null;
}

export interface DemoCase {
  id: string;
  talentId: string;
  program: string;
  district: string;
  status: CaseStatus;
  acceptedAt: Date;
  items: DemoItem[];
  materials: MaterialCode[];
  pendingMaterials: { code: MaterialCode; promisedBy: string; suppliedAt: Date | null }[];
  deferralStatement: string | null;
  deliveredAt: Date | null;
  closedReason: string | null;
  specialist: string;
}

const SPECIALISTS = ['周敏', '梁志华', '陈晓琳', '黄文斌'];
const REFUSALS: Partial<Record<DepartmentName, string>> = {
  household: '申请人已在本市落户，无需办理（000 一（一））',
  education: '所选学校学位已满，已按规定统筹安排（000 八（二）2）',
  health: '本年度已享受工会体检，不再安排免费体检（000 十一）',
  legal: '所涉事项属企业经营事务，不属免费个人法律咨询范围（000 十二（三）1）',
  housing: '申请人配偶在本市有自有住房，不符合人才公寓条件（000 九）',
  customs: '航班时间距申请不足规定提前量，无法安排（000 十三（三）1）',
};
const STEP_NOTES: Record<DepartmentName, { step: string | null; note: string }> = {
  household: { step: 'POLICE_REVIEW', note: '公安分局复核中' },
  education: { step: null, note: '已受理，待学位安排' },
  health: { step: null, note: '已预约体检' },
  legal: { step: null, note: '已安排法律顾问' },
  housing: { step: null, note: '资格审核中' },
  customs: { step: null, note: '已安排贵宾通道' },
};

/** An id whose time is the acceptance, so `cases` (newest first, by id) lists demo cases in order. */
function caseIdAt(acceptedAt: Date, n: number): string {
  const seconds = Math.floor(acceptedAt.getTime() / 1000).toString(16).padStart(8, '0');
  return `${seconds}${derivedId('demo-case', n).toHexString().slice(8)}`;
}

/** The services a talent may ask for (catalog programs), of one department, whose form the plan can fill. */
function servicesFor(talent: SeedTalent, department: DepartmentName): ServiceCode[] {
  const child = talent.family.some((member) => member.relation === 'CHILD');
  return CATALOG.filter((item) => item.department === department && item.programs.includes(talent.program))
    .map((item) => item.code)
    .filter((code) => code !== 'HUKOU_TRANSFER_FAMILY' && (child || (code !== 'KINDERGARTEN_ENROLMENT' && code !== 'SCHOOL_ENROLMENT')));
}

function formFor(service: ServiceCode, talent: SeedTalent, acceptedOn: string, random: SeededRandom): ServiceForms[ServiceCode] {
  const holder = { name: talent.name, relation: 'HOLDER' as const, birthDate: talent.birthDate, idNumber: talent.idNumber };
  const year = Number(acceptedOn.slice(0, 4));
  switch (service) {
    case 'HUKOU_TRANSFER_HOLDER':
    case 'HUKOU_TRANSFER_FAMILY':
      return { applicants: [holder], route: 'PLANNED_GUIDANCE', targetAddress: `广州市${talent.district}人才大道 ${random.int(1, 200)} 号`, policeStation: `${talent.district.slice(0, 2)}派出所` };
    case 'KINDERGARTEN_ENROLMENT':
    case 'SCHOOL_ENROLMENT': {
      const child = talent.family.find((member) => member.relation === 'CHILD')!;
      const gender = child.gender;
      return { child: { name: child.name, relation: 'CHILD', birthDate: child.birthDate, idNumber: child.idNumber, gender }, level: service === 'KINDERGARTEN_ENROLMENT' ? 'KINDERGARTEN' : 'PRIMARY', schoolYear: year, district: talent.district, preferredSchool: `${talent.district}实验学校` };
    }
    case 'FREE_ANNUAL_CHECKUP':
    case 'UNION_CHECKUP':
      return { preferredDate: addDays(acceptedOn, random.int(5, 20)), hospital: null };
    case 'FAMILY_DOCTOR_CONTRACT':
      return { communityHealthCentre: `${talent.district}社区卫生服务中心`, team: `第${random.int(1, 6)}家庭医生团队`, package: random.chance(0.5) ? 'FREE' : 'BASIC', startsOn: addDays(acceptedOn, 7) };
    case 'LEGAL_CONSULTATION':
      return { topic: random.pick(['劳动合同解除的经济补偿', '房屋租赁押金退还纠纷', '职务发明的权属与奖励']), category: 'CONSULTATION', personalMatter: true, channel: random.pick(['PHONE', 'IN_PERSON', 'ONLINE'] as const) };
    case 'TALENT_APARTMENT':
      return { district: talent.district, project: `${talent.district.slice(0, 2)}人才公寓一期`, householdSize: 1 + talent.family.filter((member) => member.relation !== 'PARENT').length, declarations: [{ personName: talent.name, relation: 'HOLDER', city: '广州市', homesOwned: 0 }] };
    case 'AIRPORT_VIP_DOMESTIC':
    case 'AIRPORT_VIP_INTERNATIONAL':
      return {
        direction: 'DEPARTURE',
        flightNumber: `CZ${random.int(3000, 3999)}`,
        flightTime: new Date(Date.parse(`${addDays(acceptedOn, random.int(3, 10))}T10:00:00+08:00`)).toISOString(),
        passengers: [{ name: talent.name }],
        greeters: [],
        vehicles: [],
        checkedLuggage: true,
        nameSign: false,
        contactPhone: talent.phone,
      };
    case 'EXIT_ENTRY_PERMIT':
    case 'RESIDENCE_PERMIT':
      return { applicantName: talent.name };
  }
}

/** The last working day at or before `day`. */
function workingDayAtOrBefore(day: string, calendar: WorkingCalendar): string {
  let current = day;
  while (!calendar.isWorkingDay(current)) current = addDays(current, -1);
  return current;
}

const at = (day: string, hour: number) => new Date(Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`));

/**
 * The demo cases for these talents as of `today`: a few per state and department pairing, at most
 * one per 5 talents (and at least 12), so the seed stays fast for any number of talents.
 */
export function demoCasePlan(talents: readonly SeedTalent[], today: string, calendar: WorkingCalendar): DemoCase[] {
  const random = new SeededRandom(PLAN_SEED);
  const eligible = talents.filter((talent) => talent.cardStatus === 'ACTIVE' && talent.cardExpiresOn > today);
  if (eligible.length === 0) return [];
  const count = Math.min(72, Math.max(12, Math.floor(talents.length / 5)));
  const cases: DemoCase[] = [];
  for (let n = 0; n < count; n += 1) {
    const status = STATES[n % STATES.length];
    const lead = DEPARTMENTS[Math.floor(n / STATES.length) % DEPARTMENTS.length];
    // A talent whose program offers the lead department something; now and then a second department too.
    const offered = eligible.filter((talent) => servicesFor(talent, lead).length > 0);
    if (offered.length === 0) continue;
    const talent = random.pick(offered);
    const departments = [lead, ...DEPARTMENTS.filter((department) => department !== lead && random.chance(0.25))];
    const services = departments.map((department) => random.pick(servicesFor(talent, department))).filter((service): service is ServiceCode => service !== undefined);
    // Newer cases are still open; finished ones spread over the last four months.
    // Every other case in progress is well past its limits (督办), the rest recent.
    const round = Math.floor(n / STATES.length);
    const ageDays = status === 'RECEIVED' ? random.int(0, 2) : status === 'IN_PROGRESS' ? (round % 2 === 0 ? random.int(45, 75) : random.int(1, 10)) : random.int(20, 120);
    const acceptedOn = workingDayAtOrBefore(addDays(today, -ageDays), calendar);
    const acceptedAt = at(acceptedOn, 9 + random.int(0, 7));
    cases.push(planCase(n, status, talent, services, acceptedOn, acceptedAt, today, calendar, random));
  }
  return cases;
}

function planCase(n: number, status: CaseStatus, talent: SeedTalent, services: ServiceCode[], acceptedOn: string, acceptedAt: Date, today: string, calendar: WorkingCalendar, random: SeededRandom): DemoCase {
  const now = at(today, 8);
  const items: DemoItem[] = services.map((service, index) => {
    const department = SERVICE_DEPARTMENT[service];
    const dueOn = calendar.addWorkingDays(acceptedOn, catalogItem(service).timeLimitWorkingDays);
    const receivedAt = new Date(acceptedAt.getTime() + HOUR / 6);
    // Finished a few working days before the limit (or, for some, after it: late but done).
    const planned = calendar.addWorkingDays(acceptedOn, Math.max(1, catalogItem(service).timeLimitWorkingDays - random.int(-2, 3)));
    const latest = workingDayAtOrBefore(addDays(today, -1), calendar);
    const finishedOn = planned <= latest ? planned : latest > acceptedOn ? latest : acceptedOn;
    const finished = (taskStatus: CaseTaskStatus, note: string, reason: string | null = null) => ({ status: taskStatus, step: null, note, reason, receivedAt, completedAt: at(finishedOn, 15), sequence: 3 });
    const open = (taskStatus: CaseTaskStatus) => ({ status: taskStatus, ...STEP_NOTES[department], ...(taskStatus === 'RECEIVED' ? { step: null, note: '已接收' } : {}), reason: null, receivedAt, completedAt: null, sequence: taskStatus === 'RECEIVED' ? 1 : 2 });
    let task: DemoItem['task'];
    switch (status) {
      case 'RECEIVED':
        task = null;
        break;
      case 'IN_PROGRESS':
        // The first part still worked on; a later one may be finished already.
        task = index === 0 ? open(random.chance(0.3) ? 'RECEIVED' : 'IN_PROGRESS') : random.chance(0.5) ? finished('DONE', '已办结') : open('IN_PROGRESS');
        break;
      case 'REJECTED':
        task = finished('REFUSED', '不能办理', REFUSALS[department] ?? '不符合办理条件');
        break;
      case 'WITHDRAWN':
        task = { status: 'CANCELLED', step: null, note: '申请人撤回办件：行程有变（withdrawn by the applicant）', reason: null, receivedAt, completedAt: at(finishedOn, 11), sequence: 2 };
        break;
      default:
        task = index > 0 && random.chance(0.2) ? finished('REFUSED', '不能办理', REFUSALS[department] ?? '不符合办理条件') : finished('DONE', '已办结');
    }
    return { service, department, form: formFor(service, talent, acceptedOn, random) as unknown as Record<string, unknown>, dueOn, task };
  });
  if ((status === 'READY_FOR_DELIVERY' || status === 'DELIVERED') && items.every((item) => item.task?.status !== 'DONE')) items[0].task = { ...items[0].task!, status: 'DONE', note: '已办结', reason: null };
  // 容缺受理 on about a third of the cases: owed while open, supplied before delivery (002 二（一）2).
  const optional = [...new Set(services.flatMap((service) => catalogItem(service).materials.filter((material) => !material.key).map((material) => material.code)))];
  const deferred = optional.length > 0 && (n % 3 === 0 || random.chance(0.3)) && status !== 'REJECTED' ? optional.slice(0, 1) : [];
  const promisedBy = addDays(acceptedOn, 20);
  const supplied = status === 'DELIVERED' || (status !== 'RECEIVED' && random.chance(0.3));
  const materials = [...new Set(services.flatMap((service) => catalogItem(service).materials.map((material) => material.code)))].filter((code) => !deferred.includes(code));
  const lastFinish = Math.max(...items.map((item) => item.task?.completedAt?.getTime() ?? acceptedAt.getTime()));
  return {
    id: caseIdAt(acceptedAt, n),
    talentId: talent.id,
    program: talent.program,
    district: talent.district,
    status,
    acceptedAt,
    items,
    materials,
    pendingMaterials: deferred.map((code) => ({ code, promisedBy, suppliedAt: supplied ? new Date(Math.min(lastFinish, acceptedAt.getTime() + 5 * 24 * HOUR)) : null })),
    deferralStatement: deferred.length > 0 ? '本人承诺在期限内补齐所缺材料，逾期未补齐的自愿承担相应责任。' : null,
    deliveredAt: status === 'DELIVERED' ? new Date(Math.min(lastFinish + 20 * HOUR, now.getTime())) : null,
    closedReason: status === 'WITHDRAWN' ? '行程有变，暂不办理' : null,
    specialist: SPECIALISTS[n % SPECIALISTS.length],
  };
}

/** One department's tasks of the plan, as its case desk stores them (kit/case-task-model.ts). */
export function demoCaseTasks(plan: readonly DemoCase[], department: DepartmentName) {
  return plan.flatMap((demo) =>
    demo.items
      .filter((item) => item.department === department && item.task)
      .map((item) => {
        const task = item.task!;
        const doneAt = new Date((task.completedAt ?? task.receivedAt).getTime() + 60_000);
        return {
          _id: taskIdFor(demo.id, item.service),
          caseId: demo.id,
          talentId: demo.talentId,
          program: demo.program,
          item: item.service,
          form: item.form,
          status: task.status,
          step: task.step,
          note: task.note,
          reason: task.reason,
          recordIds: [],
          acceptedAt: demo.acceptedAt,
          dueOn: item.dueOn,
          receivedAt: task.receivedAt,
          completedAt: task.completedAt,
          decided: true,
          sequence: task.sequence,
          acknowledgedSequence: task.sequence,
          report: { state: 'DONE', attempts: 1, dueAt: null, leaseUntil: null, lastError: null, doneAt },
          pendingStep: null,
        };
      }),
  );
}
