// 核实 (003 九（四）): 相关单位和申领人如需核实人才绿卡持卡人身份、人才绿卡真伪 — name, ID number and card
// number in; whether the card is genuine (the three belong together in the registry) and in force
// today out, and nothing else: every mismatch — unknown number, wrong name, wrong ID number, input
// too long — gives the same { genuine: false, inForce: false }, so the answer cannot be used to
// learn which part was wrong. Anyone may ask ("相关单位和申领人"), signed in or not (gateway/auth.ts). Each
// asker — a token's subject, or an anonymous caller's address as the gateway saw it — is limited to VERIFY_LIMIT questions per VERIFY_WINDOW_MS
// (in memory, per window process: replicas each count their own — a shared counter is future work),
// and every question is audited (who asked, which holder matched, if any).
import { GraphQLError } from 'graphql';
import type { BaseContext } from '../../kit/context';
import { todayInChina } from '../../kit/dates';
import type { TalentDoc, TalentModels } from '../model';
import { affiliatedCardStatusOn, cardStatusOn } from '../rules';

export interface CardVerification {
  genuine: boolean;
  inForce: boolean;
}

export const VERIFY_LIMIT = 10;
export const VERIFY_WINDOW_MS = 60_000;
const MAX_LENGTH = 60;
const NO_MATCH: CardVerification = { genuine: false, inForce: false };

/** A sliding window per asker (token subject): at most `limit` questions in any `windowMs`. */
export class VerificationLimiter {
  private readonly asked = new Map<string, number[]>();

  constructor(
    private readonly limit = VERIFY_LIMIT,
    private readonly windowMs = VERIFY_WINDOW_MS,
  ) {}

  /** Counts the question and says whether it may be answered. */
  allow(subject: string, now: Date): boolean {
    const since = now.getTime() - this.windowMs;
    const recent = (this.asked.get(subject) ?? []).filter((at) => at > since);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now.getTime());
    this.asked.set(subject, recent);
    return allowed;
  }
}

const normalize = (text: string) => text.trim().toUpperCase();

/** The answer for one registry document holding the card number (null when none does). */
export function verificationOf(talent: TalentDoc | null, question: { name: string; idNumber: string; cardNumber: string }, today: string): CardVerification {
  if (!talent) return NO_MATCH;
  const number = normalize(question.cardNumber);
  const name = question.name.trim();
  const idNumber = normalize(question.idNumber);
  if (normalize(talent.mainCard.number) === number) {
    const genuine = talent.name === name && normalize(talent.idDocument.number) === idNumber;
    return genuine ? { genuine, inForce: cardStatusOn(talent.mainCard, today) === 'ACTIVE' } : NO_MATCH;
  }
  const card = talent.affiliatedCards.find((candidate) => normalize(candidate.number) === number);
  const member = talent.family.find((candidate) => candidate.cardNumber !== null && normalize(candidate.cardNumber ?? '') === number);
  if (!card || !member) return NO_MATCH;
  const genuine = member.name === name && normalize(member.idDocument.number) === idNumber;
  return genuine ? { genuine, inForce: affiliatedCardStatusOn(card.status, talent.mainCard, today) === 'ACTIVE' } : NO_MATCH;
}

export interface VerifyDeps {
  models: TalentModels;
  limiter: VerificationLimiter;
  now: Date;
  context: Pick<BaseContext, 'viewer' | 'audit' | 'anonymousClient'>;
}

export async function verifyCard(deps: VerifyDeps, question: { name: string; idNumber: string; cardNumber: string }): Promise<CardVerification> {
  const viewer = deps.context.viewer!;
  const asker = deps.context.anonymousClient ? `anonymous:${deps.context.anonymousClient}` : viewer.subject;
  if (!deps.limiter.allow(asker, deps.now)) {
    deps.context.audit.read(null, 'verifyCard', ['verifyCard'], 'FORBIDDEN');
    throw new GraphQLError(`核实过于频繁：每 ${VERIFY_WINDOW_MS / 1000} 秒最多 ${VERIFY_LIMIT} 次，请稍后再试（too many verifications; try again later）`, {
      extensions: { code: 'RATE_LIMITED', rule: 'VERIFY_RATE_LIMIT', source: '003 九（四）', retryAfterSeconds: VERIFY_WINDOW_MS / 1000 },
    });
  }
  const tooLong = [question.name, question.idNumber, question.cardNumber].some((text) => text.length > MAX_LENGTH);
  const cardNumber = normalize(question.cardNumber);
  const talent = tooLong || cardNumber === '' ? null : await deps.models.Talent.findOne({ $or: [{ 'mainCard.number': cardNumber }, { 'affiliatedCards.number': cardNumber }] }).lean<TalentDoc>();
  const answer = verificationOf(talent, question, todayInChina(deps.now));
  // Who asked about whom: the holder is named only when the three matched (a guess names no one).
  deps.context.audit.read(answer.genuine ? talent!._id.toString() : null, 'verifyCard', ['Card.number', 'IdDocument.number', 'Talent.name'], 'OK');
  return answer;
}
