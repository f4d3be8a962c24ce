import { graphql } from '../../gql';

// One query per department: staff read only their own department's part of a case.

export const HouseholdQueueQuery = graphql(`
  query HouseholdQueue {
    cases(first: 100, filter: { department: HOUSEHOLD, status: IN_PROGRESS }) {
      totalCount
      edges { node { id talent { id name } items { service department overdue overdueWorkingDays } household { id item status step dueOn transfers { id status currentStep applicant { name relation } } } } }
    }
  }
`);

export const EducationQueueQuery = graphql(`
  query EducationQueue {
    cases(first: 100, filter: { department: EDUCATION, status: IN_PROGRESS }) {
      totalCount
      edges { node { id talent { id name } items { service department overdue overdueWorkingDays } education { id item status step dueOn enrolment { id status level preferredSchool } } } }
    }
  }
`);

export const HealthQueueQuery = graphql(`
  query HealthQueue {
    cases(first: 100, filter: { department: HEALTH, status: IN_PROGRESS }) {
      totalCount
      edges { node { id talent { id name } items { service department overdue overdueWorkingDays } health { id item status step dueOn checkupBooking { id status scheduledOn } } } }
    }
  }
`);

export const LegalQueueQuery = graphql(`
  query LegalQueue {
    cases(first: 100, filter: { department: LEGAL, status: IN_PROGRESS }) {
      totalCount
      edges { node { id talent { id name } items { service department overdue overdueWorkingDays } legal { id item status step dueOn consultation { id status } } } }
    }
  }
`);

export const HousingQueueQuery = graphql(`
  query HousingQueue {
    cases(first: 100, filter: { department: HOUSING, status: IN_PROGRESS }) {
      totalCount
      edges { node { id talent { id name } items { service department overdue overdueWorkingDays } housing { id item status step dueOn application { id status project } } } }
    }
  }
`);

export const CustomsQueueQuery = graphql(`
  query CustomsQueue {
    cases(first: 100, filter: { department: CUSTOMS, status: IN_PROGRESS }) {
      totalCount
      edges { node { id talent { id name } items { service department overdue overdueWorkingDays } customs { id item status step dueOn booking { id status flightTime } exitEntryItem { id status } } } }
    }
  }
`);

export const AdvanceHukouTransferMutation = graphql(`
  mutation AdvanceHukouTransfer($id: ID!) { advanceHukouTransfer(id: $id) { id status currentStep } }
`);
export const WaitlistEnrolmentMutation = graphql(`
  mutation WaitlistEnrolment($id: ID!) { waitlistEnrolment(id: $id) { id status } }
`);
export const PlaceEnrolmentMutation = graphql(`
  mutation PlaceEnrolment($id: ID!, $school: String!) { placeEnrolment(id: $id, school: $school) { id status } }
`);
export const RecordCheckupDoneMutation = graphql(`
  mutation RecordCheckupDone($id: ID!) { recordCheckupDone(id: $id) { id status } }
`);
export const AnswerLegalConsultationMutation = graphql(`
  mutation AnswerLegalConsultation($id: ID!) { answerLegalConsultation(id: $id) { id status } }
`);
export const CloseLegalConsultationMutation = graphql(`
  mutation CloseLegalConsultation($id: ID!) { closeLegalConsultation(id: $id) { id status } }
`);
export const WaitlistApartmentMutation = graphql(`
  mutation WaitlistApartmentApplication($id: ID!) { waitlistApartmentApplication(id: $id) { id status waitlistPosition } }
`);
export const RecordAirportServiceServedMutation = graphql(`
  mutation RecordAirportServiceServed($id: ID!) { recordAirportServiceServed(id: $id) { id status } }
`);
export const AdvanceExitEntryItemMutation = graphql(`
  mutation AdvanceExitEntryItem($id: ID!) { advanceExitEntryItem(id: $id) { id status } }
`);
