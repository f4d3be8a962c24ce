// 落户服务: who may move (000 一; 001 第四条（一）; 002 一), the route (002 一、九; 004 第五条第4项),
// the five steps in order (000 一（二）), and Talent.household read through _entities.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { SeededRandom } from '../kit/seed-random';
import { generateTalents } from '../talent/seed';
import { registerHouseholdModels, type HouseholdModels } from './model';
import {
  currentHukouStep,
  duplicateTransfer,
  hukouPolicy,
  hukouStatusProblems,
  hukouStepProblems,
  hukouStepView,
  hukouTransferProblems,
  mayTransfer,
  routeFor,
  HUKOU_STEPS,
  type HukouTransferFacts,
} from './rules';
import { seedHousehold } from './seed';
import { buildHouseholdSubgraph } from './server';

const TODAY = '2026-11-24';
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);
const steps = (...days: (string | null)[]) => HUKOU_STEPS.map((step, index) => ({ step, completedAt: days[index] ? at(days[index]!) : null }));

describe('who may move their hukou', () => {
  it('lets the holder and spouse move under every program that grants 落户 (000 一; 002 一; 004 第五条第4项)', () => {
    for (const program of ['BAIYUN_YUNJU', 'LIWAN_YINGCAI', 'WUHAN_GREEN_CHANNEL']) {
      expect(mayTransfer(program, { relation: 'HOLDER', birthDate: '1980-01-01' }, TODAY)).toBe(true);
      expect(mayTransfer(program, { relation: 'SPOUSE', birthDate: '1982-01-01' }, TODAY)).toBe(true);
    }
  });

  it('takes a minor child everywhere, an adult child only in Baiyun and only while dependent (001 第四条（一）vs 002 一)', () => {
    const minor = { relation: 'CHILD' as const, birthDate: '2012-05-01', dependent: true };
    const adultDependent = { relation: 'CHILD' as const, birthDate: '2005-05-01', dependent: true };
    const adultIndependent = { ...adultDependent, dependent: false };
    expect(mayTransfer('LIWAN_YINGCAI', minor, TODAY)).toBe(true);
    expect(mayTransfer('BAIYUN_YUNJU', adultDependent, TODAY)).toBe(true);
    expect(mayTransfer('BAIYUN_YUNJU', adultIndependent, TODAY)).toBe(false);
    expect(mayTransfer('LIWAN_YINGCAI', adultDependent, TODAY)).toBe(false);
    expect(mayTransfer('WUHAN_GREEN_CHANNEL', adultDependent, TODAY)).toBe(false);
    // Age counts on the day of application: 18 on 2026-05-01.
    expect(mayTransfer('LIWAN_YINGCAI', { relation: 'CHILD', birthDate: '2008-05-01' }, '2026-04-30')).toBe(true);
    expect(mayTransfer('LIWAN_YINGCAI', { relation: 'CHILD', birthDate: '2008-05-01' }, '2026-05-01')).toBe(false);
  });

  it('grants no 落户 under the Tianhe green card, whose benefits do not list it (003 五)', () => {
    expect(hukouPolicy('GUANGZHOU_GREEN_CARD')).toBeNull();
    expect(mayTransfer('GUANGZHOU_GREEN_CARD', { relation: 'HOLDER', birthDate: '1980-01-01' }, TODAY)).toBe(false);
  });
});

describe('route (002 一、九; 001 第四条（一）; 004 第五条第4项)', () => {
  it('is planned guidance when its conditions are met, otherwise an adjusted total-quota place', () => {
    expect(routeFor('LIWAN_YINGCAI', true)).toBe('PLANNED_GUIDANCE');
    expect(routeFor('LIWAN_YINGCAI', false)).toBe('TOTAL_QUOTA_ADJUSTMENT');
    expect(routeFor('BAIYUN_YUNJU', false)).toBe('TOTAL_QUOTA_ADJUSTMENT');
  });

  it('offers Wuhan planned guidance only, and nothing to programs without the service', () => {
    expect(routeFor('WUHAN_GREEN_CHANNEL', true)).toBe('PLANNED_GUIDANCE');
    expect(routeFor('WUHAN_GREEN_CHANNEL', false)).toBeNull();
    expect(routeFor('GUANGZHOU_GREEN_CARD', true)).toBeNull();
  });
});

