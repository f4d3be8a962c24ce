// 副卡 for family members of a Guangzhou talent green card holder (003 四（二）、六（二）):
// only once the main card has been held a year, only for the spouse, minor children, parents and
// the spouse's parents, and only while the main card is in force (001 第六条 for its period).
import type { QueryFilter } from 'mongoose';
import { ageOn, todayInChina } from '../kit/dates';
import { badUserInput, notFound } from '../kit/errors';
import { parseObjectId } from '../kit/ids';
import { problemsError, type RuleViolation } from '../kit/problems';
import type { TalentDoc, TalentModels } from './model';
import { cardStatusOn } from './rules';

export function affiliatedCardProblems(talent: TalentDoc, member: TalentDoc['family'][number], today: string): RuleViolation[] {
  const problems: RuleViolation[] = [];
  if (talent.program !== 'GUANGZHOU_GREEN_CARD') {
    problems.push({ rule: 'AFFILIATED_CARD_PROGRAM', zh: '仅广州市人才绿卡可为随行家属申领副卡', en: 'only the Guangzhou talent green card has affiliated cards', source: '003 六（二）' });
  }
  if (cardStatusOn(talent.mainCard, today) !== 'ACTIVE') {
    problems.push({ rule: 'MAIN_CARD_NOT_ACTIVE', zh: '主卡不在有效期内或已终止', en: 'the main card is not in force', source: '001 第六条；003 九（三）' });
  }
  if (ageOn(talent.mainCard.issuedOn, today) < 1) {
    problems.push({ rule: 'MAIN_CARD_HELD_ONE_YEAR', zh: '主卡成功申领满1年之后，方可申领副卡', en: 'the main card must have been held for a year', source: '003 四（二）' });
  }
  const minorChild = member.relation === 'CHILD' && ageOn(member.birthDate, today) < 18;
  if (member.relation === 'CHILD' && !minorChild) {
    problems.push({ rule: 'AFFILIATED_CARD_RELATION', zh: '副卡仅限未成年子女，成年子女不可申领', en: 'only minor children may hold an affiliated card', source: '003 六（二）' });
  }
  if (member.cardNumber) problems.push({ rule: 'AFFILIATED_CARD_EXISTS', zh: '该家属已持有副卡', en: 'this family member already holds an affiliated card', source: '003 六（二）' });
  return problems;
}

export async function issueAffiliatedCard(models: TalentModels, talentId: string, familyMemberId: string, now: Date): Promise<TalentDoc> {
  const id = parseObjectId(talentId, 'talentId');
  parseObjectId(familyMemberId, 'familyMemberId');
  const talent = await models.Talent.findById(id).lean<TalentDoc>();
  if (!talent) throw notFound('talent', `未找到人才 ${talentId}`, 'no talent with this id');
  const member = talent.family.find((candidate) => candidate._id.toString() === familyMemberId);
  if (!member) throw badUserInput('familyMemberId', '该家属不在人才的登记信息中', 'not a family member of this talent', { rule: 'FAMILY_MEMBER_UNREGISTERED', source: '003 六（二）' });
  const today = todayInChina(now);
  const problems = affiliatedCardProblems(talent, member, today);
  if (problems.length > 0) {
    throw problemsError(problems.map((problem) => ({ field: 'familyMemberId', ...problem })));
  }
  const number = `${talent.mainCard.number}-${talent.affiliatedCards.length + 1}`;
  const card = { number, program: talent.program, kind: 'AFFILIATED', holderName: member.name, relation: member.relation, eligibilityCode: '003-6-2', issuedOn: today, expiresOn: talent.mainCard.expiresOn, status: 'ACTIVE' };
  // Guarded on the family member still having no card, so two clerks cannot issue two.
  const filter = { _id: id, family: { $elemMatch: { _id: member._id, cardNumber: null } } } as QueryFilter<TalentDoc>;
  const talentWithCard = talent.family.map((candidate) => (candidate._id.toString() === familyMemberId ? { ...candidate, cardNumber: number } : candidate));
  const result = await models.Talent.updateOne(filter, { $set: { family: talentWithCard, affiliatedCards: [...talent.affiliatedCards, card] } });
  if (result.modifiedCount !== 1) throw badUserInput('familyMemberId', '该家属已持有副卡', 'this family member already holds an affiliated card', { rule: 'AFFILIATED_CARD_EXISTS', source: '003 六（二）' });
  return (await models.Talent.findById(id).lean<TalentDoc>())!;
}
