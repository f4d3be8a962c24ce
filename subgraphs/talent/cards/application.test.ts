// The card's life at the window, against the subgraph: registration with every problem at once and
// duplicates named (003 六（一）基本4), an idempotent application (one insert per request key), stage
// steps replayed without a second entry, and issuing writing the Talent with its main card once
// (001 第六条: 5-year management period).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../../test/environment';
import { todayInChina } from '../../kit/dates';
import { buildTalentSubgraph } from '../server';
import { managementPeriodEnd } from '../rules';
import { APPLY, personInput, REGISTER, STEP, tianheApplication } from './fixtures';
import { allocateCardNumber } from './issue';
import { registerCardLifeModels } from './model';
import { registerTalentModels } from '../model';

let fixture: SubgraphFixture;
const clock = new TestClock();
const WINDOW = { subject: 'window-clerk', role: 'specialist' } as const;
const COORDINATOR = { subject: 'coordinator-1', role: 'coordinator' } as const;

type Problems = readonly { extensions?: { problems?: { field: string; rule: string; source: string }[]; existingId?: string; code?: string } }[];
const rulesOf = (errors: readonly unknown[] | undefined) => ((errors ?? []) as Problems)[0]?.extensions?.problems?.map((problem) => `${problem.field} ${problem.rule}`);

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
});
beforeEach(() => fixture.clear());
afterAll(() => fixture.close());

async function register(key: string, change: Record<string, unknown> = {}, viewer: Parameters<SubgraphFixture['run']>[2] = WINDOW) {
  return fixture.run<{ registerPerson: { id: string; registeredBy: string; idDocument: { number: string }; phone: string } }>(REGISTER, { input: personInput(key, change) }, viewer);
}

describe('registerPerson', () => {
  it('lists every problem at once, each with field, rule and source, and stores nothing', async () => {
    const result = await register('reg-bad-0001', {
      phone: 'abc',
      idDocument: { type: 'RESIDENT_ID', number: '440106199005010120' },
      family: [{ name: '孙悦', relation: 'SPOUSE', gender: 'FEMALE', birthDate: '1991-02-03', idDocument: { type: 'HK_MACAO_PERMIT', number: 'X1' } }],
    });
    expect(rulesOf(result.errors)).toEqual([
      'input.phone INPUT_PHONE',
      'input.idDocument.number RESIDENT_ID_CHECK_DIGIT',
      'input.idDocument.number RESIDENT_ID_GENDER',
      'input.family.0.idDocument.number HK_MACAO_PERMIT_FORMAT',
    ]);
    expect(await fixture.connection.models.Person.countDocuments({})).toBe(0);
  });

  it('registers once per request key, masks the ID number and phone, and names the record a duplicate meets', async () => {
    const first = await register('reg-once-0001');
    expect(first.errors).toBeUndefined();
    expect(first.data!.registerPerson).toMatchObject({ registeredBy: 'WINDOW', phone: '139****5678' });
    expect(first.data!.registerPerson.idDocument.number).toMatch(/^4401\*{10}\w{4}$/);
    expect((await register('reg-once-0001')).data!.registerPerson.id).toBe(first.data!.registerPerson.id);
    const duplicate = await register('reg-once-0002');
    expect(rulesOf(duplicate.errors)).toEqual(['input.idDocument.number PERSON_ALREADY_REGISTERED']);
    expect((duplicate.errors as Problems)[0].extensions!.existingId).toBe(first.data!.registerPerson.id);
    expect(await fixture.connection.models.Person.countDocuments({})).toBe(1);
  });

  it('stores a talent’s own registration under their talent id, once', async () => {
    const talentId = '64c0000000000000000000f1';
    const own = await register('reg-self-0001', {}, { subject: 'zhou', role: 'talent', talentId });
    expect(own.data!.registerPerson).toMatchObject({ id: talentId, registeredBy: 'SELF' });
    const again = await register('reg-self-0002', { idDocument: { type: 'PASSPORT', number: 'E12345678' } }, { subject: 'zhou', role: 'talent', talentId });
    expect(rulesOf(again.errors)).toEqual(['input PERSON_ALREADY_REGISTERED']);
  });
});

