// 登记 (003 附件1 申请表: 姓名、性别、出生日期、国籍或地区、证件、学位、工作单位及职务、联系电话): a person
// is registered before any application. Who registers:
// - the window (coordinator or specialist) on the person's behalf: the person's id is derived from
//   the request key, so a retry finds the record the first attempt wrote;
// - the person themself, with a talent token: the identity provider gave them their talent id, and
//   the record is stored under it — once: a talent id that already has a record (registered, or a
//   card holder in the registry) registers nothing more.
// The same request key with the same content answers with the stored record; a person whose ID
// document is already registered — here or as a card holder — is refused, the record named.
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../../kit/context';
import { todayInChina } from '../../kit/dates';
import { inputFormat } from '../../kit/input-format';
import { requestKeyProblems } from '../../kit/request-key';
import { derivedId, isDuplicateKey } from '../../kit/mongo';
import { problemsError, underPrefix, type Problem } from '../../kit/problems';
import { Types as MongooseTypes } from 'mongoose';
import type { TalentModels } from '../model';
import { idDocumentViolations, type IdDocumentType } from './id-documents';
import type { CardLifeModels, PersonDoc } from './model';

interface IdDocumentInput {
  type: IdDocumentType;
  number: string;
}

export interface FamilyMemberInput {
  name: string;
  relation: 'SPOUSE' | 'CHILD' | 'PARENT' | 'SPOUSE_PARENT';
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  idDocument: IdDocumentInput;
}

export interface RegisterPersonInput {
  requestKey: string;
  name: string;
  nameEn?: string | null;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  nationality: string;
  idDocument: IdDocumentInput;
  phone: string;
  employer: string;
  position: string;
  degree: 'DOCTORATE' | 'MASTER' | 'BACHELOR' | 'OTHER';
  district: string;
  family?: FamilyMemberInput[] | null;
}

const PHONE = /^(\+?\d{1,4}[- ]?)?\d{6,14}$/;
const MAX_FAMILY = 10;

function text(problems: Problem[], field: string, value: string | null | undefined, max: number, required = true): void {
  const length = value?.trim().length ?? 0;
  if ((required && length === 0) || length > max) problems.push({ field, zh: `须填写，且不超过 ${max} 个字`, en: `required, at most ${max} characters`, ...inputFormat(length === 0 ? 'INPUT_REQUIRED' : 'INPUT_TOO_LONG') });
}

/** Every problem of the form and of the ID numbers, at once. */
export function registrationProblems(input: RegisterPersonInput, today: string): Problem[] {
  const problems: Problem[] = [];
  problems.push(...requestKeyProblems(input.requestKey, 'requestKey'));
  text(problems, 'name', input.name, 60);
  text(problems, 'nameEn', input.nameEn, 120, false);
  text(problems, 'nationality', input.nationality, 40);
  text(problems, 'employer', input.employer, 120);
  text(problems, 'position', input.position, 60);
  text(problems, 'district', input.district, 20);
  if (!PHONE.test(input.phone)) problems.push({ field: 'phone', zh: '联系电话格式不正确', en: 'the phone number is malformed', ...inputFormat('INPUT_PHONE') });
  if (input.birthDate >= today) problems.push({ field: 'birthDate', zh: '出生日期须早于今天', en: 'the birth date must be before today', ...inputFormat('INPUT_DATE_RANGE') });
  const documentProblems = (field: string, document: IdDocumentInput, birthDate: string, gender: 'MALE' | 'FEMALE') =>
    idDocumentViolations({ ...document, birthDate, gender }).map((violation) => ({ field, ...violation }));
  problems.push(...documentProblems('idDocument.number', input.idDocument, input.birthDate, input.gender));
  const family = input.family ?? [];
  if (family.length > MAX_FAMILY) problems.push({ field: 'family', zh: `家庭成员至多 ${MAX_FAMILY} 人`, en: `at most ${MAX_FAMILY} family members`, ...inputFormat('INPUT_TOO_MANY') });
  family.forEach((member, index) => {
    const memberProblems: Problem[] = [];
    text(memberProblems, 'name', member.name, 60);
    if (member.birthDate >= today) memberProblems.push({ field: 'birthDate', zh: '出生日期须早于今天', en: 'the birth date must be before today', ...inputFormat('INPUT_DATE_RANGE') });
    memberProblems.push(...documentProblems('idDocument.number', member.idDocument, member.birthDate, member.gender));
    const sameAsHolder = member.idDocument.type === input.idDocument.type && member.idDocument.number === input.idDocument.number;
    const earlier = family.findIndex((other) => other.idDocument.type === member.idDocument.type && other.idDocument.number === member.idDocument.number);
    if (sameAsHolder || earlier !== index) memberProblems.push({ field: 'idDocument.number', zh: '家庭成员证件号码重复', en: 'a family member’s ID document is listed twice', ...inputFormat('INPUT_DUPLICATE') });
    problems.push(...underPrefix(memberProblems, `family.${index}`));
  });
  return underPrefix(problems, 'input');
}

