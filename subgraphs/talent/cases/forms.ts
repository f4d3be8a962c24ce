// The window reads each item's form: exactly the form that belongs to the item, every field in
// shape, people taken from the registry (never retyped), and the checks the window can make
// before any department is asked. Every problem is collected, so the talent hears them all at once.
import type { AirportServiceForm, FormPerson, ServiceCode, ServiceForms } from '../../kit/case-forms';
import { FormReader } from '../../kit/form-reader';
import { HOUSEHOLD_DECLARATION_SOURCE, undeclaredHousehold } from '../../kit/household-declaration';
import { inputFormat } from '../../kit/input-format';
import type { Problem } from '../../kit/problems';
import { LEVEL_AGE_SOURCE, ageAtEntry, levelFitsAge } from '../../kit/school-age';
import { isValidResidentId } from '../seed-people';
import type { TalentDoc } from '../model';

type FormField = 'hukouTransfer' | 'schoolEnrolment' | 'checkup' | 'familyDoctor' | 'legalConsultation' | 'talentApartment' | 'airportService' | 'exitEntry';

const FORM_OF: Record<ServiceCode, FormField> = {
  HUKOU_TRANSFER_HOLDER: 'hukouTransfer',
  HUKOU_TRANSFER_FAMILY: 'hukouTransfer',
  KINDERGARTEN_ENROLMENT: 'schoolEnrolment',
  SCHOOL_ENROLMENT: 'schoolEnrolment',
  FREE_ANNUAL_CHECKUP: 'checkup',
  UNION_CHECKUP: 'checkup',
  FAMILY_DOCTOR_CONTRACT: 'familyDoctor',
  LEGAL_CONSULTATION: 'legalConsultation',
  TALENT_APARTMENT: 'talentApartment',
  AIRPORT_VIP_DOMESTIC: 'airportService',
  AIRPORT_VIP_INTERNATIONAL: 'airportService',
  EXIT_ENTRY_PERMIT: 'exitEntry',
  RESIDENCE_PERMIT: 'exitEntry',
};

const FORM_FIELDS = [...new Set(Object.values(FORM_OF))];

export type CaseItemInput = { service: ServiceCode } & Partial<Record<FormField, Record<string, unknown> | null>>;

const MAX_TEXT = 200;
const FLIGHT_NUMBER = /^[A-Z0-9]{2}\d{1,4}[A-Z]?$/;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;

/** The clauses that say whose items these are: the family that moves (落户), the child enrolled (子女入学). */
const HUKOU_FAMILY_SOURCE = '000 一；001 第四条（一）；002 一';
const ENROLMENT_CHILD_SOURCE = '000 八；001 第四条（二）';
/** 000 十三（三）2: what an airport booking must give (航班号、乘机人数和姓名、车牌号、联系电话…). */
const AIRPORT_CONTENTS = { rule: 'AIRPORT_BOOKING_CONTENTS', source: '000 十三（三）2' };

/** A person of the registry: the holder, or a registered family member — never one typed in (`source`: the clause of whom the item serves). */
function person(talent: TalentDoc, memberId: string | null, reader: FormReader, field: string, source: string): FormPerson | null {
  if (memberId === null) {
    return { name: talent.name, relation: 'HOLDER', birthDate: talent.birthDate, idNumber: talent.idDocument.type === 'RESIDENT_ID' ? talent.idDocument.number : null };
  }
  const member = talent.family.find((candidate) => candidate._id.toString() === memberId);
  if (!member) {
    reader.problem(field, `家庭成员 ${memberId} 不在该人才的登记信息中`, 'not a family member of this talent', { rule: 'FAMILY_MEMBER_UNREGISTERED', source });
    return null;
  }
  const idNumber = member.idDocument.type === 'RESIDENT_ID' ? member.idDocument.number : null;
  if (idNumber !== null && !isValidResidentId(idNumber)) {
    reader.problem(field, `${member.name} 的身份证号码校验位不正确，请先更正登记信息`, 'the registered resident ID number fails its check digit (GB 11643)', inputFormat('INPUT_RESIDENT_ID_CHECK_DIGIT'));
  }
  return { name: member.name, relation: member.relation as FormPerson['relation'], birthDate: member.birthDate, idNumber };
}

