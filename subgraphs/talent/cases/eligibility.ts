// What the window checks of a talent before it accepts anything (一次性告知, 004 第八条): the card
// (001 第六条; 003 九（三）) and whether the card's program offers each chosen item (the catalog).
import { catalogItem } from '../catalog';
import type { ServiceCode } from '../../kit/case-forms';
import type { TalentDoc } from '../model';
import { cardStatusOn } from '../rules';

export interface EligibilityProblem {
  code: string;
  item: ServiceCode | null;
  message: string;
  source: string;
}

const CARD_PROBLEMS = {
  EXPIRED: { code: 'CARD_EXPIRED', message: '人才卡已过5年管理期，人才服务功能失效（card management period is over）', source: '001 第六条' },
  CONTACT_LIST: { code: 'CARD_ON_CONTACT_LIST', message: '已调出管理名单、转为联系名单，人才服务功能终止（card moved to the contact list）', source: '001 第六条（一）' },
  REVOKED: { code: 'CARD_REVOKED', message: '人才卡人才服务功能已终止（card revoked）', source: '001 第六条（二）；003 九（三）' },
} as const;

export function cardProblems(talent: TalentDoc, today: string): EligibilityProblem[] {
  const status = cardStatusOn(talent.mainCard, today);
  return status === 'ACTIVE' ? [] : [{ ...CARD_PROBLEMS[status], item: null }];
}

export function programProblems(program: string, items: readonly ServiceCode[]): EligibilityProblem[] {
  return items.flatMap((code) => {
    const item = catalogItem(code);
    if ((item.programs as string[]).includes(program)) return [];
    return [{ code: 'PROGRAM_NOT_ELIGIBLE', item: code, message: `所持人才卡不含「${item.zh}」服务（this card's program does not offer ${item.en}）`, source: item.source }];
  });
}
