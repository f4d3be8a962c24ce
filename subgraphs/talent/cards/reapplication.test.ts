// A holder applying again (001 第六条: "管理期满后……原持卡人可优先重新申报"; （一）on the contact list,
// "重新符合认定条件，申报时可优先开通人才服务功能"), and the HRSS's 复审 recommending direct recognition
// (001 第五条（四）: "对符合申领条件第（二）款1-8条的，可以建议直接认定").
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../kit/dates';
import { BAIYUN, EXPIRED, TIANHE } from '../cases/fixtures';
import { managementPeriodEnd } from '../rules';
import { baiyunApplication, STEP } from './fixtures';
import { useRegistryFixture } from './registry-fixture';
import { mayRecommendDirectRecognition } from './steps';

const MOMENT = new Date('2026-11-16T02:00:00Z');
const { fixture } = useRegistryFixture(MOMENT);
const today = todayInChina(MOMENT);
const WINDOW = { subject: 'window-clerk', role: 'specialist' } as const;
const COORDINATOR = { subject: 'coordinator-1', role: 'coordinator' } as const;

type Problems = readonly { extensions?: { problems?: { field: string; rule: string; source: string }[] } }[];
const rulesOf = (errors: readonly unknown[] | undefined) => ((errors ?? []) as Problems)[0]?.extensions?.problems?.map((problem) => `${problem.field} ${problem.rule} ${problem.source}`);

const APPLY_FULL = /* GraphQL */ `
  mutation Apply($input: ApplyForCardInput!) {
    applyForCard(input: $input) { id stage priority { reason source } talent { id } directRecognitionRecommended timeline { note } }
  }
`;
const HISTORY = /* GraphQL */ `
  query Holder($id: ID!) {
    talent(id: $id) { mainCard { number status issuedOn expiresOn eligibility { code } } cardHistory { event number expiresOn note } }
  }
`;
const PRIORITY_LIST = /* GraphQL */ `
  query Priority { cardApplications(filter: { priority: true }) { totalCount edges { node { id } } } }
`;

async function apply(personId: string, key: string, change: Record<string, unknown> = {}) {
  return fixture.run<{ applyForCard: { id: string; stage: string; priority: { reason: string; source: string } | null; talent: { id: string } | null; directRecognitionRecommended: boolean; timeline: { note: string }[] } }>(
    APPLY_FULL,
    { input: baiyunApplication(key, personId, { employerConfirmation: { confirmed: true, unit: '测试单位', contactName: '王经理' }, ...change }) },
    WINDOW,
  );
}

async function step(applicationId: string, stage: string, extra: Record<string, unknown> = {}) {
  return fixture.run<{ recordCardApplicationStep: { stage: string; status: string; talent: { id: string } | null; timeline: { stage: string }[] } }>(STEP, { input: { applicationId, stage, decision: 'APPROVE', ...extra } }, COORDINATOR);
}

