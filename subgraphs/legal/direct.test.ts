// The single service without a case (issue 3: "Departments can also be used directly … the same
// rules apply"): requestLegalConsultation and the staff steps, one test per rule, each citing its clause.
import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { documentCounts } from '../../test/case-desk';
import { ADVISER, ANSWER, ASSIGN, CLOSE, CONSULTATION_FIELDS, LAWYER, PERSONAL_PHONE, refusal, talentId, useLegalFixture } from './testing';

const fixture = useLegalFixture();

const REQUEST = `mutation ($input: RequestLegalConsultationInput!) { requestLegalConsultation(input: $input) { ${CONSULTATION_FIELDS} } }`;
type Consultation = { id: string; caseId: string | null; status: string; free: boolean; feeBearing: boolean; feeNote: string };
const baiyun = (over: Record<string, unknown> = {}) => ({ talentId: talentId(1), program: 'BAIYUN_YUNJU', ...PERSONAL_PHONE, ...over });
const liwan = (over: Record<string, unknown> = {}) => ({ talentId: talentId(2), program: 'LIWAN_YINGCAI', ...PERSONAL_PHONE, ...over });

const request = (input: Record<string, unknown>) => fixture.run<{ requestLegalConsultation: Consultation }>(REQUEST, { input });
const accepted = async (input: Record<string, unknown>) => {
  const result = await request(input);
  expect(result.errors).toBeUndefined();
  return result.data!.requestLegalConsultation;
};

/** Refused with BAD_USER_INPUT naming the field, the rules and their clause. */
function expectRefused(result: ExecutionResult, field: string, rules: string[], source: string) {
  expect(refusal(result)).toEqual({ count: 1, code: 'BAD_USER_INPUT', field, rules });
  expect(result.errors![0].message).toContain(source);
}

describe('requestLegalConsultation', () => {
  it('serves Baiyun and Liwan holders only', async () => {
    // 000 十二; 001 第四条（六）; 002 十: the legal-adviser service is a Baiyun and Liwan card service.
    expect(await accepted(baiyun())).toMatchObject({ caseId: null, status: 'REQUESTED' });
    expect(await accepted(liwan())).toMatchObject({ caseId: null, status: 'REQUESTED' });
    for (const program of ['WUHAN_GREEN_CHANNEL', 'GUANGZHOU_GREEN_CARD']) {
      expectRefused(await request(baiyun({ program })), 'input.program', ['NO_LEGAL_SERVICE'], '000 十二; 002 十');
    }
  });

  it('makes a Baiyun consultation free only for the holder’s personal matters', async () => {
    // 000 十二（三）1: 咨询服务仅指与持卡人有直接利害关系的个人法律服务事项.
    expect(await accepted(baiyun())).toMatchObject({ free: true, feeBearing: false });
    const business = await accepted(baiyun({ topic: '所在企业股权融资条款', personalMatter: false }));
    expect(business).toMatchObject({ status: 'REQUESTED', free: false, feeBearing: true });
    expect(business.feeNote).toContain('000 十二（三）1');
  });

  it('accepts written opinions, drafting, litigation, non-litigation and arbitration flagged fee-bearing', async () => {
    // 000 十二（三）2: 出具书面法律意见、起草法律文书、代理诉讼、非诉讼法律服务和仲裁活动等，可按照有关规定协商另行收费.
    for (const category of ['WRITTEN_OPINION', 'DOCUMENT_DRAFTING', 'LITIGATION', 'NON_LITIGATION', 'ARBITRATION']) {
      const consultation = await accepted(baiyun({ category }));
      expect(consultation, category).toMatchObject({ status: 'REQUESTED', free: false, feeBearing: true });
      expect(consultation.feeNote).toContain('000 十二（三）2');
    }
  });

  it('accepts Liwan contract review and litigation fee-bearing but reducible; mediation and legal-aid help free', async () => {
    // 002 十（一）1（2）: 需另行协商收取律师服务费用…法律顾问应酌情予以减免收费; 十（一）1（3）（4）: free.
    for (const category of ['CONTRACT_REVIEW', 'LITIGATION', 'NON_LITIGATION']) {
      const consultation = await accepted(liwan({ category }));
      expect(consultation, category).toMatchObject({ free: false, feeBearing: true });
      expect(consultation.feeNote).toContain('酌情予以减免');
    }
    for (const category of ['MEDIATION', 'LEGAL_AID_REFERRAL']) expect(await accepted(liwan({ category }))).toMatchObject({ free: true, feeBearing: false });
  });

  it('refuses categories the program does not offer', async () => {
    // 000 十二 (Baiyun: consultation and fee-bearing work; no mediation); 002 十（一） (Liwan: no written opinions).
    expectRefused(await request(baiyun({ category: 'MEDIATION' })), 'input.category', ['CATEGORY_NOT_OFFERED'], '000 十二');
    expectRefused(await request(liwan({ category: 'WRITTEN_OPINION' })), 'input.category', ['CATEGORY_NOT_OFFERED'], '002 十（一）');
  });

  it('accepts only the channels the program offers', async () => {
    // 000 十二（二）: 通过电话、电子邮件等方式; 002 十（二）: 现场、电话专线、线上.
    expectRefused(await request(baiyun({ channel: 'IN_PERSON' })), 'input.channel', ['CHANNEL'], '000 十二（二）');
    expectRefused(await request(liwan({ channel: 'EMAIL' })), 'input.channel', ['CHANNEL'], '002 十（二）');
    expect(await accepted(baiyun({ channel: 'EMAIL' }))).toMatchObject({ status: 'REQUESTED' });
    expect(await accepted(liwan({ channel: 'ONLINE' }))).toMatchObject({ status: 'REQUESTED' });
  });

  it('names every broken rule at once', async () => {
    // 004 第八条 (一次性告知) over 000 十二 and 十二（二）: category and channel, both reported.
    const result = await request(baiyun({ category: 'MEDIATION', channel: 'ONLINE' }));
    expect(refusal(result)).toEqual({ count: 1, code: 'BAD_USER_INPUT', field: 'input.category', rules: ['CATEGORY_NOT_OFFERED', 'CHANNEL'] });
    expect(await documentCounts(fixture)).toEqual({});
  });
});

