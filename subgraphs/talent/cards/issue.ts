// 制证 / 制卡 assigns the card number; 发证 / 发卡 writes the holder into the registry. The Talent is
// written under the registered person's id with its main card in ONE insert (insertOnce): a retry
// of the step after a crash finds the same document instead of writing a second, and from that
// moment every department's card check (kit/card-check.ts reads talent(id) { program mainCard {
// status expiresOn } }) and the talent view see the new holder. Issuing starts the 5-year management
// period (001 第六条).
import { isDuplicateKey, insertOnce } from '../../kit/mongo';
import type { TalentDoc, TalentModels } from '../model';
import { managementPeriodEnd } from '../rules';
import type { CardApplicationDoc, CardLifeModels, PersonDoc } from './model';
import type { Viewer } from '../../kit/context';
import { writeCardHistory } from './history';

/** Card numbers as the registry writes them: program prefix, year, serial (like the demo cards, seed.ts). */
const CARD_PREFIX: Record<string, string> = { BAIYUN_YUNJU: 'BY', GUANGZHOU_GREEN_CARD: 'GZLK', WUHAN_GREEN_CHANNEL: 'WHLS' };
/**
 * Whether the window makes (and so remakes, 补办) this program's cards: 001 第五条 制卡, 003 七（三） 制证.
 * A Wuhan green-channel number is the holder's archive number (004 第十二条), not a card to remake.
 */
export function windowMakesCards(program: string): boolean {
  return program === 'BAIYUN_YUNJU' || program === 'GUANGZHOU_GREEN_CARD';
}

/** Serials the window allocates start here, clear of the demo data's (which count from 1). */
const FIRST_SERIAL = 800_001;
const MAX_TRIES = 20;

/**
 * The next free card number of the program and year. A serial is taken by a conditional update of
 * the counter from the value read (exactly one winner per serial, on every engine — like the
 * outbox's claims, kit/outbox.ts, never a findOneAndUpdate); a serial drawn by a step that then lost
 * its compare-and-set is skipped, never reused. A number already in the registry is skipped too.
 */
export async function allocateCardNumber(models: CardLifeModels & TalentModels, program: string, today: string): Promise<string> {
  const key = `${CARD_PREFIX[program]}-${today.slice(0, 4)}`;
  await models.CardNumberCounter.updateOne({ _id: key }, { $setOnInsert: { last: FIRST_SERIAL - 1 } }, { upsert: true }).catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
  });
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const { last } = (await models.CardNumberCounter.findById(key).lean<{ last: number }>())!;
    const taken = await models.CardNumberCounter.updateOne({ _id: key, last }, { $set: { last: last + 1 } });
    if (taken.modifiedCount !== 1) continue;
    const number = `${key}-${String(last + 1).padStart(6, '0')}`;
    const [inRegistry, inApplications] = await Promise.all([
      models.Talent.countDocuments({ $or: [{ 'mainCard.number': number }, { 'cardHistory.number': number }] }),
      models.CardApplication.countDocuments({ cardNumber: number }),
    ]);
    if (inRegistry === 0 && inApplications === 0) return number;
  }
  throw new Error(`no free card number for ${key} after ${MAX_TRIES} tries`);
}

/** The registry's document for the new holder: the registration, and the main card issued today. */
export function talentOf(person: PersonDoc, application: CardApplicationDoc, today: string): Partial<TalentDoc> & { _id: TalentDoc['_id'] } {
  // Cast once: mongoose's inferred document type wants document arrays where a plain insert gives plain ones.
  return {
    _id: person._id,
    name: person.name,
    nameEn: person.nameEn ?? null,
    gender: person.gender,
    birthDate: person.birthDate,
    nationality: person.nationality,
    idDocument: person.idDocument,
    phone: person.phone,
    employer: person.employer,
    position: person.position,
    degree: person.degree,
    district: person.district,
    program: application.program,
    mainCard: {
      number: application.cardNumber!,
      program: application.program,
      kind: 'MAIN',
      holderName: person.name,
      relation: null,
      eligibilityCode: application.category,
      issuedOn: today,
      expiresOn: managementPeriodEnd(today),
      status: 'ACTIVE',
    },
    affiliatedCards: [],
    family: person.family.map((member) => ({ _id: member._id, name: member.name, relation: member.relation, gender: member.gender, birthDate: member.birthDate, idDocument: member.idDocument, cardNumber: null })),
  } as unknown as Partial<TalentDoc> & { _id: TalentDoc['_id'] };
}

export async function writeHolder(models: CardLifeModels & TalentModels, application: CardApplicationDoc, today: string, viewer: Viewer): Promise<TalentDoc> {
  const holder = await models.Talent.findById(application.personId).lean<TalentDoc>();
  if (holder) return reissueToHolder(models, holder, application, today, viewer);
  const person = await models.Person.findById(application.personId).lean<PersonDoc>();
  if (!person) throw new Error(`card application ${application._id.toString()} names no registered person`);
  return insertOnce<TalentDoc>(models.Talent, talentOf(person, application, today));
}

/**
 * A holder applying again (apply.ts reapplication): the new card replaces the lapsed one on their
 * record and starts a new 5-year period (001 第六条); the old card is kept in the history. Keyed by the
 * application, so a replayed 发卡 changes the record once.
 */
function reissueToHolder(models: TalentModels, holder: TalentDoc, application: CardApplicationDoc, today: string, viewer: Viewer): Promise<TalentDoc> {
  return writeCardHistory(models, holder, `reapplication:${application._id.toString()}`, (current) => ({
    entry: { event: 'REAPPLIED', number: current.mainCard.number, expiresOn: current.mainCard.expiresOn, recordedOn: today, reason: null, note: application.priority ? `优先重新申报：${application.priority.reason}` : '重新申领' },
    card: {
      program: application.program,
      'mainCard.program': application.program,
      'mainCard.number': application.cardNumber!,
      'mainCard.eligibilityCode': application.category,
      'mainCard.issuedOn': today,
      'mainCard.expiresOn': managementPeriodEnd(today),
      'mainCard.status': 'ACTIVE',
      'mainCard.contactListFrom': null,
      'mainCard.contactListReason': null,
      'mainCard.retiredOn': null,
      'mainCard.terminatedOn': null,
      'mainCard.terminationGround': null,
      'mainCard.terminationReason': null,
      'mainCard.terminationUnit': null,
    },
  }), viewer);
}
