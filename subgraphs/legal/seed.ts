// Demo data for 司法局: consultations of Baiyun and Liwan holders (003 and 004 grant no legal
// service). Every record is checked by the same rule the later request issue will use.
import { type DepartmentSeeder, type SeedTalent, insertInBatches } from '../kit/seed';
import { seededObjectId, type SeededRandom } from '../kit/seed-random';
import { registerLegalModels } from './model';
import {
  counselRoleFor,
  legalConsultationViolation,
  legalServiceOffered,
  offeredCategories,
  offeredChannels,
  type LegalCategory,
  type LegalConsultationRecord,
  type LegalCounselRecord,
  type LegalStatus,
} from './rules';
import { seedDemoCaseTasks } from '../talent/cases/demo-tasks';

const CONSULTATION_ID_NAMESPACE = 0x1e9a1c01;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Topics by category: personal matters first, then matters of the holder's company. */
const TOPICS: Record<LegalCategory, { personal: readonly string[]; business: readonly string[] }> = {
  CONSULTATION: {
    personal: ['劳动合同解除的经济补偿', '房屋租赁押金退还纠纷', '婚前财产约定的效力', '股权激励的个人所得税', '职务发明的权属与奖励', '父母赡养与继承安排'],
    business: ['所在企业股权融资条款', '企业对外担保的风险', '公司竞业限制协议的执行'],
  },
  WRITTEN_OPINION: { personal: ['个人对外投资协议的书面法律意见'], business: ['企业并购方案的书面法律意见'] },
  DOCUMENT_DRAFTING: { personal: ['起草遗嘱', '起草个人借款合同'], business: ['起草公司章程修正案'] },
  LITIGATION: { personal: ['民间借贷纠纷代理诉讼', '交通事故损害赔偿诉讼'], business: ['买卖合同纠纷代理诉讼'] },
  NON_LITIGATION: { personal: ['房产继承公证事务代理'], business: ['股权转让尽职调查'] },
  ARBITRATION: { personal: ['劳动争议仲裁代理'], business: ['商事仲裁代理'] },
  CONTRACT_REVIEW: { personal: ['购房合同审查', '装修工程合同审查'], business: ['技术服务合同审查'] },
  MEDIATION: { personal: ['相邻关系纠纷调解', '物业服务纠纷调解'], business: ['合作方货款纠纷调解'] },
  LEGAL_AID_REFERRAL: { personal: ['协助亲属申请法律援助'], business: ['协助员工申请法律援助'] },
};

const BAIYUN_ADVISERS = ['陈志强', '黄慧敏', '李建华', '周晓燕'];
const LIWAN_LAWYERS = ['梁嘉欣', '何俊杰', '吴少峰', '罗颖'];
const LIWAN_OFFICES = ['荔湾区公共法律服务中心', '荔湾区逢源街公共法律服务工作站', '荔湾区冲口街公共法律服务工作站'];

function counselFor(talent: SeedTalent, random: SeededRandom): LegalCounselRecord {
  // 000 十二（二）: a government legal adviser; 002 十（二）: a duty lawyer of a public legal service platform.
  return counselRoleFor(talent.program) === 'GOVERNMENT_LEGAL_ADVISER'
    ? { name: random.pick(BAIYUN_ADVISERS), role: 'GOVERNMENT_LEGAL_ADVISER', office: '白云区司法局法制与律师管理科' }
    : { name: random.pick(LIWAN_LAWYERS), role: 'LAWYER', office: random.pick(LIWAN_OFFICES) };
}

/** A status that fits how long ago the request came in. */
function statusFor(ageDays: number, random: SeededRandom): LegalStatus {
  if (ageDays > 20) return random.chance(0.85) ? 'CLOSED' : 'ANSWERED';
  if (ageDays > 3) return random.pick(['ASSIGNED', 'ANSWERED', 'ANSWERED', 'CLOSED'] as const);
  return random.pick(['REQUESTED', 'REQUESTED', 'ASSIGNED', 'ANSWERED'] as const);
}

function consultationFor(talent: SeedTalent, random: SeededRandom, now: Date): LegalConsultationRecord {
  const categories = offeredCategories(talent.program);
  const category = random.chance(0.6) ? 'CONSULTATION' : random.pick(categories.filter((c) => c !== 'CONSULTATION'));
  const personalMatter = random.chance(0.85);
  const topics = TOPICS[category];
  const earliest = Math.max(Date.parse(`${talent.cardIssuedOn}T09:00:00+08:00`), now.getTime() - 730 * DAY);
  // Within the card's management period (001 第六条): nothing after it expired.
  const latest = Math.min(now.getTime(), Date.parse(`${talent.cardExpiresOn}T18:00:00+08:00`));
  const requestedAt = new Date(earliest + Math.floor(random.next() * Math.max(0, latest - earliest)));
  const status = statusFor((now.getTime() - requestedAt.getTime()) / DAY, random);
  // 000 十二（二）: answered promptly — within three days here, and never after "now".
  const answeredAt =
    status === 'ANSWERED' || status === 'CLOSED'
      ? new Date(Math.min(now.getTime(), requestedAt.getTime() + random.int(2, 72) * HOUR))
      : null;
  return {
    topic: random.pick(personalMatter ? topics.personal : topics.business),
    category,
    personalMatter,
    channel: random.pick(offeredChannels(talent.program)),
    counsel: status === 'REQUESTED' ? null : counselFor(talent, random),
    status,
    requestedAt,
    answeredAt,
  };
}

export const seedLegal: DepartmentSeeder = async (connection, talents, random, today) => {
  const models = registerLegalModels(connection);
  const rng = random.fork('legal');
  // "Now" for demo data is the end of office hours today, China Standard Time.
  const now = new Date(`${today}T18:00:00+08:00`);
  const consultations: Record<string, unknown>[] = [];
  for (const talent of talents) {
    // 003 and 004 grant no legal service; contact-list and revoked holders lost theirs (001 第六条).
    if (!legalServiceOffered(talent.program) || talent.cardStatus !== 'ACTIVE' || !rng.chance(0.5)) continue;
    const count = rng.int(1, 4);
    for (let index = 0; index < count; index += 1) {
      const consultation = consultationFor(talent, rng, now);
      if (legalConsultationViolation(talent.program, consultation, now)) continue;
      consultations.push({
        _id: seededObjectId(CONSULTATION_ID_NAMESPACE, consultations.length),
        talentId: talent.id,
        program: talent.program,
        ...consultation,
      });
    }
  }
  await insertInBatches(models.LegalConsultation, consultations);
  // This department's parts of the demo cases, from the plan the window's seed uses too (issue 10).
  const tasks = await seedDemoCaseTasks(connection, talents, today, 'legal');
  return consultations.length + tasks;
};
