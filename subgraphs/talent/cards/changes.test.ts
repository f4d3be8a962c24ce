// 变更 (003 六（三）1): a change of employer or residence is taken whenever it is reported, flagged late
// after 30 days (Guangzhou green card; programs without the clause are never late), recorded once, and
// the registry's employer follows; the holder reports their own, or the window does. A green card's
// change brings 变更要素证明 and 原绿卡证复印件; a renewal's materials are asked for the same way.
import { describe, expect, it } from 'vitest';
import { useRegistryFixture } from './registry-fixture';
import { BAIYUN, LIWAN, TIANHE } from '../cases/fixtures';

const { fixture } = useRegistryFixture(new Date('2026-12-15T04:00:00Z'));
const COORDINATOR = { subject: 'coordinator-1', role: 'coordinator' } as const;
const CHANGE_MATERIALS = ['CHANGE_PROOF', 'CARD_COPY'];
const CHANGE = /* GraphQL */ `mutation($input: CardChangeInput!) { recordCardChange(input: $input) { employer cardChanges { kind value previous changedOn reportedOn late } } }`;
type Answer = { recordCardChange: { employer: string; cardChanges: { kind: string; value: string; previous: string | null; changedOn: string; reportedOn: string; late: boolean | null }[] } };


describe('变更', () => {
  it('takes a change within 30 days as on time and a later one as late; the employer follows', async () => {
    await fixture.run(CHANGE, { input: { talentId: TIANHE, kind: 'EMPLOYER', value: '天河新材料有限公司', changedOn: '2026-11-15', materials: CHANGE_MATERIALS } }, COORDINATOR);
    const late = await fixture.run<Answer>(CHANGE, { input: { talentId: TIANHE, kind: 'RESIDENCE', value: '天河区珠江新城', changedOn: '2026-11-14', materials: CHANGE_MATERIALS } }, COORDINATOR);
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
    expect((await fixture.run(CHANGE, { input: { talentId: TIANHE, kind: 'RESIDENCE', value: '天河区', changedOn: '2026-12-01', materials: CHANGE_MATERIALS } }, own)).errors).toBeUndefined();
    const other = await fixture.run(CHANGE, { input: { talentId: LIWAN, kind: 'RESIDENCE', value: '天河区', changedOn: '2026-12-01' } }, own);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await fixture.run(`mutation { terminateCard(input: { talentId: "${BAIYUN}", ground: CRIME, reason: "经查实" }) { id } }`, {}, COORDINATOR);
    const revoked = await fixture.run(CHANGE, { input: { talentId: BAIYUN, kind: 'EMPLOYER', value: 'x', changedOn: '2026-12-01' } }, COORDINATOR);
    expect(revoked.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'CARD_REVOKED', source: '001 第六条（二）' });
  });

  it('names the materials 变更 and 续办 of a green card need, and refuses a request without them, listing each (003 六（三）1、3)', async () => {
    const needs = await fixture.run<{ change: { code: string; source: string }[]; reissue: unknown[]; renewal: { code: string }[]; baiyun: unknown[] }>(
      `{ change: cardServiceMaterials(program: GUANGZHOU_GREEN_CARD, service: CHANGE) { code source } reissue: cardServiceMaterials(program: GUANGZHOU_GREEN_CARD, service: REISSUE) { code }
         renewal: cardServiceMaterials(program: GUANGZHOU_GREEN_CARD, service: RENEWAL) { code } baiyun: cardServiceMaterials(program: BAIYUN_YUNJU, service: CHANGE) { code } }`,
      {},
      COORDINATOR,
    );
    expect(needs.data).toEqual({
      change: [{ code: 'CHANGE_PROOF', source: '003 六（三）1' }, { code: 'CARD_COPY', source: '003 六（三）1' }],
      reissue: [],
      renewal: [{ code: 'CARD_COPY' }, { code: 'RENEWAL_PROOF' }],
      baiyun: [],
    });
    const bare = await fixture.run(CHANGE, { input: { talentId: TIANHE, kind: 'EMPLOYER', value: '天河新材料有限公司', changedOn: '2026-12-01', materials: ['CARD_COPY'] } }, COORDINATOR);
    const problems = (bare.errors?.[0].extensions as { problems: { field: string; rule: string; source: string }[] }).problems;
    expect(problems).toEqual([expect.objectContaining({ field: 'input.materials', rule: 'CARD_MATERIAL_MISSING', source: '003 六（三）1' })]);
    const held = await fixture.run<{ talent: { employer: string; cardChanges: unknown[] } }>(`{ talent(id: "${TIANHE}") { employer cardChanges { kind } } }`, {}, COORDINATOR);
    expect(held.data!.talent).toEqual({ employer: '测试单位', cardChanges: [] });
    // A Baiyun holder's change needs none: 001 names no materials for it.
    expect((await fixture.run(CHANGE, { input: { talentId: BAIYUN, kind: 'RESIDENCE', value: '白云区', changedOn: '2026-12-01' } }, COORDINATOR)).errors).toBeUndefined();
  });
});