export function readItemForm(input: CaseItemInput, index: number, talent: TalentDoc, now: Date, today: string): { form: ServiceForms[ServiceCode] | null; problems: Problem[] } {
  const reader = new FormReader(`input.items.${index}`);
  const expected = FORM_OF[input.service];
  const given = FORM_FIELDS.filter((field) => input[field] != null);
  if (given.length !== 1 || given[0] !== expected) {
    reader.problem(expected, `事项 ${input.service} 须且只须填写 ${expected} 表单`, `item ${input.service} takes exactly the ${expected} form${given.length ? `, got ${given.join(', ')}` : ''}`, inputFormat('INPUT_ITEM_FORM'));
    return { form: null, problems: reader.problems };
  }
  const form = input[expected]!;
  reader.enter(expected);
  switch (input.service) {
    case 'HUKOU_TRANSFER_HOLDER':
    case 'HUKOU_TRANSFER_FAMILY': {
      const ids = form.familyMemberIds as string[];
      const holderOnly = input.service === 'HUKOU_TRANSFER_HOLDER';
      if (holderOnly && ids.length > 0) reader.problem('familyMemberIds', '持卡人落户不填家庭成员；家属请选「随迁家属落户」', 'the holder item takes no family members', inputFormat('INPUT_ITEM_APPLICANTS'));
      if (!holderOnly && ids.length === 0) reader.problem('familyMemberIds', '请选择随迁的家庭成员', 'choose the family members moving', inputFormat('INPUT_ITEM_APPLICANTS'));
      const dependentIds = (form.dependentChildIds as string[] | null | undefined) ?? [];
      for (const [n, id] of dependentIds.entries()) {
        if (!ids.includes(id)) reader.problem(`dependentChildIds.${n}`, '未独立生活的子女须同时列为迁移人', 'a dependent child must also be among the family members moving', { rule: 'HUKOU_DEPENDENT_CHILD', source: '001 第四条（一）' });
      }
      const applicants = (holderOnly ? [null] : ids).map((id, n) => {
        const applicant = person(talent, id, reader, `familyMemberIds.${n}`, HUKOU_FAMILY_SOURCE);
        return applicant && id && applicant.relation === 'CHILD' ? { ...applicant, dependent: dependentIds.includes(id) } : applicant;
      });
      for (const [n, applicant] of applicants.entries()) {
        // 000 一; 001 第四条（一）; 002 一: the holder, the spouse and (dependent) children only.
        if (applicant && !['HOLDER', 'SPOUSE', 'CHILD'].includes(applicant.relation)) {
          reader.problem(`familyMemberIds.${n}`, `${applicant.name} 不属于可随迁落户的配偶或子女`, 'only the spouse and dependent children may move with the holder', { rule: 'HUKOU_FAMILY_SCOPE', source: HUKOU_FAMILY_SOURCE });
        }
      }
      return { form: { applicants: applicants.filter((applicant): applicant is FormPerson => applicant !== null), route: form.route as 'PLANNED_GUIDANCE', targetAddress: reader.text(form.targetAddress, 'targetAddress', MAX_TEXT), policeStation: reader.text(form.policeStation, 'policeStation', 60) }, problems: reader.problems };
    }
    case 'KINDERGARTEN_ENROLMENT':
    case 'SCHOOL_ENROLMENT': {
      // 000 八 持卡人子女: only a child the registry holds as the holder's.
      const child = person(talent, form.childId as string, reader, 'childId', ENROLMENT_CHILD_SOURCE);
      if (child && child.relation !== 'CHILD') reader.problem('childId', `${child.name} 不是持卡人子女`, 'not a child of the holder', { rule: 'ENROLMENT_CHILD_ONLY', source: ENROLMENT_CHILD_SOURCE });
      const level = form.level as 'KINDERGARTEN';
      const levelFitsItem = (input.service === 'KINDERGARTEN_ENROLMENT') === (level === 'KINDERGARTEN');
      if (!levelFitsItem) reader.problem('level', '学段与事项不符', 'the level does not match the item', inputFormat('INPUT_ITEM_LEVEL'));
      const schoolYear = form.schoolYear as number;
      const year = Number(today.slice(0, 4));
      // 000 八（二）1: requests follow the year of entry's schedule, so they are made in that year.
      if (schoolYear !== year) reader.problem('schoolYear', `入学年度须为今年（${year}），按入学当年日程申请`, `apply in the year of entry (${year})`, { rule: 'ENROLMENT_SCHOOL_YEAR', source: '000 八（二）1' });
      // 000 八 适龄: the level the child's age allows, on 31 August of the year of entry (told only once the item, level and year are right).
      if (child?.relation === 'CHILD' && levelFitsItem && schoolYear === year && !levelFitsAge(level, child.birthDate, schoolYear)) {
        const age = ageAtEntry(child.birthDate, schoolYear);
        reader.problem('level', `${child.name}在 ${schoolYear} 年 8 月 31 日为 ${age} 周岁，与所报学段不符`, `level ${level} does not fit a child aged ${age} on 31 August`, { rule: 'ENROLMENT_LEVEL_AGE', source: LEVEL_AGE_SOURCE });
      }
      const member = talent.family.find((candidate) => candidate._id.toString() === form.childId);
      if (!child || !member) return { form: null, problems: reader.problems };
      return { form: { child: { ...child, gender: member.gender as 'MALE' }, level, schoolYear, district: reader.text(form.district, 'district', 30), preferredSchool: reader.text(form.preferredSchool, 'preferredSchool', 100) }, problems: reader.problems };
    }
    case 'FREE_ANNUAL_CHECKUP':
    case 'UNION_CHECKUP': {
      if ((form.preferredDate as string) < today) reader.problem('preferredDate', '体检日期不能早于今天', 'the checkup date cannot be in the past', inputFormat('INPUT_DATE_IN_PAST'));
      // 002 八（三）: Liwan holders choose the designated checkup hospital themselves.
      if (form.hospital == null && talent.program === 'LIWAN_YINGCAI') reader.problem('hospital', '荔湾英才卡持卡人须自行选择指定体检医院', 'Liwan holders choose their checkup hospital', { rule: 'HOSPITAL_REQUIRED', source: '002 八（三）' });
      const hospital = form.hospital == null ? null : reader.text(form.hospital, 'hospital', 80);
      return { form: { preferredDate: form.preferredDate as string, hospital }, problems: reader.problems };
    }
    case 'FAMILY_DOCTOR_CONTRACT': {
      if ((form.startsOn as string) < today) reader.problem('startsOn', '签约开始日期不能早于今天', 'the contract cannot start in the past', inputFormat('INPUT_DATE_IN_PAST'));
      return { form: { communityHealthCentre: reader.text(form.communityHealthCentre, 'communityHealthCentre', 80), team: reader.text(form.team, 'team', 80), package: form.package as 'FREE', startsOn: form.startsOn as string }, problems: reader.problems };
    }
    case 'LEGAL_CONSULTATION':
      return { form: { topic: reader.text(form.topic, 'topic', MAX_TEXT), category: form.category as 'CONSULTATION', personalMatter: form.personalMatter as boolean, channel: form.channel as 'PHONE' }, problems: reader.problems };
    case 'TALENT_APARTMENT': {
      const householdSize = form.householdSize as number;
      if (householdSize < 1 || householdSize > 20) reader.problem('householdSize', '家庭人数须在 1 到 20 之间', 'household size must be 1–20', inputFormat('INPUT_INTEGER_RANGE'));
      const declarations = (form.declarations as { personName: string; relation: string; city: string; homesOwned: number }[]).map((declaration, n) => {
        if (declaration.homesOwned < 0 || declaration.homesOwned > 99) reader.problem(`declarations.${n}.homesOwned`, '住房套数须在 0 到 99 之间', 'homes owned must be 0–99', inputFormat('INPUT_INTEGER_RANGE'));
        return { personName: reader.text(declaration.personName, 'personName', 60), relation: declaration.relation as 'HOLDER', city: reader.text(declaration.city, 'city', 30), homesOwned: declaration.homesOwned };
      });
      // 002 四; 000 九: the holder, the registered spouse and the registered minor children are all declared.
      if (!declarations.some((declaration) => declaration.relation === 'HOLDER')) reader.problem('declarations', '须申报持卡人本人的住房情况', "the holder's own declaration is required", { rule: 'DECLARATION_HOLDER', source: HOUSEHOLD_DECLARATION_SOURCE });
      for (const missing of undeclaredHousehold(talent.family, declarations, today, 'declarations')) reader.problem(missing.field, missing.zh, missing.en, missing);
      return { form: { district: reader.text(form.district, 'district', 30), project: reader.text(form.project, 'project', 80), householdSize, declarations }, problems: reader.problems };
    }
    case 'AIRPORT_VIP_DOMESTIC':
    case 'AIRPORT_VIP_INTERNATIONAL':
      return { form: airportForm(form, input.service, reader, now), problems: reader.problems };
    case 'EXIT_ENTRY_PERMIT':
    case 'RESIDENCE_PERMIT':
      return { form: { applicantName: reader.text(form.applicantName, 'applicantName', 60) }, problems: reader.problems };
  }
}

