// The four operations of the benchmark (issue 12), as a client sends them to any gateway. The
// direct-parallel client derives its own subgraph fetches from these texts (bench/direct-plan.ts),
// so every target answers exactly the same selection.
import { TALENT_VIEW_FIELDS } from '../test/queries';

export const QUERY_NAMES = ['talent', 'dashboard', 'cases', 'catalog'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export interface BenchQuery {
  name: QueryName;
  /** What the table calls it. */
  label: string;
  operationName: string;
  document: string;
  variables(talentId: string): Record<string, unknown>;
}

/** The talent view: one talent and all six departments' parts (the same selection as the e2e tests). */
const TALENT_VIEW = /* GraphQL */ `
  query BenchTalentView($id: ID!) {
    talent(id: $id) { ${TALENT_VIEW_FIELDS} }
  }
`;

/** The dashboard page: 100 talents, each department's key fields. */
const DASHBOARD = /* GraphQL */ `
  query BenchDashboard($first: Int!) {
    talents(first: $first) {
      totalCount
      edges {
        node {
          id name program district
          mainCard { number status expiresOn }
          household { transfers { status currentStep } }
          education { enrolments { level status } }
          health { checkup { year remaining } familyDoctor { status } }
          legal { openCount totalThisYear }
          housing { eligibility { eligible } applications { status waitlistPosition } }
          customs { airportService { year remaining } }
        }
      }
    }
  }
`;

/** The cases page: 50 cases with every department's part (the case page's selection, per case). */
const CASES = /* GraphQL */ `
  query BenchCases($first: Int!) {
    cases(first: $first) {
      totalCount
      edges {
        node {
          id status acceptedAt dueOn overdue specialist
          talent { id name }
          items { service department status }
          household { id item status step note reason dueOn transfers { id status currentStep applicant { name relation } } }
          education { id item status step note reason dueOn enrolment { id level status assignedSchool } }
          health { id item status step note reason dueOn checkupBooking { id status scheduledOn } familyDoctorContract { id status } }
          legal { id item status step note reason dueOn consultation { id status free } }
          housing { id item status step note reason dueOn application { id status project waitlistPosition } }
          customs { id item status step note reason dueOn booking { id status flightNumber } exitEntryItem { id status } }
        }
      }
    }
  }
`;

/** The public service catalog: the window alone, no department. */
const CATALOG = /* GraphQL */ `
  query BenchCatalog {
    serviceCatalog { code department name nameEn timeLimitWorkingDays programs source materials { code name nameEn key } }
  }
`;

export const BENCH_QUERIES: Record<QueryName, BenchQuery> = {
  talent: { name: 'talent', label: 'talent view (1 talent, 6 departments)', operationName: 'BenchTalentView', document: TALENT_VIEW, variables: (id) => ({ id }) },
  dashboard: { name: 'dashboard', label: 'dashboard page (talents first: 100)', operationName: 'BenchDashboard', document: DASHBOARD, variables: () => ({ first: 100 }) },
  cases: { name: 'cases', label: 'cases page (cases first: 50, every part)', operationName: 'BenchCases', document: CASES, variables: () => ({ first: 50 }) },
  catalog: { name: 'catalog', label: 'service catalog (public)', operationName: 'BenchCatalog', document: CATALOG, variables: () => ({}) },
};