function fingerprintOf(input: RegisterPersonInput): string {
  const { requestKey: _key, ...content } = input;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function duplicate(kind: '登记人员' | '持卡人才', id: string): GraphQLError {
  return problemsError([{ field: 'input.idDocument.number', zh: `该证件已登记：${kind} ${id}${kind === '持卡人才' ? '（原持卡人重新申领请以此编号申领）' : ''}`, en: `this ID document is already registered: ${kind === '登记人员' ? 'person' : 'talent'} ${id}${kind === '持卡人才' ? ' (a holder applies again under this id)' : ''}`, rule: 'PERSON_ALREADY_REGISTERED', source: '003 六（一）基本4' }], { extensions: { existingId: id, existingKind: kind === '登记人员' ? 'PERSON' : 'TALENT' } });
}

export async function registerPerson(models: CardLifeModels & TalentModels, viewer: Viewer, input: RegisterPersonInput, now: Date): Promise<PersonDoc> {
  const problems = registrationProblems(input, todayInChina(now));
  if (problems.length > 0) throw problemsError(problems, { lead: { zh: `登记未受理，共 ${problems.length} 处需补正：`, en: 'the registration was not accepted: ' } });
  const fingerprint = fingerprintOf(input);
  const byKey = await models.Person.findOne({ requestKey: input.requestKey }).lean<PersonDoc>();
  if (byKey) return sameRequest(byKey, fingerprint, viewer);
  const id: Types.ObjectId = viewer.role === 'talent' ? new MongooseTypes.ObjectId(viewer.talentId!) : derivedId('person-registration', input.requestKey);
  const ownRecord = await models.Person.findById(id).lean<PersonDoc>();
  if (ownRecord) throw problemsError([{ field: 'input', zh: `已登记：登记人员 ${id.toString()}`, en: `already registered as person ${id.toString()}`, rule: 'PERSON_ALREADY_REGISTERED', source: '003 六（一）基本4' }], { extensions: { existingId: id.toString(), existingKind: 'PERSON' } });
  const [holder, holderById, person] = await Promise.all([
    models.Talent.findOne({ 'idDocument.type': input.idDocument.type, 'idDocument.number': input.idDocument.number }, { _id: 1 }).lean<{ _id: Types.ObjectId }>(),
    models.Talent.findById(id, { _id: 1 }).lean<{ _id: Types.ObjectId }>(),
    models.Person.findOne({ 'idDocument.type': input.idDocument.type, 'idDocument.number': input.idDocument.number }, { _id: 1 }).lean<{ _id: Types.ObjectId }>(),
  ]);
  if (holder ?? holderById) throw duplicate('持卡人才', (holder ?? holderById)!._id.toString());
  if (person) throw duplicate('登记人员', person._id.toString());
  const document = {
    _id: id,
    requestKey: input.requestKey,
    fingerprint,
    name: input.name.trim(),
    nameEn: input.nameEn?.trim() || null,
    gender: input.gender,
    birthDate: input.birthDate,
    nationality: input.nationality.trim(),
    idDocument: input.idDocument,
    phone: input.phone,
    employer: input.employer.trim(),
    position: input.position.trim(),
    degree: input.degree,
    district: input.district.trim(),
    family: (input.family ?? []).map((member, index) => ({ _id: derivedId(`${id.toString()}:family`, index), ...member, name: member.name.trim(), cardNumber: null })),
    registeredBy: viewer.role === 'talent' ? 'SELF' : 'WINDOW',
    registeredAt: now,
  };
  try {
    await models.Person.insertMany([document]);
    return (await models.Person.findById(id).lean<PersonDoc>())!;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // Another request stored first: the same request gets its record, a different one the duplicate named.
    const sameKey = await models.Person.findOne({ requestKey: input.requestKey }).lean<PersonDoc>();
    if (sameKey) return sameRequest(sameKey, fingerprint, viewer);
    const other = await models.Person.findOne({ $or: [{ _id: id }, { 'idDocument.type': input.idDocument.type, 'idDocument.number': input.idDocument.number }] }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
    if (other) throw duplicate('登记人员', other._id.toString());
    throw error;
  }
}

/** The key names a stored registration: the same request (by the same talent, for a talent) gets it back. */
function sameRequest(stored: PersonDoc, fingerprint: string, viewer: Viewer): PersonDoc {
  if (stored.fingerprint !== fingerprint || (viewer.role === 'talent' && stored._id.toString() !== viewer.talentId)) {
    throw problemsError([{ field: 'input.requestKey', zh: '该请求键已用于另一份不同的登记', en: 'this requestKey was already used for a different registration', ...inputFormat('INPUT_REQUEST_KEY_REUSED') }]);
  }
  return stored;
}
