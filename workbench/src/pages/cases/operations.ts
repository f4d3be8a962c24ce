import { graphql } from '../../gql';

export const CaseListQuery = graphql(`
  query CaseList($first: Int!, $after: String, $filter: CaseFilter) {
    cases(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          status
          acceptedAt
          dueOn
          overdue
          overdueWorkingDays
          specialist
          deliveryFailed
          talent { id name }
          items { service department status }
        }
      }
    }
  }
`);

/** One case with every department's part: the gateway fetches the six departments side by side (a Parallel plan node). */
export const CasePageQuery = graphql(`
  query CasePage($id: ID!) {
    case(id: $id) {
      id
      requestKey
      status
      submittedAt
      acceptedAt
      dueOn
      deliveredAt
      overdue
      overdueWorkingDays
      specialist
      deliveryFailed
      talent { id name program }
      items {
        service department status step note reason dueOn overdue overdueWorkingDays dispatchedAt completedAt
        delivery { kind state attempts lastError nextAttemptAt }
      }
      pendingMaterials { code name promisedBy suppliedAt }
      timeline { at kind department service message }
      household { id item status step note reason dueOn transfers { id status currentStep applicant { name relation } } }
      education { id item status step note reason dueOn enrolment { id level status assignedSchool } }
      health { id item status step note reason dueOn checkupBooking { id status scheduledOn } familyDoctorContract { id status } }
      legal { id item status step note reason dueOn consultation { id status free } }
      housing { id item status step note reason dueOn application { id status project waitlistPosition } }
      customs { id item status step note reason dueOn booking { id status flightNumber } exitEntryItem { id status } }
    }
  }
`);

export const DeliverCaseMutation = graphql(`
  mutation DeliverCase($caseId: ID!, $note: String) {
    deliverCase(caseId: $caseId, note: $note) { id status deliveredAt }
  }
`);

export const SupplyCaseMaterialsMutation = graphql(`
  mutation SupplyCaseMaterials($caseId: ID!, $materials: [MaterialCode!]!) {
    supplyCaseMaterials(caseId: $caseId, materials: $materials) { id status pendingMaterials { code suppliedAt } }
  }
`);

export const WithdrawCaseMutation = graphql(`
  mutation WithdrawCase($caseId: ID!, $reason: String!) {
    withdrawCase(caseId: $caseId, reason: $reason) { id status }
  }
`);

export const RetryCaseDeliveryMutation = graphql(`
  mutation RetryCaseDelivery($caseId: ID!) {
    retryCaseDelivery(caseId: $caseId) { id status deliveryFailed }
  }
`);
