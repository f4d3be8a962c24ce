// Demo enrolment requests. Only programs whose seeds grant 子女入学 (EDUCATION_POLICIES), only
// for the holder's children (mayEnrol), at the level their age allows (levelForAge), with the
// lottery and priority outcomes the rules allow, decided no later than today.
import { type DepartmentSeeder, type SeedFamilyMember, type SeedTalent, insertInBatches } from '../kit/seed';
import type { SeededRandom } from '../kit/seed-random';
import { registerEducationModels } from './model';
import {
  ageAtEntry,
  educationPolicy,
  LEVEL_AGES,
  levelForAge,
  lotteryApplies,
  mayEnrol,
  priorityMayBeRequested,
  priorityOutcome,
  type EnrolmentStatus,
  type LotteryOutcome,
  type PriorityOutcome,
  type SchoolLevel,
} from './rules';
import { addDays } from '../kit/dates';
import { initialOutcomes } from './request-rules';
import { seedDemoCaseTasks } from '../talent/cases/demo-tasks';

const SHARE_WITH_REQUESTS = 0.7;

interface DistrictSchools {
  /** District public schools by level; the first list doubles as 区属公办 kindergartens. */
  schools: Record<SchoolLevel, readonly string[]>;
  /** Private kindergartens (000 八: 其他类型公办园或民办园). */
  privateKindergartens: readonly string[];
}

const SCHOOLS: Record<string, DistrictSchools> = {
  白云区: {
    schools: {
      KINDERGARTEN: ['广州市白云区机关幼儿园', '广州市白云区京溪幼儿园', '广州市白云区同和幼儿园', '广州市白云区景泰幼儿园'],
      PRIMARY: ['广州市白云区京溪小学', '广州市白云区同和小学', '广州市白云区景泰小学', '广州市白云区实验小学'],
      JUNIOR_SECONDARY: ['广州市白云区京溪中学', '广州市白云区同和中学', '广州市白云区实验中学'],
    },
    privateKindergartens: ['广州市白云区云景幼儿园（民办）', '广州市白云区金沙洲幼儿园（民办）'],
  },
  天河区: {
    schools: {
      KINDERGARTEN: ['广州市天河区第一幼儿园', '广州市天河区五山幼儿园', '广州市天河区石牌幼儿园'],
      PRIMARY: ['广州市天河区华阳小学', '广州市天河区五山小学', '广州市天河区石牌小学'],
      JUNIOR_SECONDARY: ['广州市天河区五山中学', '广州市天河区天河中学'],
    },
    privateKindergartens: ['广州市天河区珠江新城幼儿园（民办）'],
  },
  // 004 第五条第11项: 市属 schools, wherever in Wuhan the family lives.
  武汉市: {
    schools: {
      KINDERGARTEN: ['武汉市机关第一幼儿园', '武汉市直属机关第二幼儿园'],
      PRIMARY: ['武汉市育才小学', '武汉市实验小学'],
      JUNIOR_SECONDARY: ['武汉市第一初级中学', '武汉市第二初级中学'],
    },
    privateKindergartens: [],
  },
};

function schoolsFor(talent: SeedTalent): { district: string; catalogue: DistrictSchools } {
  if (talent.program === 'WUHAN_GREEN_CHANNEL') return { district: talent.district, catalogue: SCHOOLS['武汉市'] };
  const district = SCHOOLS[talent.district] ? talent.district : talent.program === 'BAIYUN_YUNJU' ? '白云区' : '天河区';
  return { district, catalogue: SCHOOLS[district] };
}

interface Outcome {
  lotteryOutcome: LotteryOutcome;
  priorityOutcome: PriorityOutcome;
  status: EnrolmentStatus;
  assignedSchool: string | null;
}

