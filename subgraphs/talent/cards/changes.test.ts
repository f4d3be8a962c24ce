// 变更 (003 六（三）1): a change of employer or residence is taken whenever it is reported, flagged late
// after 30 days (Guangzhou green card; programs without the clause are never late), recorded once, and
// the registry's employer follows; the holder reports their own, or the window does.
import { describe, expect, it } from 'vitest';
import { useRegistryFixture } from './registry-fixture';
import { BAIYUN, LIWAN, TIANHE } from '../cases/fixtures';

const { fixture } = useRegistryFixture(new Date('2026-12-15T04:00:00Z'));
const COORDINATOR = { subject: 'coordinator-1', role: 'coordinator' } as const;
const CHANGE = /* GraphQL */ `mutation($input: CardChangeInput!) { recordCardChange(input: $input) { employer cardChanges { kind value previous changedOn reportedOn late } } }`;
type Answer = { recordCardChange: { employer: string; cardChanges: { kind: string; value: string; previous: string | null; changedOn: string; reportedOn: string; late: boolean | null }[] } };


describe('变更', () => {
  it('takes a change within 30 days as on time and a later one as late; the employer follows', async () => {
    await fixture.run(CHANGE, { input: { talentId: TIANHE, kind: 'EMPLOYER', value: '天河新材料有限公司', changedOn: '2026-11-15' } }, COORDINATOR);
    const late = await fixture.run<Answer>(CHANGE, { input: { talentId: TIANHE, kind: 'RESIDENCE', value: '天河区珠江新城', changedOn: '2026-11-14' } }, COORDINATOR);
    expect(late).toEqual({
      data: {
        recordCardChange: {
          employer: '天河新材料有限公司',
          cardChanges: [
            { kind: 'EMPLOYER', value: '天河新材料有限公司', previous: '测试单位', changedOn: '2026-11-15', reportedOn: '2026-12-15', late: false },
            { kind: 'RESIDENCE', value: '天河区珠江新城', previous: null, changedOn: '2026-11-14', reportedOn: '2026-12-15', late: true },
          ],
        },
      },
    });
  });

  it('records the same change once; a program without the clause is never late', async () => {
    const input = { talentId: BAIYUN, kind: 'EMPLOYER', value: '白云智造有限公司', changedOn: '2026-01-01' };
    await fixture.run(CHANGE, { input }, COORDINATOR);
    const again = await fixture.run<Answer>(CHANGE, { input }, COORDINATOR);
    expect(again.data!.recordCardChange.cardChanges.map((change) => [change.value, change.late])).toEqual([['白云智造有限公司', null]]);
  });

  it('the holder reports their own change, not another holder’s; a revoked card takes none', async () => {
    const own = { subject: 'talent-tianhe', role: 'talent', talentId: TIANHE } as const;
    expect((await fixture.run(CHANGE, { input: { talentId: TIANHE, kind: 'RESIDENCE', value: '天河区', changedOn: '2026-12-01' } }, own)).errors).toBeUndefined();
    const other = await fixture.run(CHANGE, { input: { talentId: LIWAN, kind: 'RESIDENCE', value: '天河区', changedOn: '2026-12-01' } }, own);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await fixture.run(`mutation { terminateCard(input: { talentId: "${BAIYUN}", ground: CRIME, reason: "经查实" }) { id } }`, {}, COORDINATOR);
    const revoked = await fixture.run(CHANGE, { input: { talentId: BAIYUN, kind: 'EMPLOYER', value: 'x', changedOn: '2026-12-01' } }, COORDINATOR);
    expect(revoked.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'CARD_REVOKED', source: '001 第六条（二）' });
  });
});
