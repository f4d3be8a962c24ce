// 司法局 subgraph: Talent.legal through _entities, its free/fee-bearing rules (000 十二; 001 第四条（六）; 002 十), its seeder.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import type { Program } from '../kit/programs';
import { todayInChina } from '../kit/dates';
import type { SeedTalent } from '../kit/seed';
import { SeededRandom, seededObjectId } from '../kit/seed-random';
import {
  isOpen,
  legalConsultationViolation,
  legalFee,
  legalServiceOffered,
  offeredCategories,
  requestedInYear,
  type LegalConsultationRecord,
} from './rules';
import { seedLegal } from './seed';
import { buildLegalSubgraph } from './server';

const LEGAL = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Talent {
        id
        legal {
          consultations {
            id topic category personalMatter channel status free feeBearing feeNote requestedAt answeredAt
            counsel { name role office }
          }
          openCount
          totalThisYear
        }
      }
    }
  }
`;

const year = Number(todayInChina().slice(0, 4));
const talentId = (n: number) => seededObjectId(0x7e57_1e9a, n);
const ref = (id: string) => ({ __typename: 'Talent', id });
const at = (text: string) => new Date(text);
const ADVISER = { name: '陈志强', role: 'GOVERNMENT_LEGAL_ADVISER', office: '白云区司法局法制与律师管理科' };
const LAWYER = { name: '梁嘉欣', role: 'LAWYER', office: '荔湾区公共法律服务中心' };
const FREE_BAIYUN = '免费法律咨询（000 十二；001 第四条（六））';
const NOT_PERSONAL = '非与持卡人有直接利害关系的个人法律事项，不属免费咨询范围，可协商收费（000 十二（三）1）';

let fixture: SubgraphFixture;
beforeAll(async () => {
  fixture = await openSubgraphFixture(buildLegalSubgraph);
});
beforeEach(() => fixture.clear());
afterAll(() => fixture.close());

const Consultation = () => fixture.connection.models.LegalConsultation;

describe('Talent.legal', () => {
  it('returns consultations newest first with fees and counts, in the order of the representations', async () => {
    const [baiyun, liwan, wuhan] = [1, 2, 3].map(talentId);
    const [c1, c2, c3, c4, c5] = await Consultation().insertMany([
      { talentId: baiyun, program: 'BAIYUN_YUNJU', topic: '劳动合同解除的经济补偿', category: 'CONSULTATION', personalMatter: true, channel: 'PHONE', counsel: ADVISER, status: 'CLOSED', requestedAt: at(`${year - 1}-11-03T10:00:00+08:00`), answeredAt: at(`${year - 1}-11-04T10:00:00+08:00`) },
      // 00:30 on 1 January in China is still 31 December in UTC: it counts for this year.
      { talentId: baiyun, program: 'BAIYUN_YUNJU', topic: '所在企业股权融资条款', category: 'CONSULTATION', personalMatter: false, channel: 'EMAIL', status: 'REQUESTED', requestedAt: at(`${year}-01-01T00:30:00+08:00`) },
      { talentId: baiyun, program: 'BAIYUN_YUNJU', topic: '起草遗嘱', category: 'DOCUMENT_DRAFTING', personalMatter: true, channel: 'PHONE', counsel: ADVISER, status: 'ASSIGNED', requestedAt: at(`${year}-01-01T09:00:00+08:00`) },
      { talentId: liwan, program: 'LIWAN_YINGCAI', topic: '购房合同审查', category: 'CONTRACT_REVIEW', personalMatter: true, channel: 'IN_PERSON', counsel: LAWYER, status: 'ANSWERED', requestedAt: at(`${year}-01-01T10:00:00+08:00`), answeredAt: at(`${year}-01-01T13:00:00+08:00`) },
      { talentId: liwan, program: 'LIWAN_YINGCAI', topic: '相邻关系纠纷调解', category: 'MEDIATION', personalMatter: true, channel: 'PHONE', counsel: LAWYER, status: 'CLOSED', requestedAt: at(`${year - 1}-06-01T10:00:00+08:00`), answeredAt: at(`${year - 1}-06-03T10:00:00+08:00`) },
    ]);
    const view = (doc: typeof c1, fee: { free: boolean; feeBearing: boolean; feeNote: string }) => ({
      id: doc._id.toString(), topic: doc.topic, category: doc.category, personalMatter: doc.personalMatter, channel: doc.channel, status: doc.status,
      ...fee, requestedAt: doc.requestedAt.toISOString(), answeredAt: doc.answeredAt?.toISOString() ?? null, counsel: doc.counsel ? { ...doc.counsel.toObject() } : null,
    });

    const result = await fixture.run(LEGAL, { r: [ref(liwan), ref(wuhan), ref(baiyun)] });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          id: liwan,
          legal: {
            consultations: [
              view(c4, { free: false, feeBearing: true, feeNote: '审查民事经济合同需另行协商收取律师服务费用并依法办理委托代理手续，法律顾问应酌情予以减免（002 十（一）1（2））' }),
              view(c5, { free: true, feeBearing: false, feeNote: '免费参与调解矛盾纠纷（002 十（一）1（4））' }),
            ],
            openCount: 0,
            totalThisYear: 1,
          },
        },
        // 004 grants no legal service: an object with empty lists, never null.
        { id: wuhan, legal: { consultations: [], openCount: 0, totalThisYear: 0 } },
        {
          id: baiyun,
          legal: {
            consultations: [
              view(c3, { free: false, feeBearing: true, feeNote: '起草法律文书可按照有关规定协商另行收费（000 十二（三）2）' }),
              view(c2, { free: false, feeBearing: true, feeNote: NOT_PERSONAL }),
              view(c1, { free: true, feeBearing: false, feeNote: FREE_BAIYUN }),
            ],
            openCount: 2,
            totalThisYear: 2,
          },
        },
      ],
    });
  });

  it('costs one query for 1 or 25 talents', async () => {
    await Consultation().create({ talentId: talentId(4), program: 'LIWAN_YINGCAI', topic: '购房合同审查', category: 'CONTRACT_REVIEW', personalMatter: true, channel: 'PHONE', status: 'REQUESTED', requestedAt: at(`${year}-01-01T10:00:00+08:00`) });
    for (const size of [1, 25]) {
      fixture.dbCommands.reset();
      const result = await fixture.run(LEGAL, { r: Array.from({ length: size }, (_, n) => ref(talentId(n + 4))) });
      expect(result.errors).toBeUndefined();
      expect(fixture.dbCommands.snapshot()).toEqual({ 'find legal_consultations': 1 });
    }
  });
});

describe('legal rules', () => {
  const now = at('2026-06-15T18:00:00+08:00');
  const consultation = (over: Partial<LegalConsultationRecord>): LegalConsultationRecord => ({
    topic: '劳动合同解除的经济补偿', category: 'CONSULTATION', personalMatter: true, channel: 'PHONE',
    counsel: { name: '陈志强', role: 'GOVERNMENT_LEGAL_ADVISER', office: '白云区司法局' }, status: 'ANSWERED',
    requestedAt: at('2026-06-01T10:00:00+08:00'), answeredAt: at('2026-06-02T10:00:00+08:00'), ...over,
  });
  const rule = (program: Program, over: Partial<LegalConsultationRecord>) => legalConsultationViolation(program, consultation(over), now)?.rule ?? null;
  const liwan = { channel: 'IN_PERSON', counsel: { name: '梁嘉欣', role: 'LAWYER', office: '荔湾区公共法律服务中心' } } as const;

  it('offers the service to Baiyun and Liwan holders only (000 十二; 002 十)', () => {
    expect(offeredCategories('BAIYUN_YUNJU')).toEqual(['CONSULTATION', 'WRITTEN_OPINION', 'DOCUMENT_DRAFTING', 'LITIGATION', 'NON_LITIGATION', 'ARBITRATION']);
    expect(offeredCategories('LIWAN_YINGCAI')).toEqual(['CONSULTATION', 'CONTRACT_REVIEW', 'NON_LITIGATION', 'LITIGATION', 'LEGAL_AID_REFERRAL', 'MEDIATION']);
    expect(legalServiceOffered('WUHAN_GREEN_CHANNEL')).toBe(false);
    expect(legalServiceOffered('GUANGZHOU_GREEN_CARD')).toBe(false);
    expect(rule('WUHAN_GREEN_CHANNEL', {})).toBe('NO_LEGAL_SERVICE');
  });

  it('makes Baiyun consultations free only for personal matters (000 十二（三）1) and the rest fee-bearing (000 十二（三）2)', () => {
    expect(legalFee('BAIYUN_YUNJU', 'CONSULTATION', true)).toEqual({ free: true, feeBearing: false, feeNote: FREE_BAIYUN });
    expect(legalFee('BAIYUN_YUNJU', 'CONSULTATION', false)).toEqual({ free: false, feeBearing: true, feeNote: NOT_PERSONAL });
    for (const category of ['WRITTEN_OPINION', 'DOCUMENT_DRAFTING', 'LITIGATION', 'NON_LITIGATION', 'ARBITRATION'] as const) {
      expect(legalFee('BAIYUN_YUNJU', category, true)).toMatchObject({ free: false, feeBearing: true });
    }
  });

  it('makes Liwan consultation, legal-aid referral and mediation free, contract review and litigation fee-bearing but reducible (002 十（一）)', () => {
    expect(legalFee('LIWAN_YINGCAI', 'CONSULTATION', false)).toMatchObject({ free: true, feeBearing: false });
    expect(legalFee('LIWAN_YINGCAI', 'LEGAL_AID_REFERRAL', true)).toMatchObject({ free: true });
    expect(legalFee('LIWAN_YINGCAI', 'MEDIATION', true)).toMatchObject({ free: true });
    expect(legalFee('LIWAN_YINGCAI', 'LITIGATION', true)).toMatchObject({ free: false, feeBearing: true });
    expect(legalFee('LIWAN_YINGCAI', 'CONTRACT_REVIEW', true).feeNote).toContain('酌情予以减免');
  });

  it('checks category, channel, counsel and times of a consultation', () => {
    expect(rule('BAIYUN_YUNJU', {})).toBeNull();
    expect(rule('LIWAN_YINGCAI', liwan)).toBeNull();
    expect(rule('BAIYUN_YUNJU', { category: 'MEDIATION' })).toBe('CATEGORY_NOT_OFFERED'); // 000 十二
    expect(rule('LIWAN_YINGCAI', { ...liwan, category: 'WRITTEN_OPINION' })).toBe('CATEGORY_NOT_OFFERED'); // 002 十（一）
    expect(rule('BAIYUN_YUNJU', { channel: 'IN_PERSON' })).toBe('CHANNEL'); // 000 十二（二）
    expect(rule('LIWAN_YINGCAI', { ...liwan, channel: 'EMAIL' })).toBe('CHANNEL'); // 002 十（二）
    expect(rule('BAIYUN_YUNJU', { counsel: liwan.counsel })).toBe('COUNSEL_ROLE'); // 000 十二（二）
    expect(rule('BAIYUN_YUNJU', { status: 'REQUESTED', answeredAt: null })).toBe('COUNSEL');
    expect(rule('BAIYUN_YUNJU', { status: 'ASSIGNED', counsel: null, answeredAt: null })).toBe('COUNSEL');
    expect(rule('BAIYUN_YUNJU', { answeredAt: null })).toBe('ANSWERED_AT');
    expect(rule('BAIYUN_YUNJU', { answeredAt: at('2026-05-31T10:00:00+08:00') })).toBe('ANSWER_ORDER');
    expect(rule('BAIYUN_YUNJU', { requestedAt: at('2026-06-16T10:00:00+08:00'), answeredAt: null, status: 'ASSIGNED' })).toBe('REQUESTED_IN_FUTURE');
  });

  it('counts open consultations and the year by the China calendar', () => {
    expect(['REQUESTED', 'ASSIGNED', 'ANSWERED', 'CLOSED'].filter((s) => isOpen(s as 'REQUESTED'))).toEqual(['REQUESTED', 'ASSIGNED']);
    expect(requestedInYear({ requestedAt: at('2025-12-31T16:30:00Z') }, 2026)).toBe(true);
    expect(requestedInYear({ requestedAt: at('2025-12-31T15:30:00Z') }, 2026)).toBe(false);
  });
});

describe('seedLegal', () => {
  const seedDay = '2026-06-15';
  const programs: Program[] = ['BAIYUN_YUNJU', 'LIWAN_YINGCAI', 'GUANGZHOU_GREEN_CARD', 'WUHAN_GREEN_CHANNEL'];
  const talents: SeedTalent[] = Array.from({ length: 60 }, (_, n) => ({
    id: talentId(100 + n), name: `测试人才${n}`, gender: n % 2 ? 'MALE' : 'FEMALE', birthDate: '1985-04-12', idNumber: '440111198504120011',
    program: programs[n % 4], district: '荔湾区', phone: '13800000000', employer: '示例科技有限公司',
    cardIssuedOn: `${2021 + (n % 5)}-03-01`, cardExpiresOn: `${2026 + (n % 5)}-02-28`, cardStatus: n % 10 === 9 ? 'CONTACT_LIST' : 'ACTIVE', family: [],
  }));
  const dump = () => Consultation().find().sort({ _id: 1 }).lean();

  it('writes deterministic consultations that the rules accept, for some Baiyun and Liwan holders only', async () => {
    const written = await seedLegal(fixture.connection, talents, new SeededRandom(5), seedDay);
    const rows = await dump();
    expect(written).toBe(rows.length);
    const now = at(`${seedDay}T18:00:00+08:00`);
    for (const row of rows) {
      const talent = talents.find((t) => t.id === row.talentId)!;
      expect(talent.cardStatus).toBe('ACTIVE');
      expect(row.program).toBe(talent.program);
      expect(legalConsultationViolation(talent.program, row, now)).toBeNull();
    }
    const served = new Set(rows.map((row) => row.talentId));
    const eligible = talents.filter((t) => t.cardStatus === 'ACTIVE' && legalServiceOffered(t.program));
    expect(eligible.some((t) => served.has(t.id))).toBe(true);
    expect(eligible.some((t) => !served.has(t.id))).toBe(true);
    // Free and fee-bearing work, personal and non-personal matters, answered and still open requests all appear.
    const fees = rows.map((row) => legalFee(row.program, row.category, row.personalMatter).free);
    expect(new Set(fees)).toEqual(new Set([true, false]));
    expect(new Set(rows.map((row) => row.personalMatter))).toEqual(new Set([true, false]));
    expect(rows.some((row) => isOpen(row.status)) && rows.some((row) => row.status === 'CLOSED')).toBe(true);

    await fixture.clear();
    await seedLegal(fixture.connection, talents, new SeededRandom(5), seedDay);
    const strip = <T extends { createdAt?: unknown; updatedAt?: unknown }>(list: T[]) => list.map(({ createdAt, updatedAt, ...rest }) => rest);
    expect(strip(await dump())).toEqual(strip(rows));
  });
});