describe('staff steps', () => {
  it('assigns the counsel the program provides', async () => {
    // 000 十二（二）: 由区司法局…安排政府法律顾问; 002 十（二）: 公共法律服务平台的值班律师.
    const baiyunId = (await accepted(baiyun())).id;
    expectRefused(await fixture.run(ASSIGN, { id: baiyunId, counsel: LAWYER }), 'counsel.role', ['COUNSEL_ROLE'], '000 十二（二）');
    expect((await fixture.run(ASSIGN, { id: baiyunId, counsel: ADVISER })).data).toMatchObject({ assignLegalCounsel: { status: 'ASSIGNED', counsel: ADVISER } });
    const liwanId = (await accepted(liwan())).id;
    expectRefused(await fixture.run(ASSIGN, { id: liwanId, counsel: ADVISER }), 'counsel.role', ['COUNSEL_ROLE'], '002 十（二）');
  });

  it('answers only once a counsel is assigned, and closes only once answered', async () => {
    // 000 十二（二）: 安排政府法律顾问及时予以答复 — request → counsel → answer → close.
    const { id } = await accepted(baiyun());
    expectRefused(await fixture.run(ANSWER, { id }), 'id', ['STATUS'], '000 十二（二）');
    expectRefused(await fixture.run(CLOSE, { id }), 'id', ['STATUS'], '000 十二（二）');
    await fixture.run(ASSIGN, { id, counsel: ADVISER });
    // A counsel may be replaced until the answer is given.
    expect((await fixture.run(ASSIGN, { id, counsel: { ...ADVISER, name: '黄敏' } })).data).toMatchObject({ assignLegalCounsel: { counsel: { name: '黄敏' } } });
    fixture.clock.advance(86_400_000);
    expect((await fixture.run(ANSWER, { id })).data).toMatchObject({ answerLegalConsultation: { status: 'ANSWERED', answeredAt: expect.stringMatching(/^2026-06-16T02:00/) } });
    expectRefused(await fixture.run(ASSIGN, { id, counsel: ADVISER }), 'id', ['STATUS'], '000 十二（二）');
    expect((await fixture.run(CLOSE, { id })).data).toMatchObject({ closeLegalConsultation: { status: 'CLOSED' } });
    expectRefused(await fixture.run(CLOSE, { id }), 'id', ['STATUS'], '000 十二（二）');
  });
});

describe('bad input', () => {
  it('refuses missing fields, wrong types, oversized strings, malformed and unknown ids, writing nothing', async () => {
    const { topic: _omitted, ...noTopic } = baiyun();
    for (const [query, variables] of [
      [REQUEST, { input: noTopic }],
      [REQUEST, { input: baiyun({ personalMatter: 'yes' }) }],
      [REQUEST, { input: baiyun({ category: 'TAX' }) }],
      [REQUEST, { input: baiyun({ program: 'SHENZHEN' }) }],
      [ASSIGN, { id: talentId(9), counsel: { ...ADVISER, role: 'JUDGE' } }],
      [ASSIGN, { id: talentId(9) }],
    ] as const) {
      expect(refusal(await fixture.served(query, variables)), JSON.stringify(variables)).toMatchObject({ count: 1, code: 'BAD_USER_INPUT' });
    }
    for (const [result, field] of [
      [await request(baiyun({ topic: '事'.repeat(201) })), 'input.topic'],
      [await request(baiyun({ topic: '   ' })), 'input.topic'],
      [await request(baiyun({ talentId: 'talent-1' })), 'input.talentId'],
      [await fixture.run(ASSIGN, { id: talentId(9), counsel: { ...ADVISER, name: '' } }), 'counsel.name'],
      [await fixture.run(ASSIGN, { id: talentId(9), counsel: { ...ADVISER, office: '所'.repeat(81) } }), 'counsel.office'],
      [await fixture.run(ANSWER, { id: 'consultation-1' }), 'id'],
    ] as const) {
      expect(refusal(result)).toMatchObject({ count: 1, code: 'BAD_USER_INPUT', field });
    }
    const unknown = await fixture.run(CLOSE, { id: talentId(9) });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await documentCounts(fixture)).toEqual({});
  });
});
