// A department's single services (booked without a case) check the card the way the window does
// (001 第六条: the card in force; the program the service belongs to), asking the window's
// registry — the one source of card facts — instead of trusting what the caller says. A service
// that needs the holder's registered family (who must be declared, who may be enrolled) reads it in
// the same call.
import { badUserInput } from './errors';
import { serviceCall } from './graphql-client';
import type { Program } from './programs';
import type { SubgraphEnvironment } from './subgraph';

const CARD_QUERY = /* GraphQL */ `
  query CardOf($id: ID!, $withFamily: Boolean!) {
    talent(id: $id) { id program mainCard { status expiresOn } family @include(if: $withFamily) { id name relation birthDate } }
  }
`;

/** A family member as the window registered them (the talent subgraph's FamilyMember). */
export interface RegisteredFamilyMember {
  id: string;
  name: string;
  relation: 'SPOUSE' | 'CHILD' | 'PARENT' | 'SPOUSE_PARENT';
  birthDate: string;
}

/** What a single service asks of the registry besides the card. */
export interface CardQuestion {
  /** Read the holder's registered family too (CardFacts.family). */
  family?: boolean;
}

export interface CardFacts {
  talentId: string;
  program: Program;
  status: 'ACTIVE' | 'CONTACT_LIST' | 'REVOKED' | 'EXPIRED';
  expiresOn: string;
  /** The registered family, when it was asked for (CardQuestion.family); absent otherwise. */
  family?: RegisteredFamilyMember[];
}

const STATUS_PROBLEM: Record<Exclude<CardFacts['status'], 'ACTIVE'>, { zh: string; en: string; source: string }> = {
  EXPIRED: { zh: '人才卡已过5年管理期，人才服务功能失效', en: 'the card management period is over', source: '001 第六条' },
  CONTACT_LIST: { zh: '已转为联系名单，人才服务功能终止', en: 'the card was moved to the contact list', source: '001 第六条（一）' },
  REVOKED: { zh: '人才卡人才服务功能已终止', en: 'the card was revoked', source: '001 第六条（二）' },
};

/**
 * Refuses (BAD_USER_INPUT on `field`) an unknown talent, a card not in force, or a card of another
 * program than the service was asked under.
 */
export function checkCard(card: CardFacts | null, talentId: string, program: Program, field: string): CardFacts {
  if (!card) throw badUserInput(field, `未找到人才 ${talentId.slice(0, 30)}`, 'no talent with this id', { rule: 'TALENT_UNKNOWN', source: '001 第六条' });
  if (card.status !== 'ACTIVE') {
    const problem = STATUS_PROBLEM[card.status];
    throw badUserInput(field, problem.zh, problem.en, { rule: 'CARD_NOT_IN_FORCE', source: problem.source });
  }
  if (card.program !== program) {
    throw badUserInput('input.program', '所报人才卡项目与登记的主卡不符', "the program does not match the holder's registered card", { rule: 'CARD_PROGRAM', source: '001 第二条' });
  }
  return card;
}

/** The family the registry answered with; a caller that did not ask for it has made a mistake. */
export function registeredFamily(card: CardFacts): RegisteredFamilyMember[] {
  if (!card.family) throw new Error('the registry was not asked for the family (verifyCard(…, { family: true }))');
  return card.family;
}

/** The holder's card as the window's registry knows it (null for an unknown talent). */
export async function registryCard(environment: Pick<SubgraphEnvironment, 'subgraphUrl' | 'serviceToken'>, talentId: string, question: CardQuestion = {}): Promise<CardFacts | null> {
  if (!/^[0-9a-f]{24}$/.test(talentId)) return null;
  type Answer = { id: string; program: Program; mainCard: { status: CardFacts['status']; expiresOn: string }; family?: RegisteredFamilyMember[] };
  const data = await serviceCall<{ talent: Answer | null }>(environment, 'talent', CARD_QUERY, { id: talentId, withFamily: question.family === true });
  if (!data.talent) return null;
  const { program, mainCard, family } = data.talent;
  return { talentId, program, status: mainCard.status, expiresOn: mainCard.expiresOn, ...(family ? { family } : {}) };
}
