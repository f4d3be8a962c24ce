// 补办 against the subgraph (003 六（三）2: 提供补办原因说明…): the old number is revoked and kept in
// cardHistory (read like the card number: not by analysts), a new number drawn for the same program and
// the same management period; the same request twice reissues once; a revoked card (001 第六条（二）) and
// an expired one (001 第六条: 原持卡人可优先重新申报) are refused with the clause, as is a missing statement.
import { describe, expect, it } from 'vitest';
import { useRegistryFixture } from './registry-fixture';
import { BAIYUN, EXPIRED, LIWAN, TIANHE } from '../cases/fixtures';

const { fixture } = useRegistryFixture(new Date('2026-12-15T04:00:00Z'));
const COORDINATOR = { subject: 'coordinator-1', role: 'coordinator' } as const;
const ANALYST = { subject: 'analyst-1', role: 'analyst' } as const;
const REISSUE = /* GraphQL */ `mutation($input: ReissueCardInput!) { reissueCard(input: $input) { program mainCard { number issuedOn expiresOn status } cardHistory { event number expiresOn recordedOn reason note recordedBy } } }`;
type Card = { number: string; issuedOn: string; expiresOn: string; status: string };
type Reissued = { reissueCard: { program: string; mainCard: Card; cardHistory: { event: string; number: string; expiresOn: string; recordedOn: string; reason: string; note: string; recordedBy: string }[] } };

const reissue = (input: Record<string, unknown>, viewer: object = COORDINATOR) =>
  fixture.run<Reissued>(REISSUE, { input: { talentId: TIANHE, requestKey: 'reissue-tianhe-01', reason: 'LOST', note: '地铁上遗失', ...input } }, viewer as never);
const refusal = (answer: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => ({ rule: answer.errors?.[0]?.extensions?.rule, source: answer.errors?.[0]?.extensions?.source });


describe('补办 (003 六（三）2)', () => {
  it('revokes the old number into the history and issues a new one, same program and period', async () => {
    const answer = await reissue({});
    expect(answer.errors).toBeUndefined();
    const { program, mainCard, cardHistory } = answer.data!.reissueCard;
    expect(program).toBe('GUANGZHOU_GREEN_CARD');
    expect(mainCard).toEqual({ number: expect.stringMatching(/^GZLK-2026-8\d{5}$/), issuedOn: '2026-05-29', expiresOn: '2031-05-03', status: 'ACTIVE' });
    expect(cardHistory).toEqual([{ event: 'REISSUED', number: 'GU-2026-05-29', expiresOn: '2031-05-03', recordedOn: '2026-12-15', reason: 'LOST', note: '地铁上遗失', recordedBy: 'coordinator-1' }]);
  });

  it('reissues once for the same request; a second request revokes the reissued number in turn', async () => {
    const first = await reissue({});
    expect(await reissue({})).toEqual(first);
    const second = await reissue({ requestKey: 'reissue-tianhe-02', reason: 'DAMAGED', note: '卡面损坏' });
    const firstNumber = first.data!.reissueCard.mainCard.number;
    expect(second.data!.reissueCard.cardHistory.map((entry) => [entry.event, entry.number, entry.reason])).toEqual([
      ['REISSUED', 'GU-2026-05-29', 'LOST'],
      ['REISSUED', firstNumber, 'DAMAGED'],
    ]);
    expect(second.data!.reissueCard.mainCard.number).not.toBe(firstNumber);
  });

  it('refuses a revoked card, an expired card, a card this window does not make, and no statement', async () => {
    await fixture.run(`mutation { terminateCard(input: { talentId: "${BAIYUN}", ground: CRIME, reason: "经查实" }) { id } }`, {}, COORDINATOR);
    expect(refusal(await reissue({ talentId: BAIYUN }))).toEqual({ rule: 'CARD_REVOKED', source: '001 第六条（二）' });
    expect(refusal(await reissue({ talentId: EXPIRED }))).toEqual({ rule: 'CARD_EXPIRED', source: '001 第六条' });
    expect(refusal(await reissue({ talentId: LIWAN }))).toEqual({ rule: 'REISSUE_NOT_MADE_HERE', source: '001 第五条；003 七（三）' });
    expect(refusal(await reissue({ note: '  ' }))).toEqual({ rule: 'REISSUE_STATEMENT', source: '003 六（三）2' });
  });

  it('is the window’s: a holder may not reissue; an analyst does not read the old numbers', async () => {
    const own = await reissue({}, { subject: 'talent-tianhe', role: 'talent', talentId: TIANHE });
    expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await reissue({});
    const read = await fixture.run<{ talent: { cardHistory: unknown } }>(`query($id: ID!) { talent(id: $id) { cardHistory { event number } } }`, { id: TIANHE }, ANALYST);
    expect(read.data?.talent.cardHistory ?? null).toBeNull();
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
