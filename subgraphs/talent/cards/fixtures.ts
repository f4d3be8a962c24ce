// People and applications for the card-life tests (unit and end-to-end): valid resident ID numbers
// made for a birth date and sex (GB 11643-1999), and complete applications to change one thing in.
import { residentIdCheckChar } from '../seed-people';

/** A valid resident ID number: region 440106 (天河区), the birth date, a serial whose last digit gives the sex. */
export function residentId(birthDate: string, gender: 'MALE' | 'FEMALE', serial = 12): string {
  const sequence = String(serial * 10 + (gender === 'MALE' ? 1 : 2)).padStart(3, '0').slice(-3);
  const first17 = `440106${birthDate.replaceAll('-', '')}${sequence}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterPersonInput!) {
    registerPerson(input: $input) { id name registeredBy idDocument { type number } phone family { name relation minor } talent { id } }
  }
`;

export const APPLY = /* GraphQL */ `
  mutation Apply($input: ApplyForCardInput!) {
    applyForCard(input: $input) { id status stage stageDueOn overdue round eligibility { code source } timeline { stage decision actor } }
  }
`;

export const STEP = /* GraphQL */ `
  mutation Step($input: CardApplicationStepInput!) {
    recordCardApplicationStep(input: $input) {
      id status stage stageName stageAuthority stageStartedOn stageDueOn stageLimitWorkingDays overdue round cardNumber
      materialsToSupply { code name }
      talent { id program mainCard { number status issuedOn expiresOn eligibility { code } } }
      timeline { stage decision actor recordedBy dueOn late }
    }
  }
`;

/** A complete registration; `serial` tells people apart (their ID numbers differ by it). */
export function personInput(requestKey: string, change: Record<string, unknown> = {}, serial = 12) {
  const birthDate = (change.birthDate as string | undefined) ?? '1990-05-01';
  return {
    requestKey,
    name: '周子墨',
    nameEn: 'Zhou Zimo',
    gender: 'MALE',
    birthDate,
    nationality: '中国',
    idDocument: { type: 'RESIDENT_ID', number: residentId(birthDate, 'MALE', serial) },
    phone: '13912345678',
    employer: '天河软件有限公司',
    position: '首席科学家',
    degree: 'DOCTORATE',
    district: '天河区',
    family: [{ name: '孙悦', relation: 'SPOUSE', gender: 'FEMALE', birthDate: '1991-02-03', idDocument: { type: 'RESIDENT_ID', number: residentId('1991-02-03', 'FEMALE', 34) } }],
    ...change,
  };
}

export const TIANHE_DOCTORATE_MATERIALS = ['APPLICATION_FORM', 'ID_PHOTO', 'DEGREE_CERTIFICATES', 'IDENTITY_PROOF', 'HOUSEHOLD_BOOKLET', 'EMPLOYMENT_CONTRACT', 'RESIDENCE_PROOF', 'DEGREE_AND_RANKING_PROOF'];
export const BAIYUN_MATERIALS = ['APPLICATION_FORM', 'IDENTITY_PROOF', 'TALENT_CATEGORY_PROOF', 'EMPLOYER_QUALIFICATION', 'WORK_TIME_PROOF'];

export function tianheApplication(requestKey: string, personId: string, change: Record<string, unknown> = {}) {
  return {
    requestKey,
    personId,
    program: 'GUANGZHOU_GREEN_CARD',
    category: '003-3-4',
    materials: TIANHE_DOCTORATE_MATERIALS,
    employerConfirmation: { confirmed: true, unit: '天河软件有限公司', contactName: '王经理' },
    facts: { monthsWorkedPerYear: 12, guangzhouHukou: false, degreeRoute: 'DOCTORATE' },
    ...change,
  };
}

export function baiyunApplication(requestKey: string, personId: string, change: Record<string, unknown> = {}) {
  return {
    requestKey,
    personId,
    program: 'BAIYUN_YUNJU',
    category: '001-3-8',
    materials: BAIYUN_MATERIALS,
    employerConfirmation: { confirmed: true, unit: '天河软件有限公司', contactName: '王经理' },
    facts: { monthsWorkedPerYear: 10, employerOperatingYears: 3 },
    ...change,
  };
}
