// What the legal desk accepts: the window's LEGAL_CONSULTATION form (kit/case-forms.ts) read for
// shape, the choices a direct request may make, and which field of an input each rule is about, so
// a broken rule comes back as BAD_USER_INPUT naming that field, its rule and source (一次性告知).
import type { LegalConsultationForm } from '../kit/case-forms';
import { FormReader } from '../kit/form-reader';
import type { LegalCategory, LegalChannel } from './rules';

/** model.ts maxlength. */
export const MAX_TOPIC = 200;
export const MAX_COUNSEL_NAME = 60;
export const MAX_OFFICE = 80;

export const CATEGORIES: readonly LegalCategory[] = ['CONSULTATION', 'WRITTEN_OPINION', 'DOCUMENT_DRAFTING', 'LITIGATION', 'NON_LITIGATION', 'ARBITRATION', 'CONTRACT_REVIEW', 'MEDIATION', 'LEGAL_AID_REFERRAL'];
export const CHANNELS: readonly LegalChannel[] = ['PHONE', 'EMAIL', 'IN_PERSON', 'ONLINE'];

/** Which field of a mutation's input each rule is about. */
export const RULE_FIELD: Readonly<Record<string, string>> = {
  NO_LEGAL_SERVICE: 'program',
  CATEGORY_NOT_OFFERED: 'category',
  CHANNEL: 'channel',
  TOPIC_REQUIRED: 'topic',
  COUNSEL_ROLE: 'counsel.role',
  STATUS: 'id',
};

/** LEGAL_CONSULTATION (kit/case-forms.ts LegalConsultationForm). */
export function readLegalConsultationForm(form: Record<string, unknown>): LegalConsultationForm {
  const reader = new FormReader('input.form');
  reader.exactly(form, ['topic', 'category', 'personalMatter', 'channel']);
  const topic = reader.text(form.topic, 'topic', MAX_TOPIC);
  const category = reader.choice(form.category, 'category', CATEGORIES);
  const personalMatter = reader.flag(form.personalMatter, 'personalMatter');
  const channel = reader.choice(form.channel, 'channel', CHANNELS);
  reader.done();
  return { topic, category: category!, personalMatter, channel: channel! };
}
