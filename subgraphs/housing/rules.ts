// 住房保障 / 人才公寓 rules. Every rule names the seed clause it comes from:
// 000 九 and 001 第四条（八） (Baiyun), 002 四 (Liwan), 004 第五条第12项 (Wuhan 人才安居工程申请).
// Pure functions: the read view computes eligibility with them, seed.ts writes only data they
// accept, and the later submit issue refuses bad input with the same functions.
import { ageOn } from '../kit/dates';

export const HOME_OWNERSHIP_RELATIONS = ['HOLDER', 'SPOUSE', 'MINOR_CHILD'] as const;
export type HomeOwnershipRelation = (typeof HOME_OWNERSHIP_RELATIONS)[number];

export const APARTMENT_APPLICATION_STATUSES = ['SUBMITTED', 'WAITLISTED', 'ALLOCATED', 'REJECTED', 'WITHDRAWN'] as const;
export type ApartmentApplicationStatus = (typeof APARTMENT_APPLICATION_STATUSES)[number];

/** Still in the queue or holding a unit: a talent has at most one of these at a time. */
export const OPEN_APPLICATION_STATUSES: readonly ApartmentApplicationStatus[] = ['SUBMITTED', 'WAITLISTED', 'ALLOCATED'];

const RELATION_LABEL: Record<HomeOwnershipRelation, { zh: string; en: string; rank: number }> = {
  HOLDER: { zh: '持卡人本人', en: 'the holder', rank: 0 },
  SPOUSE: { zh: '配偶', en: 'spouse', rank: 1 },
  MINOR_CHILD: { zh: '未成年子女', en: 'minor child', rank: 2 },
};

/** Holder first, then spouse, then minor children: the order of the declaration form. */
export function compareRelations(a: HomeOwnershipRelation, b: HomeOwnershipRelation): number {
  return RELATION_LABEL[a].rank - RELATION_LABEL[b].rank;
}

const GUANGZHOU_CLAUSE = '000 九；001 第四条（八）；002 四';
const WUHAN_CLAUSE = '004 第五条第12项';
const EVERY_CLAUSE = `${GUANGZHOU_CLAUSE}；${WUHAN_CLAUSE}`;

/** The clause behind "no home in the city" for a declaration about this city. */
export function ownershipClause(city: string): string {
  return city === '武汉市' ? WUHAN_CLAUSE : GUANGZHOU_CLAUSE;
}

export interface ApartmentScheme {
  district: string;
  city: string;
  clause: string;
  /** The district's own condition besides owning no home, checked when an application is made. */
  condition: { zh: string; en: string };
}

const WUHAN_DISTRICTS = [
  '江岸区', '江汉区', '硚口区', '汉阳区', '武昌区', '青山区', '洪山区', '东西湖区', '汉南区', '蔡甸区', '江夏区', '黄陂区', '新洲区',
  '东湖新技术开发区', '武汉经济技术开发区',
];

/**
 * Where a talent-apartment application is made and under which clause. Baiyun: 000 九 and 001 第四条（八）
 * (no home in the city, a need to live in Baiyun); Liwan: 002 四 (holder, spouse and minor children own
 * no home in the city, except city-level talents, and work in Liwan); Wuhan: 004 第五条第12项.
 * The Tianhe green-card guide (003) lists no housing service: no scheme, null.
 */
export function apartmentSchemeFor(district: string): ApartmentScheme | null {
  if (district === '白云区') {
    return { district, city: '广州市', clause: '000 九；001 第四条（八）', condition: { zh: '在白云区有居住需求', en: 'a need to live in Baiyun' } };
  }
  if (district === '荔湾区') {
    return { district, city: '广州市', clause: '002 四', condition: { zh: '在荔湾区辖内工作', en: 'works in Liwan' } };
  }
  if (WUHAN_DISTRICTS.includes(district)) {
    return { district, city: '武汉市', clause: WUHAN_CLAUSE, condition: { zh: '人才安居工程申请', en: 'talent housing programme application' } };
  }
  return null;
}

/**
 * Who is declared, as of the declaration day. 002 四: only the holder, the spouse and MINOR children
 * count; an adult child or a parent is not part of the declaration.
 */
export function declarationRelationFor(familyRelation: string, birthDate: string, day: string): HomeOwnershipRelation | null {
  if (familyRelation === 'SPOUSE') return 'SPOUSE';
  if (familyRelation === 'CHILD' && ageOn(birthDate, day) < 18) return 'MINOR_CHILD';
  return null;
}

export interface OwnershipFacts {
  personName: string;
  relation: HomeOwnershipRelation;
  city: string;
  homesOwned: number;
}

export interface HousingVerdict {
  /** null while the household has not (fully) declared: eligibility cannot be decided yet. */
  eligible: boolean | null;
  reasons: string[];
}

export interface EligibilityOptions {
  /** 002 四（市级高层次人才除外）: a city-level high-level talent in Liwan is exempt from the no-home condition. */
  cityLevelTalent?: boolean;
}

/**
 * Eligibility from the home-ownership declarations (one per person). 002 四: the holder, spouse and
 * minor children all own no home in the city; 000 九 / 001 第四条（八）: the holder has no home in the city.
 * The stricter household reading is applied to every program, each reason citing its clause.
 */
