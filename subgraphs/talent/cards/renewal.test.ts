// 续办 against the subgraph (003 六（三）3: 绿卡期满的，应当在期满前30日内…办理续期): taken only in the 30 days
// before the period ends, refused outside them with the window's dates; renewed, the card keeps its number
// and runs 5 more years from the day after the old end (001 第六条), the old period kept in cardHistory;
// the same request twice renews once; a changed employer must confirm (如原申报条件已发生改变); a Baiyun card
// is not renewed (001 第六条: 原持卡人可优先重新申报); the holder renews their own, not another's.
import { describe, expect, it } from 'vitest';
import { useRegistryFixture } from './registry-fixture';
import { addDays } from '../../kit/dates';
import { registerTalentModels } from '../model';
import { BAIYUN, LIWAN, TIANHE } from '../cases/fixtures';

const { fixture } = useRegistryFixture(new Date('2026-12-15T04:00:00Z'));
const COORDINATOR = { subject: 'coordinator-1', role: 'coordinator' } as const;
const HOLDER = { subject: 'talent-tianhe', role: 'talent', talentId: TIANHE } as const;
const TODAY = '2026-12-15';
const RENEW = /* GraphQL */ `mutation($input: RenewCardInput!) { renewCard(input: $input) { mainCard { number issuedOn expiresOn status } cardHistory { event number expiresOn recordedOn reason } } }`;
type Renewed = { renewCard: { mainCard: { number: string; issuedOn: string; expiresOn: string; status: string }; cardHistory: { event: string; number: string; expiresOn: string; recordedOn: string; reason: string | null }[] } };

const endsOn = (expiresOn: string) => registerTalentModels(fixture.connection).Talent.updateOne({ _id: TIANHE }, { $set: { 'mainCard.expiresOn': expiresOn } });
const RENEWAL_MATERIALS = ['CARD_COPY', 'RENEWAL_PROOF'];
const renew = (input: Record<string, unknown>, viewer: object = COORDINATOR) => fixture.run<Renewed>(RENEW, { input: { talentId: TIANHE, requestKey: 'renew-tianhe-01', materials: RENEWAL_MATERIALS, ...input } }, viewer as never);
const refusal = (answer: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => {
  const [error] = answer.errors ?? [];
  return { rule: error?.extensions?.rule, source: error?.extensions?.source, message: (error as { message?: string } | undefined)?.message };
};


describe('续办 (003 六（三）3)', () => {
  it('refuses a renewal 31 days before the end, naming the window; takes it 30 days before', async () => {
    await endsOn(addDays(TODAY, 30)); // the period ends 2027-01-14: the window opens 2026-12-16
    const early = await renew({});
    expect(early.data).toBeNull();
    expect(refusal(early)).toMatchObject({ rule: 'RENEWAL_WINDOW', source: '003 六（三）3' });
    expect(refusal(early).message).toContain('2026-12-16 至 2027-01-14');

    await endsOn(addDays(TODAY, 29)); // ends 2027-01-13: today is the window's first day
    const renewed = await renew({});
    expect(renewed).toEqual({
      data: {
        renewCard: {
          mainCard: { number: 'GU-2026-05-29', issuedOn: '2026-05-29', expiresOn: '2032-01-13', status: 'ACTIVE' },
          cardHistory: [{ event: 'RENEWED', number: 'GU-2026-05-29', expiresOn: '2027-01-13', recordedOn: TODAY, reason: null }],
        },
      },
    });
  });

  it('takes a renewal on the last day of the period and refuses it the day after', async () => {
    await endsOn(TODAY);
    expect((await renew({})).data?.renewCard.mainCard.expiresOn).toBe('2031-12-15');
    await endsOn(addDays(TODAY, -1));
    const late = await renew({ requestKey: 'renew-tianhe-02' });
    expect(refusal(late)).toMatchObject({ rule: 'RENEWAL_WINDOW', source: '003 六（三）3' });
  });

  it('renews once for the same request; another request in the new period is outside the window', async () => {
    await endsOn(addDays(TODAY, 10));
    const bare = await renew({ requestKey: 'renew-bare-01', materials: null });
    expect((bare.errors?.[0].extensions as { problems: { rule: string; source: string }[] }).problems.map((problem) => `${problem.rule} ${problem.source}`)).toEqual(['CARD_MATERIAL_MISSING 003 六（三）3', 'CARD_MATERIAL_MISSING 003 六（三）3']);
    const first = await renew({});
    const again = await renew({});
    expect(again).toEqual(first);
    expect(again.data!.renewCard.cardHistory).toHaveLength(1);
    expect(refusal(await renew({ requestKey: 'renew-tianhe-02' }))).toMatchObject({ rule: 'RENEWAL_WINDOW' });
  });

  it('asks the registered employer to confirm when the employer changed during the period', async () => {
    await endsOn(addDays(TODAY, 10));
    await fixture.run(`mutation { recordCardChange(input: { talentId: "${TIANHE}", kind: EMPLOYER, value: "天河新材料有限公司", changedOn: "2026-12-01", materials: [CHANGE_PROOF, CARD_COPY] }) { id } }`, {}, COORDINATOR);
    const unconfirmed = await renew({});
    expect(refusal(unconfirmed)).toMatchObject({ rule: 'RENEWAL_CONDITIONS_CHANGED', source: '003 六（三）3' });
    const oldUnit = await renew({ employerConfirmation: { confirmed: true, unit: '测试单位', contactName: '人事部' } });
    expect(refusal(oldUnit)).toMatchObject({ rule: 'RENEWAL_CONDITIONS_CHANGED' });
    const confirmed = await renew({ employerConfirmation: { confirmed: true, unit: '天河新材料有限公司', contactName: '人事部' } });
    expect(confirmed.errors).toBeUndefined();
  });

  it('does not renew a Baiyun card, a revoked card, or another holder’s card', async () => {
    const baiyun = await fixture.run(RENEW, { input: { talentId: BAIYUN, requestKey: 'renew-baiyun-01' } }, COORDINATOR);
    expect(refusal(baiyun)).toMatchObject({ rule: 'RENEWAL_NOT_OFFERED', source: '001 第六条' });
    const liwan = await fixture.run(RENEW, { input: { talentId: LIWAN, requestKey: 'renew-liwan-01' } }, COORDINATOR);
    expect(refusal(liwan)).toMatchObject({ rule: 'RENEWAL_NOT_OFFERED', source: '003 六（三）3' });
    await endsOn(addDays(TODAY, 10));
    expect((await renew({}, HOLDER)).errors).toBeUndefined();
    const other = await fixture.run(RENEW, { input: { talentId: BAIYUN, requestKey: 'renew-other-01' } }, HOLDER);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await fixture.run(`mutation { terminateCard(input: { talentId: "${TIANHE}", ground: CRIME, reason: "经查实" }) { id } }`, {}, COORDINATOR);
    await endsOn(addDays(TODAY, 10));
    expect(refusal(await renew({ requestKey: 'renew-tianhe-03' }))).toMatchObject({ rule: 'CARD_REVOKED', source: '001 第六条（二）' });
  });
});
