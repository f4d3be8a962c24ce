// 子女入学服务: the level a child's age allows, the Baiyun kindergarten lottery and priority
// placement from leftover places (000 八; 001 第四条（二）), Tianhe (003 五) and Wuhan (004 第五条第11项)
// requests, and Talent.education read through _entities.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import { registerEducationModels, type EducationModels } from './model';
import {
  duplicateEnrolment,
  educationPolicy,
  enrolmentProblems,
  levelFitsAge,
  levelForAge,
  lotteryApplies,
  mayEnrol,
  priorityMayBeRequested,
  priorityOutcome,
  type EnrolmentFacts,
} from './rules';
import { seedEducation } from './seed';
import { buildEducationSubgraph } from './server';

const TODAY = '2026-11-24';

describe('level and age (age on 31 August of the school year)', () => {
  it('takes kindergarten from 3, primary from 6, junior secondary from 12 to 14', () => {
    expect(levelForAge('2023-08-31', 2026)).toBe('KINDERGARTEN');
    expect(levelForAge('2023-09-01', 2026)).toBeNull();
    expect(levelForAge('2020-08-31', 2026)).toBe('PRIMARY');
    expect(levelForAge('2020-09-01', 2026)).toBe('KINDERGARTEN');
    expect(levelForAge('2014-06-01', 2026)).toBe('JUNIOR_SECONDARY');
    expect(levelForAge('2011-06-01', 2026)).toBeNull();
    expect(levelFitsAge('PRIMARY', '2014-06-01', 2026)).toBe(false);
  });

  it('enrols only the holder’s children, under programs that grant the service (000 八; 002 has none)', () => {
    expect(mayEnrol('BAIYUN_YUNJU', 'CHILD')).toBe(true);
    expect(mayEnrol('WUHAN_GREEN_CHANNEL', 'CHILD')).toBe(true);
    expect(mayEnrol('GUANGZHOU_GREEN_CARD', 'CHILD')).toBe(true);
    expect(mayEnrol('BAIYUN_YUNJU', 'SPOUSE')).toBe(false);
    expect(mayEnrol('LIWAN_YINGCAI', 'CHILD')).toBe(false);
  });
});

describe('lottery and priority (001 第四条（二）; 000 八)', () => {
  it('draws lots only for Baiyun district kindergartens', () => {
    expect(lotteryApplies('BAIYUN_YUNJU', 'KINDERGARTEN')).toBe(true);
    expect(lotteryApplies('BAIYUN_YUNJU', 'PRIMARY')).toBe(false);
    expect(lotteryApplies('WUHAN_GREEN_CHANNEL', 'KINDERGARTEN')).toBe(false);
  });

  it('lets a kindergarten child ask for priority only after losing the lottery; compulsory school always (Baiyun)', () => {
    expect(priorityMayBeRequested('BAIYUN_YUNJU', 'KINDERGARTEN', 'NOT_WON')).toBe(true);
    expect(priorityMayBeRequested('BAIYUN_YUNJU', 'KINDERGARTEN', 'WON')).toBe(false);
    expect(priorityMayBeRequested('BAIYUN_YUNJU', 'KINDERGARTEN', 'PENDING')).toBe(false);
    expect(priorityMayBeRequested('BAIYUN_YUNJU', 'JUNIOR_SECONDARY', 'NOT_APPLICABLE')).toBe(true);
    expect(priorityMayBeRequested('GUANGZHOU_GREEN_CARD', 'PRIMARY', 'NOT_APPLICABLE')).toBe(false);
  });

  it('grants priority only from places left after catchment children (地段生) or the lottery', () => {
    expect(priorityOutcome(0)).toBe('NO_REMAINING_PLACES');
    expect(priorityOutcome(3)).toBe('GRANTED');
  });

  it('checks a whole request: level, lottery, priority, dates and status tell one story', () => {
    const placed: EnrolmentFacts = {
      program: 'BAIYUN_YUNJU',
      child: { birthDate: '2023-03-10' },
      level: 'KINDERGARTEN',
      schoolYear: 2026,
      assignedSchool: '广州市白云区京溪幼儿园',
      lotteryOutcome: 'NOT_WON',
      priorityOutcome: 'GRANTED',
      status: 'PLACED',
      submittedOn: '2026-04-20',
      decidedOn: '2026-06-15',
    };
    const fields = (facts: EnrolmentFacts) => enrolmentProblems(facts, TODAY).map((problem) => problem.field);
    expect(fields(placed)).toEqual([]);
    expect(fields({ ...placed, lotteryOutcome: 'WON' })).toEqual(['priorityOutcome']);
    expect(fields({ ...placed, level: 'PRIMARY', lotteryOutcome: 'NOT_APPLICABLE' })).toEqual(['level']);
    expect(fields({ ...placed, program: 'WUHAN_GREEN_CHANNEL', priorityOutcome: 'NOT_REQUESTED' })).toEqual(['lotteryOutcome']);
    expect(fields({ ...placed, status: 'WAITLISTED', assignedSchool: null })).toEqual(['status']);
    expect(fields({ ...placed, assignedSchool: null })).toEqual(['assignedSchool']);
    expect(fields({ ...placed, submittedOn: '2025-12-20' })).toEqual(['submittedOn']);
    expect(fields({ ...placed, decidedOn: '2026-12-01' })).toEqual(['decidedOn']);
    expect(fields({ ...placed, status: 'RECEIVED', lotteryOutcome: 'PENDING', priorityOutcome: 'NOT_REQUESTED' })).toEqual(['status', 'assignedSchool']);
    expect(fields({ ...placed, program: 'LIWAN_YINGCAI' })).toEqual(['program']);
  });

  it('allows one live request per child and school year (data integrity)', () => {
    const child = { name: '张小雨', birthDate: '2020-05-01' };
    expect(duplicateEnrolment([{ child, schoolYear: 2026, status: 'RECEIVED' }], child, 2026)).toBe(true);
    expect(duplicateEnrolment([{ child, schoolYear: 2026, status: 'WITHDRAWN' }], child, 2026)).toBe(false);
    expect(duplicateEnrolment([{ child, schoolYear: 2025, status: 'PLACED' }], child, 2026)).toBe(false);
  });
});

const ENTITIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Talent {
        id
        education {
          enrolments {
            id
            child { name gender birthDate ageAtEntry }
            level
            schoolYear
            district
            preferredSchool
            assignedSchool
            lotteryOutcome
            priorityOutcome
            status
            submittedOn
            decidedOn
            source
          }
        }
      }
    }
  }
`;

describe('Talent.education', () => {
  let fixture: SubgraphFixture;
  let models: EducationModels;
  const baiyun = '64c000000000000000000001';
  const wuhan = '64c000000000000000000002';
  const nobody = '64c000000000000000000003';

  beforeAll(async () => {
    fixture = await openSubgraphFixture(buildEducationSubgraph);
    models = registerEducationModels(fixture.connection);
  });
  beforeEach(() => fixture.clear());
  afterAll(() => fixture.close());

  it('returns each talent its requests, newest first, in the order asked; empty for a talent with none', async () => {
    const kindergarten = {
      talentId: baiyun, program: 'BAIYUN_YUNJU', child: { name: '陈可欣', gender: 'FEMALE', birthDate: '2022-05-05' }, level: 'KINDERGARTEN',
      schoolYear: 2025, district: '白云区', preferredSchool: '广州市白云区同和幼儿园', assignedSchool: '广州市白云区同和幼儿园',
      lotteryOutcome: 'WON', priorityOutcome: 'NOT_REQUESTED', status: 'PLACED', submittedOn: '2025-04-18', decidedOn: '2025-06-20',
    };
    const midYearPrimary = {
      talentId: baiyun, program: 'BAIYUN_YUNJU', child: { name: '陈子轩', gender: 'MALE', birthDate: '2017-03-14' }, level: 'PRIMARY',
      schoolYear: 2026, district: '白云区', preferredSchool: '广州市白云区实验小学', assignedSchool: null,
      lotteryOutcome: 'NOT_APPLICABLE', priorityOutcome: 'PENDING', status: 'RECEIVED', submittedOn: '2026-11-10', decidedOn: null,
    };
    const junior = {
      talentId: wuhan, program: 'WUHAN_GREEN_CHANNEL', child: { name: '刘一鸣', gender: 'MALE', birthDate: '2014-02-01' }, level: 'JUNIOR_SECONDARY',
      schoolYear: 2026, district: '洪山区', preferredSchool: '武汉市第一初级中学', assignedSchool: '武汉市第二初级中学',
      lotteryOutcome: 'NOT_APPLICABLE', priorityOutcome: 'NOT_REQUESTED', status: 'PLACED', submittedOn: '2026-05-06', decidedOn: '2026-07-10',
    };
    for (const record of [kindergarten, midYearPrimary, junior]) expect(enrolmentProblems(record, TODAY)).toEqual([]);
    const [kindergartenDoc, primaryDoc, juniorDoc] = await models.SchoolEnrolment.insertMany([kindergarten, midYearPrimary, junior]);

    const view = (record: typeof kindergarten | typeof midYearPrimary, id: string, ageAtEntry: number, source: string) => {
      const { talentId, program, child, ...rest } = record;
      return { id, child: { ...child, ageAtEntry }, ...rest, source };
    };
    const result = await fixture.run(ENTITIES, { r: [nobody, wuhan, baiyun].map((id) => ({ __typename: 'Talent', id })) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: nobody, education: { enrolments: [] } },
        { id: wuhan, education: { enrolments: [view(junior, juniorDoc._id.toString(), 12, '004 第五条第11项')] } },
        {
          id: baiyun,
          education: {
            enrolments: [
              view(midYearPrimary, primaryDoc._id.toString(), 9, '000 八；001 第四条（二）'),
              view(kindergarten, kindergartenDoc._id.toString(), 3, '000 八；001 第四条（二）'),
            ],
          },
        },
      ],
    });
  });

  it('reads 1 or 25 talents with the same single find (no N+1)', async () => {
    const ids = Array.from({ length: 25 }, (_, index) => `64c1${String(index).padStart(20, '0')}`);
    await models.SchoolEnrolment.insertMany(
      ids.map((talentId) => ({
        talentId, program: 'GUANGZHOU_GREEN_CARD', child: { name: '黄乐乐', gender: 'FEMALE', birthDate: '2020-03-01' }, level: 'PRIMARY',
        schoolYear: 2026, district: '天河区', preferredSchool: '广州市天河区华阳小学', assignedSchool: null, lotteryOutcome: 'NOT_APPLICABLE',
        priorityOutcome: 'NOT_REQUESTED', status: 'RECEIVED', submittedOn: '2026-11-02', decidedOn: null,
      })),
    );
    const costOf = async (count: number) => {
      fixture.dbCommands.reset();
      const result = await fixture.run<{ _entities: { education: { enrolments: unknown[] } }[] }>(ENTITIES, {
        r: ids.slice(0, count).map((id) => ({ __typename: 'Talent', id })),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities.map((talent) => talent.education.enrolments.length)).toEqual(Array(count).fill(1));
      return fixture.dbCommands.snapshot();
    };
    expect(await costOf(1)).toEqual({ 'find school_enrolments': 1 });
    expect(await costOf(25)).toEqual({ 'find school_enrolments': 1 });
  });

  it('seeds only requests the rules accept, for some children of granting programs, the same on every run', async () => {
    // A fixed day, so the demo data (and what it covers) is the same whatever day the tests run.
    const today = TODAY;
    const talents = generateTalents(200, new SeededRandom(7), today);
    const written = await seedEducation(fixture.connection, talents, new SeededRandom(11), today);
    const stored = await models.SchoolEnrolment.find({}).sort({ _id: 1 }).lean();
    // Its parts of the demo cases too (talent/cases/demo-plan.ts).
    expect(written).toBe(stored.length + (await fixture.connection.models.CaseTask.countDocuments()));
    expect(stored.length).toBeGreaterThan(10);
    for (const enrolment of stored) {
      expect(enrolmentProblems(enrolment, today)).toEqual([]);
      const talent = talents.find((candidate) => candidate.id === enrolment.talentId)!;
      expect(enrolment.program).toBe(talent.program);
      const child = talent.family.find((member) => member.name === enrolment.child.name && member.birthDate === enrolment.child.birthDate);
      expect(child && mayEnrol(talent.program, child.relation)).toBe(true);
    }
    const withRequests = new Set(stored.map((enrolment) => enrolment.talentId));
    const granting = talents.filter((talent) => educationPolicy(talent.program) && talent.family.some((member) => member.relation === 'CHILD'));
    expect(withRequests.size).toBeLessThan(granting.length);
    expect(new Set(stored.map((enrolment) => enrolment.program)).has('LIWAN_YINGCAI')).toBe(false);
    expect(new Set(stored.map((enrolment) => enrolment.level))).toEqual(new Set(['KINDERGARTEN', 'PRIMARY', 'JUNIOR_SECONDARY']));
    expect(stored.some((enrolment) => enrolment.status === 'PLACED')).toBe(true);

    // A withdrawn request's active key is its own id (model.ts), new on every run like the id.
    const strip = (rows: typeof stored) => rows.map(({ _id, createdAt, updatedAt, activeKey, ...rest }) => ({ ...rest, activeKey: activeKey.startsWith('closed:') ? 'closed' : activeKey }));
    await fixture.clear();
    await seedEducation(fixture.connection, talents, new SeededRandom(11), today);
    expect(strip(await models.SchoolEnrolment.find({}).sort({ _id: 1 }).lean())).toEqual(strip(stored));
  });
});
