// The forms of a case's items: what the window (talent subgraph) accepts in submitCase, checks
// for shape, and hands to the department as JSON in CaseTaskDelivery.form. One contract for both
// sides, so the window and each department read the same fields.
import type { DepartmentName } from './departments';

/** 事项编码 The service items of the catalog, and the department that does each. */
export const SERVICE_DEPARTMENT = {
  HUKOU_TRANSFER_HOLDER: 'household',
  HUKOU_TRANSFER_FAMILY: 'household',
  KINDERGARTEN_ENROLMENT: 'education',
  SCHOOL_ENROLMENT: 'education',
  FREE_ANNUAL_CHECKUP: 'health',
  UNION_CHECKUP: 'health',
  FAMILY_DOCTOR_CONTRACT: 'health',
  LEGAL_CONSULTATION: 'legal',
  TALENT_APARTMENT: 'housing',
  AIRPORT_VIP_DOMESTIC: 'customs',
  AIRPORT_VIP_INTERNATIONAL: 'customs',
  EXIT_ENTRY_PERMIT: 'customs',
  RESIDENCE_PERMIT: 'customs',
} as const satisfies Record<string, DepartmentName>;

export type ServiceCode = keyof typeof SERVICE_DEPARTMENT;
export const SERVICE_CODES = Object.keys(SERVICE_DEPARTMENT) as ServiceCode[];

/** Who a form may name: the holder and the family the registry knows; each department's rules decide who it serves. */
export const RELATIONS = ['HOLDER', 'SPOUSE', 'CHILD', 'PARENT', 'SPOUSE_PARENT'] as const;
export type Relation = (typeof RELATIONS)[number];

/** A person the form is about: the holder or one of the family members the registry knows. */
export interface FormPerson {
  name: string;
  relation: Relation;
  birthDate: string;
  /** Resident ID number (18 characters, GB 11643 check digit) when the person has one. */
  idNumber: string | null;
  /** For an adult child: still not living independently (未独立生活, 001 第四条（一）); null when not asked. */
  dependent?: boolean | null;
}

/** HUKOU_TRANSFER_HOLDER / HUKOU_TRANSFER_FAMILY (000 一; 001 第四条（一）; 002 一、九). */
export interface HukouTransferForm {
  applicants: FormPerson[];
  route: 'PLANNED_GUIDANCE' | 'TOTAL_QUOTA_ADJUSTMENT';
  targetAddress: string;
  policeStation: string;
}

/** KINDERGARTEN_ENROLMENT / SCHOOL_ENROLMENT (000 八; 001 第四条（二）). */
export interface SchoolEnrolmentForm {
  child: FormPerson & { gender: 'MALE' | 'FEMALE' };
  level: 'KINDERGARTEN' | 'PRIMARY' | 'JUNIOR_SECONDARY';
  schoolYear: number;
  district: string;
  preferredSchool: string;
}

/** FREE_ANNUAL_CHECKUP / UNION_CHECKUP (000 十、十一; 001 第四条（四）; 002 八（三）). */
export interface CheckupForm {
  preferredDate: string;
  hospital: string | null;
}

/** FAMILY_DOCTOR_CONTRACT (002 八（四）). */
export interface FamilyDoctorForm {
  communityHealthCentre: string;
  team: string;
  package: 'FREE' | 'BASIC';
  startsOn: string;
}

/** LEGAL_CONSULTATION (000 十二; 001 第四条（六）; 002 十). */
export interface LegalConsultationForm {
  topic: string;
  category: 'CONSULTATION' | 'WRITTEN_OPINION' | 'DOCUMENT_DRAFTING' | 'LITIGATION' | 'NON_LITIGATION' | 'ARBITRATION' | 'CONTRACT_REVIEW' | 'MEDIATION' | 'LEGAL_AID_REFERRAL';
  personalMatter: boolean;
  channel: 'PHONE' | 'EMAIL' | 'IN_PERSON' | 'ONLINE';
}

/** TALENT_APARTMENT (000 九; 001 第四条（八）; 002 四; 004 第五条第12项). */
export interface TalentApartmentForm {
  district: string;
  project: string;
  householdSize: number;
  /** 住房情况申报: holder, spouse and minor children, each with homes owned in the city. */
  declarations: { personName: string; relation: 'HOLDER' | 'SPOUSE' | 'MINOR_CHILD'; city: string; homesOwned: number }[];
}

/** AIRPORT_VIP_DOMESTIC / AIRPORT_VIP_INTERNATIONAL: the fields 000 十三（三）2 lists. */
export interface AirportServiceForm {
  direction: 'DEPARTURE' | 'ARRIVAL';
  flightNumber: string;
  /** ISO 8601 with offset. */
  flightTime: string;
  passengers: { name: string }[];
  greeters: { name: string }[];
  vehicles: { plate: string }[];
  checkedLuggage: boolean;
  nameSign: boolean;
  contactPhone: string;
}

/** EXIT_ENTRY_PERMIT / RESIDENCE_PERMIT (004 第五条第5、1项). */
export interface ExitEntryForm {
  applicantName: string;
}

export interface ServiceForms {
  HUKOU_TRANSFER_HOLDER: HukouTransferForm;
  HUKOU_TRANSFER_FAMILY: HukouTransferForm;
  KINDERGARTEN_ENROLMENT: SchoolEnrolmentForm;
  SCHOOL_ENROLMENT: SchoolEnrolmentForm;
  FREE_ANNUAL_CHECKUP: CheckupForm;
  UNION_CHECKUP: CheckupForm;
  FAMILY_DOCTOR_CONTRACT: FamilyDoctorForm;
  LEGAL_CONSULTATION: LegalConsultationForm;
  TALENT_APARTMENT: TalentApartmentForm;
  AIRPORT_VIP_DOMESTIC: AirportServiceForm;
  AIRPORT_VIP_INTERNATIONAL: AirportServiceForm;
  EXIT_ENTRY_PERMIT: ExitEntryForm;
  RESIDENCE_PERMIT: ExitEntryForm;
}
