// The housing rules one by one, each with the clause it comes from.
import { describe, expect, it } from 'vitest';
import {
  apartmentSchemeFor,
  applicationProblems,
  declarationRelationFor,
  householdSizeOf,
  housingEligibility,
  mayAllocate,
  nextWaitlistPosition,
  waitlistIsContiguous,
  type ApplicationFacts,
  type OwnershipFacts,
} from './rules';

const holder = (homesOwned = 0, city = '广州市'): OwnershipFacts => ({ personName: '李伟', relation: 'HOLDER', city, homesOwned });
const spouse = (homesOwned = 0): OwnershipFacts => ({ personName: '陈芳', relation: 'SPOUSE', city: '广州市', homesOwned });
const child = (homesOwned = 0): OwnershipFacts => ({ personName: '李子轩', relation: 'MINOR_CHILD', city: '广州市', homesOwned });

describe('housingEligibility', () => {
  it('is undetermined until the household has declared, the holder included', () => {
    expect(housingEligibility([]).eligible).toBeNull();
    const noHolder = housingEligibility([spouse()]);
    expect(noHolder.eligible).toBeNull();
    expect(noHolder.reasons).toEqual(["缺少持卡人本人的住房情况申报（the holder's own declaration is missing）— 000 九；001 第四条（八）；002 四"]);
  });

  it('002 四 / 000 九: eligible when holder, spouse and minor children own no home in the city', () => {
    const verdict = housingEligibility([holder(), spouse(), child()]);
    expect(verdict).toEqual({
      eligible: true,
      reasons: ['本人及配偶、未成年子女在广州市均无自有产权住房（holder, spouse and minor children own no home in 广州市）— 000 九；001 第四条（八）；002 四'],
    });
    expect(mayAllocate(verdict)).toBe(true);
  });

  it('002 四: a home owned by the spouse or a minor child makes the household ineligible, one reason per owner', () => {
    const verdict = housingEligibility([holder(), spouse(1), child(2)]);
    expect(verdict).toEqual({
      eligible: false,
      reasons: [
        '配偶陈芳在广州市有自有产权住房 1 套（spouse 陈芳 owns 1 home(s) in 广州市）— 000 九；001 第四条（八）；002 四',
        '未成年子女李子轩在广州市有自有产权住房 2 套（minor child 李子轩 owns 2 home(s) in 广州市）— 000 九；001 第四条（八）；002 四',
      ],
    });
    expect(mayAllocate(verdict)).toBe(false);
  });

  it('000 九 / 001 第四条（八）: a holder who owns a home in the city is not eligible', () => {
    expect(housingEligibility([holder(1)]).eligible).toBe(false);
  });

  it('004 第五条第12项: a Wuhan declaration cites the Wuhan item', () => {
    expect(housingEligibility([holder(1, '武汉市')]).reasons).toEqual([
      '持卡人本人李伟在武汉市有自有产权住房 1 套（the holder 李伟 owns 1 home(s) in 武汉市）— 004 第五条第12项',
    ]);
  });

  it('002 四（市级高层次人才除外）: a city-level talent is exempt from the no-home condition', () => {
    const verdict = housingEligibility([holder(1)], { cityLevelTalent: true });
    expect(verdict.eligible).toBe(true);
    expect(verdict.reasons.at(-1)).toContain('002 四');
  });
});

describe('who is declared and where', () => {
  it('002 四: spouse and minor children are declared, adult children and parents are not', () => {
    expect(declarationRelationFor('SPOUSE', '1985-01-01', '2025-06-01')).toBe('SPOUSE');
    expect(declarationRelationFor('CHILD', '2007-06-02', '2025-06-01')).toBe('MINOR_CHILD'); // 17 the day before
    expect(declarationRelationFor('CHILD', '2007-06-01', '2025-06-01')).toBeNull(); // 18 that day
    expect(declarationRelationFor('PARENT', '1950-01-01', '2025-06-01')).toBeNull();
    expect(householdSizeOf([holder(), spouse(), child()])).toBe(3);
  });

  it('000 九 Baiyun, 002 四 Liwan, 004 第五条第12项 Wuhan; 003 (Tianhe) lists no housing service', () => {
    expect(apartmentSchemeFor('白云区')).toMatchObject({ city: '广州市', clause: '000 九；001 第四条（八）' });
    expect(apartmentSchemeFor('荔湾区')).toMatchObject({ city: '广州市', clause: '002 四', condition: { zh: '在荔湾区辖内工作' } });
    expect(apartmentSchemeFor('洪山区')).toMatchObject({ city: '武汉市', clause: '004 第五条第12项' });
    expect(apartmentSchemeFor('天河区')).toBeNull();
  });
});

describe('applicationProblems', () => {
  const today = '2025-12-01';
  const base: ApplicationFacts = { project: '白鹅潭人才公寓', status: 'SUBMITTED', householdSize: 2, submittedOn: '2025-05-01' };

  it('accepts each status with exactly its own fields', () => {
    expect(applicationProblems(base, today)).toEqual([]);
    expect(applicationProblems({ ...base, status: 'WAITLISTED', waitlistPosition: 3 }, today)).toEqual([]);
    expect(applicationProblems({ ...base, status: 'ALLOCATED', decidedOn: '2025-06-01', allocatedUnit: { project: '白鹅潭人才公寓', building: '2栋', unitNumber: '802', areaSqm: 60 } }, today)).toEqual([]);
    expect(applicationProblems({ ...base, status: 'REJECTED', decidedOn: '2025-05-20', rejectionReason: '材料不全' }, today)).toEqual([]);
    expect(applicationProblems({ ...base, status: 'WITHDRAWN', decidedOn: '2025-05-02' }, today)).toEqual([]);
  });

  it('refuses fields that do not fit the status, and dates out of order', () => {
    expect(applicationProblems({ ...base, waitlistPosition: 1 }, today)).toEqual(['轮候序号仅在轮候中时存在（waitlistPosition only while WAITLISTED）']);
    expect(applicationProblems({ ...base, status: 'WAITLISTED' }, today)).toHaveLength(1);
    expect(applicationProblems({ ...base, status: 'ALLOCATED', decidedOn: '2025-06-01', allocatedUnit: { project: '芳村花园人才公寓', building: '1栋', unitNumber: '101', areaSqm: 45 } }, today)).toEqual([
      '配租房源须属于申请的项目（allocated unit must be in the applied-for project）',
    ]);
    expect(applicationProblems({ ...base, status: 'REJECTED', decidedOn: '2025-04-01', rejectionReason: '材料不全' }, today)).toEqual([
      '办结日期不得早于申请日期（decidedOn before submittedOn）',
    ]);
    expect(applicationProblems({ ...base, status: 'REJECTED', decidedOn: '2025-05-20' }, today)).toEqual(['仅驳回的申请有驳回理由（rejectionReason only when REJECTED）']);
    expect(applicationProblems({ ...base, submittedOn: '2026-01-01' }, today)).toEqual(['日期不得晚于今天（dates must not be in the future）']);
    expect(applicationProblems({ ...base, householdSize: 0 }, today)).toHaveLength(1);
  });
});

describe('waitlists', () => {
  it('are numbered 1…n per project with no gap or repeat; a new entry goes to the end', () => {
    expect(waitlistIsContiguous([])).toBe(true);
    expect(waitlistIsContiguous([2, 1, 3])).toBe(true);
    expect(waitlistIsContiguous([1, 3])).toBe(false);
    expect(waitlistIsContiguous([1, 1, 2])).toBe(false);
    expect(nextWaitlistPosition([1, 2, 3])).toBe(4);
  });
});
