// Shared by the case e2e tests: the test talents in the window's registry, a submission, and
// reading a case with every department's part through the gateway.
import { addDays, todayInChina } from '../subgraphs/kit/dates';
import { insertTestTalents } from '../subgraphs/talent/cases/fixtures';
import { eventually, type Harness } from './harness';
import { bearer } from './tokens';

export { BAIYUN, CHILD, SPOUSE } from '../subgraphs/talent/cases/fixtures';

export async function withTestTalents(harness: Harness): Promise<void> {
  await insertTestTalents(harness.subgraphs.talent.connection, todayInChina(harness.clock.now()));
}

export const legalItem = { service: 'LEGAL_CONSULTATION', legalConsultation: { topic: '劳动合同纠纷咨询', category: 'CONSULTATION', personalMatter: true, channel: 'PHONE' } };
export const checkupItem = (harness: Harness) => ({ service: 'FREE_ANNUAL_CHECKUP', checkup: { preferredDate: addDays(todayInChina(harness.clock.now()), 3), hospital: null } });
export const airportItem = (harness: Harness) => ({
  service: 'AIRPORT_VIP_DOMESTIC',
  airportService: {
    direction: 'DEPARTURE',
    flightNumber: 'CZ3101',
    flightTime: new Date(harness.clock.now().getTime() + 48 * 3600_000).toISOString(),
    passengers: ['陈思远'],
    greeters: ['林晓燕'],
    vehiclePlates: ['粤A12345'],
    checkedLuggage: true,
    nameSign: false,
    contactPhone: '13800138000',
  },
});

/** A direct airport booking (customs' single service) a day ahead, for `talentId` under `program`. */
export const directAirportBooking = (harness: Harness, talentId: string, program: string) => ({
  talentId,
  program,
  scope: 'DOMESTIC',
  direction: 'DEPARTURE',
  flightNumber: 'CZ3101',
  flightTime: new Date(harness.clock.now().getTime() + 24 * 3600_000).toISOString(),
  passengers: [{ name: '陈思远' }],
  greeters: [],
  vehicles: [],
  checkedLuggage: false,
  nameSign: false,
  contactPhone: '13800138000',
});

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitCaseInput!) { submitCase(input: $input) { id status items { service status } } }
`;

export const CASE_VIEW = /* GraphQL */ `
  query CaseView($id: ID!) {
    case(id: $id) {
      id status overdue
      items { service department status step reason }
      timeline { kind department service }
      household { item status step transfers { id status currentStep } }
      health { item status step checkupBooking { id status } }
      legal { item status step consultation { id status free } }
      customs { item status step booking { id status } }
    }
  }
`;

/** Only the window's own fields: answers even while a department is down. */
export const CASE_ITEMS = /* GraphQL */ `
  query CaseItems($id: ID!) { case(id: $id) { id status overdue items { service department status step reason } timeline { kind department service } } }
`;

export interface CaseView {
  id: string;
  status: string;
  overdue: boolean;
  items: { service: string; department: string; status: string; step: string | null; reason: string | null }[];
  timeline: { kind: string; department: string | null; service: string | null }[];
  household: { item: string; status: string; transfers: { id: string; status: string; currentStep: string | null }[] }[] | null;
  health: { item: string; status: string; checkupBooking: { id: string; status: string } }[] | null;
  legal: { item: string; status: string; consultation: { id: string; status: string; free: boolean } }[] | null;
  customs: { item: string; status: string; booking: { id: string; status: string } }[] | null;
}

export async function readCase(harness: Harness, id: string, query = CASE_VIEW): Promise<CaseView> {
  const result = await harness.query<{ case: CaseView }>(query, { id });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.case;
}

/** Waits until every listed item has reached one of the statuses (the departments report asynchronously). */
export function itemsReach(harness: Harness, id: string, statuses: Record<string, string[]>, query = CASE_VIEW): Promise<CaseView> {
  return eventually(
    () => readCase(harness, id, query),
    (view) => Object.entries(statuses).every(([service, wanted]) => wanted.includes(view.items.find((item) => item.service === service)?.status ?? '')),
  );
}

/** A department's staff signing in: only the department works its own records (issue 4). */
export function staff(department: 'household' | 'education' | 'health' | 'legal' | 'housing' | 'customs'): Promise<Record<string, string>> {
  return bearer({ subject: `${department}-staff-test`, role: 'department_staff', department });
}