function airportForm(form: Record<string, unknown>, service: ServiceCode, reader: FormReader, now: Date): AirportServiceForm {
  const flightNumber = reader.text(form.flightNumber, 'flightNumber', 10).toUpperCase();
  if (flightNumber && !FLIGHT_NUMBER.test(flightNumber)) reader.problem('flightNumber', '航班号格式不正确（如 CZ3101）', 'flight number is malformed (e.g. CZ3101)', AIRPORT_CONTENTS);
  const flightTime = form.flightTime as Date;
  // 000 十三（三）1: domestic no later than 2 h, international 3 h before the flight.
  const leadHours = service === 'AIRPORT_VIP_INTERNATIONAL' ? 3 : 2;
  if (flightTime.getTime() - now.getTime() < leadHours * 3600_000) {
    reader.problem('flightTime', `须不迟于航班起飞/抵达前 ${leadHours} 小时预约`, `book at least ${leadHours} h before the flight`, { rule: 'AIRPORT_LEAD_TIME', source: '000 十三（三）1' });
  }
  const names = (field: string) =>
    (form[field] as string[]).map((name, n) => {
      const trimmed = name.trim();
      if (trimmed === '' || trimmed.length > 60) reader.problem(`${field}.${n}`, '姓名不能为空且不超过 60 个字', 'a name of 1–60 characters', AIRPORT_CONTENTS);
      return { name: trimmed };
    });
  const passengers = names('passengers');
  if (passengers.length === 0 || passengers.length > 10) reader.problem('passengers', '须提供 1 至 10 名乘机人姓名', '1–10 passengers', AIRPORT_CONTENTS);
  const vehicles = (form.vehiclePlates as string[]).map((plate, n) => {
    if (!PLATE.test(plate.trim())) reader.problem(`vehiclePlates.${n}`, `车牌号格式不正确：${plate.slice(0, 12)}`, 'plate number is malformed (e.g. 粤A12345)', AIRPORT_CONTENTS);
    return { plate: plate.trim() };
  });
  const contactPhone = reader.text(form.contactPhone, 'contactPhone', 20);
  if (contactPhone && !PHONE.test(contactPhone)) reader.problem('contactPhone', '联系电话格式不正确', 'contact phone is malformed', AIRPORT_CONTENTS);
  const direction = form.direction as 'DEPARTURE' | 'ARRIVAL';
  if (form.nameSign === true && direction !== 'ARRIVAL') reader.problem('nameSign', '仅接机服务可举牌', 'a name sign is for arrivals only', { rule: 'AIRPORT_NAME_SIGN', source: '000 十三（三）2' });
  return { direction, flightNumber, flightTime: flightTime.toISOString(), passengers, greeters: names('greeters'), vehicles, checkedLuggage: form.checkedLuggage as boolean, nameSign: form.nameSign as boolean, contactPhone };
}
