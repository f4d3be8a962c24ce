import { graphql } from '../../gql';

/** The whole board in one request: items per department by case status and overdue, the overdue cases, the overdue card applications, and the weekly trend. */
export const SupervisionBoardQuery = graphql(`
  query SupervisionBoard($since: Date!) {
    byDepartment: caseStats(groupBy: [DEPARTMENT, STATUS, OVERDUE]) {
      rows { department status overdue count suppressed }
    }
    accepted: caseStats(groupBy: [WEEK], filter: { acceptedFrom: $since }) {
      rows { week count }
    }
    delivered: caseStats(groupBy: [WEEK], filter: { acceptedFrom: $since, status: DELIVERED }) {
      rows { week count }
    }
    overdueCases: cases(first: 100, filter: { overdue: true }) {
      totalCount
      edges {
        node {
          id
          status
          acceptedAt
          dueOn
          overdueWorkingDays
          talent { id name }
          items { service department status dueOn overdue overdueWorkingDays }
        }
      }
    }
    overdueApplications: cardApplications(first: 50, filter: { overdue: true }) {
      totalCount
      edges {
        node { id program stageName stageAuthority stageDueOn submittedAt person { name } }
      }
    }
  }
`);
