// Demo hukou transfers. Only programs whose seeds grant 落户 (see HUKOU_POLICIES), only while the
// card is active, only people the rules let move (mayTransfer), by a route the program offers
// (routeFor), with the five steps done in order up to today (000 一（二）).
import type { Program } from '../kit/programs';
import { type DepartmentSeeder, type SeedTalent, insertInBatches } from '../kit/seed';
import type { SeededRandom } from '../kit/seed-random';
import { ageOn } from '../kit/dates';
import { registerHouseholdModels } from './model';
import { AGE_OF_MAJORITY, HUKOU_STEPS, hukouPolicy, mayTransfer, routeFor, type HukouApplicantFacts, type HukouTransferStatus } from './rules';
import { addDays, daysBetween } from '../kit/dates';
import { seedDemoCaseTasks } from '../talent/cases/demo-tasks';

/** Share of eligible talents with any transfer: many holders already have a local hukou. */
const SHARE_WITH_TRANSFERS = 0.55;

/** [road, police station] pairs per district; the station is the one of the target address (000 一（二）5). */
const PLACES: Record<string, { city: string; places: readonly [string, string][] }> = {
  白云区: { city: '广州市', places: [['云城西路', '三元里派出所'], ['白云大道南', '景泰派出所'], ['同和路', '同和派出所'], ['京溪路', '京溪派出所'], ['机场路', '新市派出所'], ['嘉禾望岗路', '嘉禾派出所']] },
  荔湾区: { city: '广州市', places: [['沙面北街', '沙面派出所'], ['恩宁路', '逢源派出所'], ['多宝路', '多宝派出所'], ['白鹤洞路', '白鹤洞派出所'], ['花地大道', '冲口派出所']] },
  天河区: { city: '广州市', places: [['天河路', '天河南派出所'], ['五山路', '五山派出所'], ['石牌西路', '石牌派出所']] },
  洪山区: { city: '武汉市', places: [['珞喻路', '珞南派出所'], ['关山大道', '关山派出所']] },
  江汉区: { city: '武汉市', places: [['万松园路', '万松派出所'], ['唐家墩路', '唐家墩派出所']] },
  武昌区: { city: '武汉市', places: [['东湖路', '水果湖派出所'], ['中南路', '中南路派出所']] },
  东湖新技术开发区: { city: '武汉市', places: [['光谷大道', '关东派出所'], ['高新大道', '佛祖岭派出所']] },
};

const FALLBACK_DISTRICT: Record<Program, string> = {
  BAIYUN_YUNJU: '白云区',
  LIWAN_YINGCAI: '荔湾区',
  GUANGZHOU_GREEN_CARD: '天河区',
  WUHAN_GREEN_CHANNEL: '武昌区',
};

const REJECTIONS: Record<'INFO_CARD' | 'POLICE_REVIEW', readonly string[]> = {
  INFO_CARD: ['随迁家属材料不齐全，经一次性告知后逾期未补正', '本市合法住所证明与申报的入户地址不符'],
  POLICE_REVIEW: ['入户地址不符合落户条件（非本人或直系亲属的合法住所）', '户籍档案信息与申报资料不一致'],
};

/** Working days pass between steps: the gap before each step, in days. */
const STEP_GAPS: readonly [number, number][] = [[0, 2], [1, 10], [5, 20], [3, 15], [2, 10]];

function officeTime(random: SeededRandom, day: string): Date {
  const hour = String(random.int(9, 16)).padStart(2, '0');
  const minute = String(random.int(0, 59)).padStart(2, '0');
  return new Date(`${day}T${hour}:${minute}:00+08:00`);
}

interface Applicant extends HukouApplicantFacts {
  name: string;
}

function applicantsOf(talent: SeedTalent, random: SeededRandom, submittedOn: string): Applicant[] {
  const applicants: Applicant[] = [];
  // Some holders already have a local hukou and move only their family.
  if (random.chance(0.7)) applicants.push({ name: talent.name, relation: 'HOLDER', birthDate: talent.birthDate, dependent: null });
  for (const member of talent.family) {
    if (member.relation === 'SPOUSE' && random.chance(0.9)) {
      applicants.push({ name: member.name, relation: 'SPOUSE', birthDate: member.birthDate, dependent: null });
    }
    if (member.relation === 'CHILD') {
      // An adult child counts only while still dependent (001 第四条（一）), e.g. a student.
      const age = ageOn(member.birthDate, submittedOn);
      const dependent = age < AGE_OF_MAJORITY || (age <= 22 && random.chance(0.6));
      const child: Applicant = { name: member.name, relation: 'CHILD', birthDate: member.birthDate, dependent };
      if (dependent && mayTransfer(talent.program, child, submittedOn)) applicants.push(child);
    }
  }
  return applicants;
}