describe('a holder applying again (001 第六条)', () => {
  it('takes an expired Baiyun holder’s application with priority, and issuing gives them a new card and period with the old one in the history', async () => {
    const applied = await apply(EXPIRED, 'reapply-expired-01');
    expect(applied.errors).toBeUndefined();
    const application = applied.data!.applyForCard;
    expect(application.priority).toEqual({ reason: expect.stringContaining('管理期已满'), source: '001 第六条' });
    expect(application.talent).toEqual({ id: EXPIRED });
    expect(application.timeline[0].note).toContain('优先办理');
    const listed = await fixture.run<{ cardApplications: { totalCount: number; edges: { node: { id: string } }[] } }>(PRIORITY_LIST, {}, COORDINATOR);
    expect(listed.data!.cardApplications.edges.map((edge) => edge.node.id)).toEqual([application.id]);

    const before = await fixture.run<{ talent: { mainCard: { number: string; status: string; expiresOn: string } } }>(HISTORY, { id: EXPIRED }, COORDINATOR);
    expect(before.data!.talent.mainCard.status).toBe('EXPIRED');
    for (const stage of ['PRE_REVIEW', 'INDUSTRY_REVIEW', 'HRSS_REVIEW', 'LEADING_GROUP_DECISION', 'BANK_CARD_MAKING', 'CARD_HANDOVER']) {
      const recorded = await step(application.id, stage);
      expect(recorded.errors).toBeUndefined();
    }
    // The 发卡 sent again after a lost answer changes nothing more.
    expect((await step(application.id, 'CARD_HANDOVER')).errors).toBeUndefined();

    const after = await fixture.run<{ talent: { mainCard: { number: string; status: string; issuedOn: string; expiresOn: string; eligibility: { code: string } }; cardHistory: { event: string; number: string; expiresOn: string; note: string }[] } }>(HISTORY, { id: EXPIRED }, COORDINATOR);
    const holder = after.data!.talent;
    expect(holder.mainCard).toMatchObject({ status: 'ACTIVE', issuedOn: today, expiresOn: managementPeriodEnd(today), eligibility: { code: '001-3-8' } });
    expect(holder.mainCard.number).not.toBe(before.data!.talent.mainCard.number);
    expect(holder.cardHistory).toEqual([{ event: 'REAPPLIED', number: before.data!.talent.mainCard.number, expiresOn: addDays(today, -100), note: expect.stringContaining('优先重新申报') }]);
  });

  it('refuses a holder whose card is still in force, of the same program or another (one main card per holder)', async () => {
    expect(rulesOf((await apply(BAIYUN, 'reapply-active-01')).errors)).toEqual(['input.personId CARD_STILL_IN_FORCE 001 第六条']);
    const tianhe = await apply(TIANHE, 'reapply-tianhe-01');
    expect(rulesOf(tianhe.errors)).toEqual(['input.personId CARD_STILL_IN_FORCE 人才卡登记册：每人一张主卡（system constraint）']);
  });

  it('gives priority to a holder on the contact list once the move has taken effect', async () => {
    await fixture.connection.models.Talent.updateOne({ _id: BAIYUN }, { $set: { 'mainCard.contactListFrom': addDays(today, -20), 'mainCard.contactListReason': '工作变动' } });
    const applied = await apply(BAIYUN, 'reapply-contact-01');
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyForCard.priority).toEqual({ reason: expect.stringContaining('联系名单'), source: '001 第六条（一）' });
  });
});

describe('复审 recommending direct recognition (001 第五条（四）)', () => {
  async function atHrssReview() {
    const applied = await apply(EXPIRED, 'direct-recognition-01');
    expect(applied.errors).toBeUndefined();
    const id = applied.data!.applyForCard.id;
    for (const stage of ['PRE_REVIEW', 'INDUSTRY_REVIEW']) expect((await step(id, stage)).errors).toBeUndefined();
    return id;
  }

  it('is recorded on the application and its timeline for 001 第三条 1–8', async () => {
    const id = await atHrssReview();
    const early = await step(id, 'HRSS_REVIEW', { recommendDirectRecognition: true, decision: 'RETURN', materialsToSupply: ['WORK_TIME_PROOF'] });
    expect(rulesOf(early.errors)).toEqual(['input.recommendDirectRecognition DIRECT_RECOGNITION_NEEDS_APPROVAL 001 第五条（四）']);
    const recorded = await step(id, 'HRSS_REVIEW', { recommendDirectRecognition: true });
    expect(recorded.errors).toBeUndefined();
    const read = await fixture.run<{ cardApplication: { directRecognitionRecommended: boolean; stage: string; timeline: { note: string }[] } }>(
      'query A($id: ID!) { cardApplication(id: $id) { directRecognitionRecommended stage timeline { note } } }',
      { id },
      COORDINATOR,
    );
    expect(read.data!.cardApplication).toMatchObject({ directRecognitionRecommended: true, stage: 'LEADING_GROUP_DECISION' });
    expect(read.data!.cardApplication.timeline.at(-1)!.note).toContain('建议直接认定');
  });

  it('is refused at another stage, and is for 第1–8项 only (第9项 is the leading group’s own recognition)', async () => {
    const id = await atHrssReview();
    expect((await step(id, 'HRSS_REVIEW')).errors).toBeUndefined();
    expect(rulesOf((await step(id, 'LEADING_GROUP_DECISION', { recommendDirectRecognition: true })).errors)).toEqual(['input.recommendDirectRecognition DIRECT_RECOGNITION_NOT_AT_THIS_STAGE 001 第五条（四）']);
    expect(['001-3-1', '001-3-8', '001-3-9', '003-3-1'].map(mayRecommendDirectRecognition)).toEqual([true, true, false, false]);
  });
});
