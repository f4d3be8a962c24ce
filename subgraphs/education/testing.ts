// The education tests' own vocabulary: their fixture, clock start, ids, operations, enrolment requests and forms. The
// mechanics (fixture, documents, queued reports, refusals) are test/case-desk.ts, shared by every department.
import { useDeskFixture, type DeskFixture } from '../../test/case-desk';
import { testEnvironment, type TestCard } from '../../test/environment';
import type { RegisteredFamilyMember } from '../kit/card-check';
import type { ServiceCode } from '../kit/case-forms';
import { createCaseTaskDesk, type CaseTaskDelivery } from '../kit/case-task';
import type { Program } from '../kit/programs';
import { seededObjectId } from '../kit/seed-random';
import type { EducationServices } from './context';
import type { EducationModels } from './model';
import { buildEducationSubgraph } from './server';

/** Monday 15 June 2026, 10:00 in China: every education case test starts here. */
export const NOW = new Date('2026-06-15T10:00:00+08:00');
export const ACCEPTED_AT = '2026-06-15T09:30:00+08:00';

export const talentId = (n: number) => seededObjectId(0xed0c_a7e1, n);
export const caseId = (n: number) => seededObjectId(0xca5e_ed0c, n);

export type EducationFixture = DeskFixture<EducationModels>;

/**
 * What the window's registry answers the direct service (applySchoolEnrolment): talents 1–9 have
 * TODDLER and SIX as their registered children (000 八 持卡人子女); a test may register others.
 */
export const registry = new Map<string, TestCard>();

/** A child as the registry holds it (kit/card-check.ts RegisteredFamilyMember). */
export const registered = (child: Child, n = 1): RegisteredFamilyMember => ({ id: seededObjectId(0xed0c_c41d, n), name: child.name, relation: 'CHILD', birthDate: child.birthDate });

/** The department for a test file, on a clock set to NOW before each test (test/case-desk.ts). */
export const useEducationFixture = (): EducationFixture => useDeskFixture<EducationModels>(buildEducationSubgraph, NOW, registry);

export const ENROLMENT_FIELDS =
  'id caseId child { name gender birthDate ageAtEntry } level schoolYear district preferredSchool assignedSchool lotteryOutcome priorityOutcome status submittedOn decidedOn source';
export const TASK_FIELDS = `id item status step note reason dueOn receivedAt completedAt enrolment { ${ENROLMENT_FIELDS} }`;

export const RECEIVE = /* GraphQL */ `
  mutation ($input: CaseTaskInput!) { receiveEducationCaseTask(input: $input) { ${TASK_FIELDS} } }
`;
export const APPLY = /* GraphQL */ `
  mutation ($input: ApplySchoolEnrolmentInput!) { applySchoolEnrolment(input: $input) { ${ENROLMENT_FIELDS} } }
`;
export const LOTTERY = /* GraphQL */ `
  mutation ($id: ID!, $won: Boolean!, $school: String) { recordKindergartenLottery(id: $id, won: $won, school: $school) { ${ENROLMENT_FIELDS} } }
`;
export const PLACE = /* GraphQL */ `
  mutation ($id: ID!, $school: String!, $priority: Boolean, $localDemandMet: Boolean) {
    placeEnrolment(id: $id, school: $school, priority: $priority, localDemandMet: $localDemandMet) { ${ENROLMENT_FIELDS} }
  }
`;
export const WAITLIST = /* GraphQL */ `
  mutation ($id: ID!) { waitlistEnrolment(id: $id) { ${ENROLMENT_FIELDS} } }
`;

export interface Child {
  name: string;
  relation: 'HOLDER' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'SPOUSE_PARENT';
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  idNumber?: string | null;
}

/** 3 on 31 August 2026: kindergarten. */
export const TODDLER: Child = { name: '陈可欣', relation: 'CHILD', gender: 'FEMALE', birthDate: '2023-03-10', idNumber: null };
/** 6 on 31 August 2026: primary. */
export const SIX: Child = { name: '陈子轩', relation: 'CHILD', gender: 'MALE', birthDate: '2020-05-01', idNumber: null };

for (let n = 1; n <= 9; n += 1) registry.set(talentId(n), { family: [registered(TODDLER, 1), registered(SIX, 2)] });

export function enrolmentForm(child: Child, level: string, overrides: Record<string, unknown> = {}) {
  const district = '白云区';
  const preferredSchool = level === 'KINDERGARTEN' ? '广州市白云区京溪幼儿园' : '广州市白云区京溪小学';
  return { child, level, schoolYear: 2026, district, preferredSchool, ...overrides };
}

export type EducationItem = 'KINDERGARTEN_ENROLMENT' | 'SCHOOL_ENROLMENT';

export function delivery(n: number, talent: string, program: Program, item: EducationItem, form: unknown) {
  return { caseId: caseId(n), talentId: talent, program, item, form: JSON.stringify(form), acceptedAt: ACCEPTED_AT, dueOn: '2026-07-13' };
}

/** The department's services as another process of it has them: its own desk on the same database and clock. */
export function secondProcess(fixture: EducationFixture): EducationServices {
  const environment = testEnvironment({}, fixture.clock);
  return { connection: fixture.connection, models: fixture.models, desk: createCaseTaskDesk(fixture.connection, environment, 'education'), environment };
}

/** A delivery as the desk takes it (kit/case-task.ts CaseTaskDelivery), from the GraphQL input the tests send. */
export function deskDelivery(input: ReturnType<typeof delivery>): CaseTaskDelivery {
  return { ...input, item: input.item as ServiceCode, acceptedAt: new Date(input.acceptedAt) };
}