describe('the five steps (000 一（二）)', () => {
  it('marks done steps DONE and the first open one CURRENT while in progress, none once closed', () => {
    const twoDone = steps('2026-03-02', '2026-03-05');
    expect(hukouStepView('IN_PROGRESS', twoDone).map((step) => step.status)).toEqual(['DONE', 'DONE', 'CURRENT', 'PENDING', 'PENDING']);
    expect(currentHukouStep('IN_PROGRESS', twoDone)).toBe('INFO_CARD');
    expect(hukouStepView('REJECTED', twoDone).map((step) => step.status)).toEqual(['DONE', 'DONE', 'PENDING', 'PENDING', 'PENDING']);
    expect(currentHukouStep('WITHDRAWN', twoDone)).toBeNull();
  });

  it('refuses a step done before an earlier one, before the application, or after today', () => {
    expect(hukouStepProblems('2026-03-01', steps('2026-03-02', null, '2026-03-09'), TODAY).map((p) => p.en)).toEqual([
      'a step was completed before an earlier one',
    ]);
    expect(hukouStepProblems('2026-03-03', steps('2026-03-02'), TODAY)).toHaveLength(1);
    expect(hukouStepProblems('2026-03-01', steps('2026-03-02', '2026-12-01'), TODAY)).toHaveLength(1);
    expect(hukouStepProblems('2026-03-01', steps('2026-03-02', '2026-03-04').slice(0, 4), TODAY)).toHaveLength(1);
  });

  it('is SETTLED exactly when step 5 is done, on that day; a rejection carries its reason', () => {
    const base: HukouTransferFacts = {
      program: 'BAIYUN_YUNJU',
      applicant: { relation: 'HOLDER', birthDate: '1980-01-01' },
      route: 'PLANNED_GUIDANCE',
      status: 'SETTLED',
      steps: steps('2026-03-02', '2026-03-05', '2026-03-20', '2026-04-01', '2026-04-08'),
      submittedOn: '2026-03-01',
      settledOn: '2026-04-08',
    };
    expect(hukouTransferProblems(base, TODAY)).toEqual([]);
    expect(hukouStatusProblems({ ...base, settledOn: '2026-04-09' })).toHaveLength(1);
    expect(hukouStatusProblems({ ...base, status: 'IN_PROGRESS', settledOn: null })).toHaveLength(1);
    expect(hukouStatusProblems({ ...base, status: 'REJECTED', settledOn: null, steps: steps('2026-03-02') })).toHaveLength(1);
    expect(hukouTransferProblems({ ...base, route: 'TOTAL_QUOTA_ADJUSTMENT', program: 'WUHAN_GREEN_CHANNEL' }, TODAY).map((p) => p.field)).toEqual(['route']);
  });

  it('allows one live application per person (data integrity)', () => {
    const holder = { name: '陈明', relation: 'HOLDER', birthDate: '1980-01-01' };
    expect(duplicateTransfer([{ applicant: holder, status: 'IN_PROGRESS' }], holder)).toBe(true);
    expect(duplicateTransfer([{ applicant: holder, status: 'REJECTED' }], holder)).toBe(false);
    expect(duplicateTransfer([{ applicant: holder, status: 'SETTLED' }], { ...holder, relation: 'SPOUSE' })).toBe(false);
  });
});

const ENTITIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Talent {
        id
        household {
          transfers {
            id
            applicant { name relation birthDate dependent }
            route
            steps { step order label status completedAt }
            currentStep
            status
            targetAddress
            policeStation
            submittedOn
            settledOn
            rejectionReason
            source
          }
        }
      }
    }
  }