export function housingEligibility(declarations: readonly OwnershipFacts[], options: EligibilityOptions = {}): HousingVerdict {
  if (declarations.length === 0) {
    return {
      eligible: null,
      reasons: [`尚未申报本人及配偶、未成年子女的住房情况，暂无法判断（no home-ownership declaration yet; eligibility undetermined）— ${EVERY_CLAUSE}`],
    };
  }
  const holder = declarations.find((declaration) => declaration.relation === 'HOLDER');
  if (!holder) {
    return {
      eligible: null,
      reasons: [`缺少持卡人本人的住房情况申报（the holder's own declaration is missing）— ${ownershipClause(declarations[0].city)}`],
    };
  }
  const owners = declarations.filter((declaration) => declaration.homesOwned > 0);
  if (owners.length === 0) {
    return {
      eligible: true,
      reasons: [
        `本人及配偶、未成年子女在${holder.city}均无自有产权住房（holder, spouse and minor children own no home in ${holder.city}）— ${ownershipClause(holder.city)}`,
      ],
    };
  }
  const ownerReasons = owners.map((owner) => {
    const label = RELATION_LABEL[owner.relation];
    return `${label.zh}${owner.personName}在${owner.city}有自有产权住房 ${owner.homesOwned} 套（${label.en} ${owner.personName} owns ${owner.homesOwned} home(s) in ${owner.city}）— ${ownershipClause(owner.city)}`;
  });
  if (options.cityLevelTalent) {
    return {
      eligible: true,
      reasons: [...ownerReasons, '市级高层次人才，不受“在本市无自有产权住房”限制（city-level high-level talent: exempt from the no-home condition）— 002 四'],
    };
  }
  return { eligible: false, reasons: ownerReasons };
}

/** 000 九；002 四: a unit is allocated only to a household found eligible. */
export function mayAllocate(verdict: HousingVerdict): boolean {
  return verdict.eligible === true;
}

/** The household the unit is for: the declared holder, spouse and minor children (002 四). */
export function householdSizeOf(declarations: readonly OwnershipFacts[]): number {
  return Math.max(1, declarations.length);
}

export interface ApplicationFacts {
  project: string;
  status: ApartmentApplicationStatus;
  waitlistPosition?: number | null;
  allocatedUnit?: { project: string; building: string; unitNumber: string; areaSqm: number } | null;
  householdSize: number;
  submittedOn: string;
  decidedOn?: string | null;
  rejectionReason?: string | null;
}

/**
 * What is inconsistent in one application, as Chinese-first messages (empty when it is sound):
 * a waitlist position only while waitlisted, a unit only when allocated (in the applied-for project),
 * a decision date only once decided and not before submission, a reason only when rejected.
 */
export function applicationProblems(application: ApplicationFacts, today: string): string[] {
  const problems: string[] = [];
  const { status } = application;
  const waitlisted = status === 'WAITLISTED';
  const position = application.waitlistPosition ?? null;
  if (waitlisted !== (position !== null)) problems.push('轮候序号仅在轮候中时存在（waitlistPosition only while WAITLISTED）');
  if (position !== null && (!Number.isInteger(position) || position < 1)) problems.push('轮候序号须为正整数（waitlistPosition must be a positive integer）');
  const unit = application.allocatedUnit ?? null;
  if ((status === 'ALLOCATED') !== (unit !== null)) problems.push('仅已配租的申请有房源（allocatedUnit only when ALLOCATED）');
  if (unit && unit.project !== application.project) problems.push('配租房源须属于申请的项目（allocated unit must be in the applied-for project）');
  if (unit && !(unit.areaSqm > 0)) problems.push('房源面积须大于 0（areaSqm must be positive）');
  const decided = status === 'ALLOCATED' || status === 'REJECTED' || status === 'WITHDRAWN';
  const decidedOn = application.decidedOn ?? null;
  if (decided !== (decidedOn !== null)) problems.push('办结日期仅在配租、驳回或撤回后存在（decidedOn only once ALLOCATED, REJECTED or WITHDRAWN）');
  if (decidedOn !== null && decidedOn < application.submittedOn) problems.push('办结日期不得早于申请日期（decidedOn before submittedOn）');
  if (application.submittedOn > today || (decidedOn !== null && decidedOn > today)) problems.push('日期不得晚于今天（dates must not be in the future）');
  const reason = application.rejectionReason ?? null;
  if ((status === 'REJECTED') !== (reason !== null && reason.trim() !== '')) problems.push('仅驳回的申请有驳回理由（rejectionReason only when REJECTED）');
  if (!Number.isInteger(application.householdSize) || application.householdSize < 1) problems.push('家庭人数须为正整数（householdSize must be a positive integer）');
  return problems;
}

/** One waitlist (one district and project): positions are 1, 2, … n with no gap and no repeat. */
export function waitlistIsContiguous(positions: readonly number[]): boolean {
  const sorted = [...positions].sort((a, b) => a - b);
  return sorted.every((position, index) => position === index + 1);
}

/** The position a newly waitlisted application takes: after everyone already waiting. */
export function nextWaitlistPosition(positions: readonly number[]): number {
  return positions.length + 1;
}
