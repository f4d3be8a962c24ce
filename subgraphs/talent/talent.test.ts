// The card registry: lookups, paging, filters, entity resolution, card status (001 第六条).
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { SeededRandom } from '../kit/seed-random';
import { todayInChina } from '../kit/dates';
import { inputFormat } from '../kit/input-format';
import { buildTalentSubgraph } from './server';
import { generateTalents, mayHoldAffiliatedCard, seedTalents } from './seed';
import { cardStatusOn, managementPeriodEnd } from './rules';
import { isValidResidentId } from './seed-people';

let fixture: SubgraphFixture;
const today = todayInChina();
const talents = generateTalents(40, new SeededRandom(7), today);

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph);
  await seedTalents(fixture.connection, talents, new SeededRandom(8), today);
});
afterAll(() => fixture.close());

describe('card rules (001 第六条)', () => {
  it('manages a card for five years from the day it is issued', () => {
    expect(managementPeriodEnd('2021-03-15')).toBe('2026-03-14');
    expect(managementPeriodEnd('2020-02-29')).toBe('2025-02-28');
  });

  it('derives EXPIRED from the date but never un-revokes or restores a contact-list card', () => {
    expect(cardStatusOn({ status: 'ACTIVE', expiresOn: '2026-11-24' }, '2026-11-24')).toBe('ACTIVE');
    expect(cardStatusOn({ status: 'ACTIVE', expiresOn: '2026-11-23' }, '2026-11-24')).toBe('EXPIRED');
    expect(cardStatusOn({ status: 'REVOKED', expiresOn: '2030-01-01' }, '2026-11-24')).toBe('REVOKED');
    expect(cardStatusOn({ status: 'CONTACT_LIST', expiresOn: '2020-01-01' }, '2026-11-24')).toBe('CONTACT_LIST');
  });
});

describe('demo talents', () => {
  it('are the same on every run and carry valid resident ID numbers', () => {
    expect(generateTalents(40, new SeededRandom(7), today)).toEqual(talents);
    for (const talent of talents) {
      expect(isValidResidentId(talent.idNumber)).toBe(true);
      for (const member of talent.family) expect(isValidResidentId(member.idNumber)).toBe(true);
    }
  });

  it('issue 副卡 only under 003 四（二）and 六（二）', async () => {
    const stored = await fixture.connection.models.Talent.find({}).lean<{ program: string; affiliatedCards: unknown[] }[]>();
    const affiliated = stored.filter((talent) => talent.affiliatedCards.length > 0);
    expect(affiliated.length).toBeGreaterThan(0);
    for (const talent of affiliated) expect(talent.program).toBe('GUANGZHOU_GREEN_CARD');
    const holder = talents.find((talent) => talent.program === 'GUANGZHOU_GREEN_CARD')!;
    const adultChild = { ...holder.family[0], relation: 'CHILD' as const, birthDate: '1990-01-01' };
    expect(mayHoldAffiliatedCard(holder, adultChild, today)).toBe(false);
    expect(mayHoldAffiliatedCard({ ...holder, cardIssuedOn: today }, { ...adultChild, relation: 'SPOUSE' }, today)).toBe(false);
  });
});

describe('queries', () => {
  it('finds one talent by id, null for an unknown id, BAD_USER_INPUT for a malformed one', async () => {
    const first = talents[0];
    const found = await fixture.run(`query($id: ID!) { talent(id: $id) { id name program mainCard { kind status } } }`, { id: first.id });
    expect(found.errors).toBeUndefined();
    expect(found.data).toEqual({ talent: { id: first.id, name: first.name, program: first.program, mainCard: { kind: 'MAIN', status: cardStatusOn({ status: first.cardStatus, expiresOn: first.cardExpiresOn }, today) } } });

    const unknown = await fixture.run(`{ talent(id: "ffffffffffffffffffffffff") { id } }`);
    expect(unknown).toEqual({ data: { talent: null } });

    const malformed = await fixture.run(`{ talent(id: "not-an-id") { id } }`);
    expect(malformed.data).toEqual({ talent: null });
    expect(malformed.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id', ...inputFormat('INPUT_MALFORMED_ID') });
  });

  it('pages through every talent once, in id order, with a total', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      type Page = { talents: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const page: ExecutionResult<Page> = await fixture.run<Page>(
        `query($after: String) { talents(first: 15, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(page.errors).toBeUndefined();
      expect(page.data!.talents.totalCount).toBe(40);
      seen.push(...page.data!.talents.edges.map((edge) => edge.node.id));
      if (!page.data!.talents.pageInfo.hasNextPage) break;
      after = page.data!.talents.pageInfo.endCursor;
    }
    expect(seen).toEqual(talents.map((talent) => talent.id).sort());
  });

  it('filters by program, district, card status and name or employer', async () => {
    const count = async (filter: Record<string, unknown>) => {
      const result = await fixture.run<{ talents: { totalCount: number } }>(`query($f: TalentFilter) { talents(first: 0, filter: $f) { totalCount } }`, { f: filter });
      expect(result.errors).toBeUndefined();
      return result.data!.talents.totalCount;
    };
    expect(await count({ program: 'LIWAN_YINGCAI' })).toBe(talents.filter((t) => t.program === 'LIWAN_YINGCAI').length);
    expect(await count({ district: '白云区' })).toBe(talents.filter((t) => t.district === '白云区').length);
    for (const status of ['ACTIVE', 'EXPIRED', 'CONTACT_LIST', 'REVOKED'] as const) {
      expect(await count({ cardStatus: status })).toBe(talents.filter((t) => cardStatusOn({ status: t.cardStatus, expiresOn: t.cardExpiresOn }, today) === status).length);
    }
    const someone = talents[3];
    expect(await count({ search: someone.name })).toBe(talents.filter((t) => t.name.includes(someone.name) || t.employer.includes(someone.name)).length);
    expect(await count({ search: '大学', program: 'WUHAN_GREEN_CHANNEL' })).toBe(talents.filter((t) => t.program === 'WUHAN_GREEN_CHANNEL' && t.employer.includes('大学')).length);
    expect(await count({ search: '.*' })).toBe(0);
  });

  it('refuses a page larger than 100 and a forged cursor, naming the argument', async () => {
    const tooMany = await fixture.run(`{ talents(first: 101) { totalCount } }`);
    expect(tooMany.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first', max: 100, ...inputFormat('INPUT_PAGE_SIZE') });
    const forged = await fixture.run(`{ talents(first: 5, after: "bm9wZQ") { totalCount } }`);
    expect(forged.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after', ...inputFormat('INPUT_CURSOR') });
  });

  it('resolves entities in the order asked, null for unknown ids, in one DB command', async () => {
    const ids = [talents[5].id, 'ffffffffffffffffffffffff', talents[1].id, 'garbage'];
    fixture.dbCommands.reset();
    const result = await fixture.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id name } } }`, {
      r: ids.map((id) => ({ __typename: 'Talent', id })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: talents[5].id, name: talents[5].name }, null, { id: talents[1].id, name: talents[1].name }, null] });
    expect(fixture.dbCommands.snapshot()).toEqual({ 'find talents': 1 });
  });
});