/** The decision, drawn the way the rules allow it (001 第四条（二）; 000 八). */
function decide(program: string, level: SchoolLevel, preferred: string, catalogue: DistrictSchools, random: SeededRandom): Outcome {
  const publicSchools = catalogue.schools[level];
  const lotteryOutcome: LotteryOutcome = lotteryApplies(program, level) ? (random.chance(0.4) ? 'WON' : 'NOT_WON') : 'NOT_APPLICABLE';
  if (lotteryOutcome === 'WON') return { lotteryOutcome, priorityOutcome: 'NOT_REQUESTED', status: 'PLACED', assignedSchool: preferred };
  const requested = priorityMayBeRequested(program, level, lotteryOutcome) && random.chance(0.85);
  // Places left after catchment children or the lottery decide the priority (000 八; 001 第四条（二）).
  const priority: PriorityOutcome = requested ? priorityOutcome(random.int(0, 2)) : 'NOT_REQUESTED';
  if (priority === 'GRANTED') {
    return { lotteryOutcome, priorityOutcome: priority, status: 'PLACED', assignedSchool: random.chance(0.6) ? preferred : random.pick(publicSchools) };
  }
  // Otherwise the ordinary way in: another school of the district, a private kindergarten, or the waitlist.
  const others = level === 'KINDERGARTEN' && catalogue.privateKindergartens.length > 0 ? catalogue.privateKindergartens : publicSchools;
  const placedProbability = educationPolicy(program)?.priorityPlacement ? 0.5 : 0.85;
  return random.chance(placedProbability)
    ? { lotteryOutcome, priorityOutcome: priority, status: 'PLACED', assignedSchool: random.pick(others) }
    : { lotteryOutcome, priorityOutcome: priority, status: 'WAITLISTED', assignedSchool: null };
}

function enrolmentFor(talent: SeedTalent, child: SeedFamilyMember, schoolYear: number, random: SeededRandom, today: string): Record<string, unknown> | null {
  const level = levelForAge(child.birthDate, schoolYear);
  if (!level) return null;
  // Most requests are for the first year of a level (spring applications); a few join mid-way (插班, autumn).
  const joinsMidway = ageAtEntry(child.birthDate, schoolYear) !== LEVEL_AGES[level].from;
  if (joinsMidway && (level === 'KINDERGARTEN' || !random.chance(0.15))) return null;
  if (!joinsMidway && !random.chance(0.8)) return null;

  const submittedOn = joinsMidway ? addDays(`${schoolYear}-09-01`, random.int(0, 100)) : addDays(`${schoolYear}-04-01`, random.int(0, 75));
  // Only while the card is valid and never in the future.
  if (submittedOn > today || submittedOn < talent.cardIssuedOn || submittedOn > talent.cardExpiresOn) return null;
  const decisionDay = joinsMidway ? addDays(submittedOn, random.int(7, 30)) : addDays(submittedOn, random.int(30, 70));
  const { district, catalogue } = schoolsFor(talent);
  const preferredSchool = random.pick(catalogue.schools[level]);
  const base = {
    talentId: talent.id,
    program: talent.program,
    child: { name: child.name, gender: child.gender, birthDate: child.birthDate },
    level,
    schoolYear,
    district,
    preferredSchool,
    submittedOn,
  };
  if (decisionDay > today) return { ...base, ...initialOutcomes(talent.program, level), status: 'RECEIVED', assignedSchool: null, decidedOn: null };
  if (random.chance(0.05)) {
    // Withdrawn by the family before any decision.
    return { ...base, ...initialOutcomes(talent.program, level), status: 'WITHDRAWN', assignedSchool: null, decidedOn: decisionDay };
  }
  return { ...base, ...decide(talent.program, level, preferredSchool, catalogue, random), decidedOn: decisionDay };
}

export const seedEducation: DepartmentSeeder = async (connection, talents, random, today) => {
  const { SchoolEnrolment } = registerEducationModels(connection);
  const education = random.fork('education');
  const thisYear = Number(today.slice(0, 4));
  const documents: Record<string, unknown>[] = [];
  for (const talent of talents) {
    const talentRandom = education.fork(talent.id);
    // Services stop when a card leaves the management list (001 第六条); only active cards get records.
    if (!educationPolicy(talent.program) || talent.cardStatus !== 'ACTIVE' || !talentRandom.chance(SHARE_WITH_REQUESTS)) continue;
    for (const member of talent.family) {
      if (!mayEnrol(talent.program, member.relation)) continue;
      for (const schoolYear of [thisYear - 1, thisYear]) {
        const enrolment = enrolmentFor(talent, member, schoolYear, talentRandom, today);
        if (enrolment) documents.push(enrolment);
      }
    }
  }
  await insertInBatches(SchoolEnrolment, documents);
  // This department's parts of the demo cases, from the plan the window's seed uses too (issue 10).
  const tasks = await seedDemoCaseTasks(connection, talents, today, 'education');
  return documents.length + tasks;
};