`;

const LABELS = ['网上注册与申报', '填报资料并上传原件材料', '领取入户信息卡', '公安分局复核', '派出所落户'];
const stepsView = (statuses: string[], days: (string | null)[]) =>
  HUKOU_STEPS.map((step, index) => ({
    step,
    order: index + 1,
    label: LABELS[index],
    status: statuses[index],
    completedAt: days[index] ? at(days[index]!).toISOString() : null,
  }));

describe('Talent.household', () => {
  let fixture: SubgraphFixture;
  let models: HouseholdModels;
  const baiyun = '64b000000000000000000001';
  const wuhan = '64b000000000000000000002';
  const nobody = '64b000000000000000000003';

  beforeAll(async () => {
    fixture = await openSubgraphFixture(buildHouseholdSubgraph);
    models = registerHouseholdModels(fixture.connection);
  });
  beforeEach(() => fixture.clear());
  afterAll(() => fixture.close());

  it('returns each talent its transfers, newest first, in the order asked; empty for a talent with none', async () => {
    const settledDays = ['2025-03-03', '2025-03-10', '2025-03-25', '2025-04-07', '2025-04-15'];
    const openDays = ['2026-09-01', '2026-09-08', null, null, null];
    const rejectedDays = ['2026-06-02', '2026-06-09', '2026-06-30', null, null];
    const records = [
      {
        talentId: baiyun, program: 'BAIYUN_YUNJU', applicant: { name: '李建国', relation: 'HOLDER', birthDate: '1979-06-12', dependent: null },
        route: 'TOTAL_QUOTA_ADJUSTMENT', steps: steps(...settledDays), status: 'SETTLED', targetAddress: '广州市白云区同和路88号3栋1202房',
        policeStation: '同和派出所', submittedOn: '2025-03-03', settledOn: '2025-04-15', rejectionReason: null,
      },
      {
        talentId: baiyun, program: 'BAIYUN_YUNJU', applicant: { name: '李思远', relation: 'CHILD', birthDate: '2006-02-20', dependent: true },
        route: 'TOTAL_QUOTA_ADJUSTMENT', steps: steps(...openDays), status: 'IN_PROGRESS', targetAddress: '广州市白云区同和路88号3栋1202房',
        policeStation: '同和派出所', submittedOn: '2026-09-01', settledOn: null, rejectionReason: null,
      },
      {
        talentId: wuhan, program: 'WUHAN_GREEN_CHANNEL', applicant: { name: '周晓梅', relation: 'SPOUSE', birthDate: '1984-11-02', dependent: null },
        route: 'PLANNED_GUIDANCE', steps: steps(...rejectedDays), status: 'REJECTED', targetAddress: '武汉市武昌区东湖路12号5栋801房',
        policeStation: '水果湖派出所', submittedOn: '2026-06-01', settledOn: null, rejectionReason: '入户地址不符合落户条件（非本人或直系亲属的合法住所）',
      },
    ];
    for (const record of records) expect(hukouTransferProblems(record, TODAY)).toEqual([]);
    const [settled, open, rejected] = await models.HukouTransfer.insertMany(records);

    const result = await fixture.run(ENTITIES, { r: [wuhan, nobody, baiyun].map((id) => ({ __typename: 'Talent', id })) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          id: wuhan,
          household: {
            transfers: [
              {
                id: rejected._id.toString(), applicant: { name: '周晓梅', relation: 'SPOUSE', birthDate: '1984-11-02', dependent: null },
                route: 'PLANNED_GUIDANCE', steps: stepsView(['DONE', 'DONE', 'DONE', 'PENDING', 'PENDING'], rejectedDays), currentStep: null,
                status: 'REJECTED', targetAddress: '武汉市武昌区东湖路12号5栋801房', policeStation: '水果湖派出所', submittedOn: '2026-06-01',
                settledOn: null, rejectionReason: '入户地址不符合落户条件（非本人或直系亲属的合法住所）', source: '004 第五条第4项',
              },
            ],
          },
        },
        { id: nobody, household: { transfers: [] } },
        {
          id: baiyun,
          household: {
            transfers: [
              {
                id: open._id.toString(), applicant: { name: '李思远', relation: 'CHILD', birthDate: '2006-02-20', dependent: true },
                route: 'TOTAL_QUOTA_ADJUSTMENT', steps: stepsView(['DONE', 'DONE', 'CURRENT', 'PENDING', 'PENDING'], openDays),
                currentStep: 'INFO_CARD', status: 'IN_PROGRESS', targetAddress: '广州市白云区同和路88号3栋1202房', policeStation: '同和派出所',
                submittedOn: '2026-09-01', settledOn: null, rejectionReason: null, source: '000 一；001 第四条（一）',
              },
              {
                id: settled._id.toString(), applicant: { name: '李建国', relation: 'HOLDER', birthDate: '1979-06-12', dependent: null },
                route: 'TOTAL_QUOTA_ADJUSTMENT', steps: stepsView(['DONE', 'DONE', 'DONE', 'DONE', 'DONE'], settledDays), currentStep: null,
                status: 'SETTLED', targetAddress: '广州市白云区同和路88号3栋1202房', policeStation: '同和派出所', submittedOn: '2025-03-03',
                settledOn: '2025-04-15', rejectionReason: null, source: '000 一；001 第四条（一）',
              },
            ],
          },
        },
      ],
    });
  });

  it('reads 1 or 25 talents with the same single find (no N+1)', async () => {
    const ids = Array.from({ length: 25 }, (_, index) => `64b1${String(index).padStart(20, '0')}`);
    await models.HukouTransfer.insertMany(
      ids.map((talentId) => ({
        talentId, program: 'LIWAN_YINGCAI', applicant: { name: '王芳', relation: 'HOLDER', birthDate: '1985-01-01' }, route: 'PLANNED_GUIDANCE',
        steps: steps('2026-10-08'), status: 'IN_PROGRESS', targetAddress: '广州市荔湾区恩宁路8号1栋301房', policeStation: '逢源派出所', submittedOn: '2026-10-08',
      })),
    );
    const costOf = async (count: number) => {
      fixture.dbCommands.reset();
      const result = await fixture.run<{ _entities: { household: { transfers: unknown[] } }[] }>(ENTITIES, {
        r: ids.slice(0, count).map((id) => ({ __typename: 'Talent', id })),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities.map((talent) => talent.household.transfers.length)).toEqual(Array(count).fill(1));
      return fixture.dbCommands.snapshot();
    };
    expect(await costOf(1)).toEqual({ 'find hukou_transfers': 1 });
    expect(await costOf(25)).toEqual({ 'find hukou_transfers': 1 });
  });

  it('seeds only transfers the rules accept, for some talents of granting programs, the same on every run', async () => {
    // A fixed day, so the demo data (and what it covers) is the same whatever day the tests run.
    const today = TODAY;
    const talents = generateTalents(200, new SeededRandom(7), today);
    const written = await seedHousehold(fixture.connection, talents, new SeededRandom(11), today);
    const stored = await models.HukouTransfer.find({}).sort({ _id: 1 }).lean();
    // Its parts of the demo cases too (talent/cases/demo-plan.ts).
    expect(written).toBe(stored.length + (await fixture.connection.models.CaseTask.countDocuments()));
    expect(stored.length).toBeGreaterThan(20);
    for (const transfer of stored) {
      expect(hukouTransferProblems(transfer, today)).toEqual([]);
      const talent = talents.find((candidate) => candidate.id === transfer.talentId)!;
      expect(transfer.program).toBe(talent.program);
      const people = [{ name: talent.name, relation: 'HOLDER', birthDate: talent.birthDate }, ...talent.family];
      expect(people.some((person) => person.name === transfer.applicant.name && person.relation === transfer.applicant.relation && person.birthDate === transfer.applicant.birthDate)).toBe(true);
    }
    const withTransfers = new Set(stored.map((transfer) => transfer.talentId));
    const granting = talents.filter((talent) => hukouPolicy(talent.program) && talent.cardStatus === 'ACTIVE');
    expect(withTransfers.size).toBeGreaterThan(0);
    expect(withTransfers.size).toBeLessThan(granting.length);
    expect(talents.filter((talent) => withTransfers.has(talent.id)).every((talent) => hukouPolicy(talent.program))).toBe(true);
    expect(new Set(stored.map((transfer) => transfer.status))).toEqual(new Set(['IN_PROGRESS', 'SETTLED', 'REJECTED', 'WITHDRAWN']));

    // A closed transfer's active key is its own id (model.ts), new on every run like the id.
    const strip = (rows: typeof stored) => rows.map(({ _id, createdAt, updatedAt, activeKey, ...rest }) => ({ ...rest, activeKey: activeKey.startsWith('closed:') ? 'closed' : activeKey }));
    await fixture.clear();
    await seedHousehold(fixture.connection, talents, new SeededRandom(11), today);
    expect(strip(await models.HukouTransfer.find({}).sort({ _id: 1 }).lean())).toEqual(strip(stored));
  });
});