describe('applyForCard and its stages', () => {
  async function applied(key = 'apply-0001') {
    const person = (await register(`person-${key}`)).data!.registerPerson.id;
    const result = await fixture.run<{ applyForCard: { id: string; stage: string; stageDueOn: string } }>(APPLY, { input: tianheApplication(key, person) }, WINDOW);
    expect(result.errors).toBeUndefined();
    return { person, application: result.data!.applyForCard };
  }
  const step = (applicationId: string, stage: string, decision = 'APPROVE', viewer: Parameters<SubgraphFixture['run']>[2] = COORDINATOR, extra: Record<string, unknown> = {}) =>
    fixture.run<{ recordCardApplicationStep: { stage: string; status: string; cardNumber: string | null; timeline: unknown[]; talent: { id: string; mainCard: { number: string; issuedOn: string; expiresOn: string } } | null } }>(STEP, { input: { applicationId, stage, decision, ...extra } }, viewer);

  it('stores one application per request key, and refuses the key reused for another', async () => {
    const { person, application } = await applied();
    const again = await fixture.run<{ applyForCard: { id: string } }>(APPLY, { input: tianheApplication('apply-0001', person) }, WINDOW);
    expect(again.data!.applyForCard.id).toBe(application.id);
    const other = await fixture.run(APPLY, { input: tianheApplication('apply-0001', person, { category: '003-3-3' }) }, WINDOW);
    expect(rulesOf(other.errors)).toEqual(['input.requestKey INPUT_REQUEST_KEY_REUSED']);
    expect(await fixture.connection.models.CardApplication.countDocuments({})).toBe(1);
  });

  it('keeps one open application per person and program; a refusal closes it', async () => {
    const { person, application } = await applied();
    const second = await fixture.run(APPLY, { input: tianheApplication('apply-0002', person) }, WINDOW);
    expect(rulesOf(second.errors)).toEqual(['input.personId APPLICATION_IN_PROGRESS']);
    expect((await step(application.id, 'WINDOW_FIRST_REVIEW', 'REFUSE', WINDOW, { note: '材料存疑' })).data!.recordCardApplicationStep.status).toBe('REFUSED');
    expect((await fixture.run(APPLY, { input: tianheApplication('apply-0003', person) }, WINDOW)).errors).toBeUndefined();
  });

  it('records a step once when it is sent twice, and refuses another decision on it', async () => {
    const { application } = await applied();
    const first = await step(application.id, 'WINDOW_FIRST_REVIEW', 'APPROVE', WINDOW);
    const replay = await step(application.id, 'WINDOW_FIRST_REVIEW', 'APPROVE', WINDOW);
    expect(replay.data).toEqual(first.data);
    expect(first.data!.recordCardApplicationStep.timeline).toHaveLength(2);
    const conflicting = await step(application.id, 'WINDOW_FIRST_REVIEW', 'REFUSE', WINDOW, { note: '不符合' });
    expect(rulesOf(conflicting.errors)).toEqual(['input.decision STEP_ALREADY_RECORDED']);
  });

  it('issues the card once: the Talent with its main card and a 5-year period, under the person’s id', async () => {
    const { person, application } = await applied();
    for (const stage of ['WINDOW_FIRST_REVIEW', 'WINDOW_RECHECK', 'HRSS_FINAL_REVIEW', 'POLICE_CARD_MAKING']) expect((await step(application.id, stage)).errors).toBeUndefined();
    const issued = await step(application.id, 'CARD_ISSUING');
    const replay = await step(application.id, 'CARD_ISSUING');
    const today = todayInChina(clock.now());
    expect(issued.data!.recordCardApplicationStep).toMatchObject({ status: 'ISSUED', talent: { id: person, mainCard: { issuedOn: today, expiresOn: managementPeriodEnd(today) } } });
    expect(issued.data!.recordCardApplicationStep.cardNumber).toMatch(new RegExp(`^GZLK-${today.slice(0, 4)}-8\\d{5}$`));
    expect(replay.data).toEqual(issued.data);
    expect(await fixture.connection.models.Talent.countDocuments({})).toBe(1);
  });

  it('lets only a coordinator record another authority’s stage', async () => {
    const { application } = await applied();
    await step(application.id, 'WINDOW_FIRST_REVIEW', 'APPROVE', WINDOW);
    await step(application.id, 'WINDOW_RECHECK', 'APPROVE', WINDOW);
    const bySpecialist = await step(application.id, 'HRSS_FINAL_REVIEW', 'APPROVE', WINDOW);
    expect((bySpecialist.errors as Problems)[0].extensions!.code).toBe('FORBIDDEN');
  });
});

describe('card numbers', () => {
  it('draws them in turn, and skips one already given', async () => {
    const models = { ...registerCardLifeModels(fixture.connection), ...registerTalentModels(fixture.connection) };
    await models.CardApplication.collection.insertOne({ cardNumber: 'BY-2026-800002' });
    const drawn = [];
    for (let n = 0; n < 3; n += 1) drawn.push(await allocateCardNumber(models, 'BAIYUN_YUNJU', '2026-06-01'));
    expect(drawn).toEqual(['BY-2026-800001', 'BY-2026-800003', 'BY-2026-800004']);
  });
});

describe('cardRequirements', () => {
  it('answers only for the programs and categories this window takes', async () => {
    const ask = (program: string, category: string) => fixture.run(`{ cardRequirements(program: ${program}, category: "${category}") { materials { code } } }`, {}, WINDOW);
    expect((await ask('BAIYUN_YUNJU', '001-3-1')).errors).toBeUndefined();
    expect(rulesOf((await ask('LIWAN_YINGCAI', '002-yingcai')).errors)).toEqual(['program PROGRAM_NOT_ACCEPTED_HERE']);
    expect(rulesOf((await ask('GUANGZHOU_GREEN_CARD', '001-3-1')).errors)).toEqual(['category CATEGORY_NOT_OF_PROGRAM']);
  });
});