function transfersFor(talent: SeedTalent, random: SeededRandom, today: string): Record<string, unknown>[] {
  const lastDay = talent.cardExpiresOn < today ? talent.cardExpiresOn : today;
  const span = daysBetween(talent.cardIssuedOn, lastDay);
  if (span < 0) return [];
  // About a third applied in the last few months, so some families are still in the middle of the flow.
  const submittedOn = random.chance(0.35) ? addDays(lastDay, -random.int(0, Math.min(span, 80))) : addDays(talent.cardIssuedOn, random.int(0, span));
  // Wuhan offers planned guidance only (004 第五条第4项); elsewhere a holder who misses its
  // conditions takes an adjusted total-quota place (002 九; 001 第四条（一）).
  const route = routeFor(talent.program, talent.program === 'WUHAN_GREEN_CHANNEL' || random.chance(0.65));
  const applicants = applicantsOf(talent, random, submittedOn);
  if (!route || applicants.length === 0) return [];

  // One batch: the family moves together, so the steps are shared.
  let day = submittedOn;
  const stepDays = STEP_GAPS.map(([min, max]) => (day = addDays(day, random.int(min, max))));
  // Steps due today are not done yet: no completion time lies in the future.
  let done = stepDays.filter((stepDay) => stepDay < today).length;
  let status: HukouTransferStatus = done === HUKOU_STEPS.length ? 'SETTLED' : 'IN_PROGRESS';
  let rejectionReason: string | null = null;
  const roll = random.next();
  if (roll < 0.07 && done >= 3) {
    // Refused when the information card is issued (step 3) or at the police review (step 4).
    const at = done >= 4 && random.chance(0.6) ? 'POLICE_REVIEW' : 'INFO_CARD';
    done = HUKOU_STEPS.indexOf(at);
    status = 'REJECTED';
    rejectionReason = random.pick(REJECTIONS[at]);
  } else if (roll < 0.11 && done >= 1) {
    // Withdrawn by the family somewhere before step 5.
    done = random.int(1, Math.min(done, HUKOU_STEPS.length - 1));
    status = 'WITHDRAWN';
  }
  const stepTimes = stepDays.map((stepDay, index) => (index < done ? officeTime(random, stepDay) : null));
  // Times within one day keep their order.
  for (let index = 1; index < done; index += 1) {
    if (stepTimes[index]! < stepTimes[index - 1]!) stepTimes[index] = stepTimes[index - 1];
  }

  const district = PLACES[talent.district] ? talent.district : FALLBACK_DISTRICT[talent.program];
  const { city, places } = PLACES[district];
  const [road, policeStation] = random.pick(places);
  const targetAddress = `${city}${district}${road}${random.int(1, 399)}号${random.int(1, 12)}栋${random.int(2, 30)}0${random.int(1, 6)}房`;

  return applicants.map((applicant) => ({
    talentId: talent.id,
    program: talent.program,
    applicant,
    route,
    steps: HUKOU_STEPS.map((step, index) => ({ step, completedAt: stepTimes[index] })),
    status,
    targetAddress,
    policeStation,
    submittedOn,
    settledOn: status === 'SETTLED' ? stepDays[HUKOU_STEPS.length - 1] : null,
    rejectionReason,
  }));
}

export const seedHousehold: DepartmentSeeder = async (connection, talents, random, today) => {
  const { HukouTransfer } = registerHouseholdModels(connection);
  const household = random.fork('household');
  const documents: Record<string, unknown>[] = [];
  for (const talent of talents) {
    const talentRandom = household.fork(talent.id);
    // Services stop when a card leaves the management list (001 第六条); only active cards get records.
    if (!hukouPolicy(talent.program) || talent.cardStatus !== 'ACTIVE' || !talentRandom.chance(SHARE_WITH_TRANSFERS)) continue;
    documents.push(...transfersFor(talent, talentRandom, today));
  }
  await insertInBatches(HukouTransfer, documents);
  // This department's parts of the demo cases, from the plan the window's seed uses too (issue 10).
  const tasks = await seedDemoCaseTasks(connection, talents, today, 'household');
  return documents.length + tasks;
};
