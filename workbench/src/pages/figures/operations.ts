import { graphql } from '../../gql';

/** Counts only, no names: every figure an analyst may read, computed where the data lives. */
export const FiguresQuery = graphql(`
  query Figures($caseGroupBy: [StatsDimension!]!, $caseFilter: CaseStatsFilter) {
    talentStats(groupBy: [PROGRAM, DISTRICT, CARD_STATUS]) {
      minGroupSize
      total
      rows { program district cardStatus count suppressed }
    }
    caseStats(groupBy: $caseGroupBy, filter: $caseFilter) {
      minGroupSize
      total
      rows { status department service overdue week program district count suppressed avgWorkingDaysTaken limitWorkingDays }
    }
    cardApplicationStats(groupBy: [PROGRAM, STAGE, OVERDUE]) {
      minGroupSize
      total
      rows { program stage overdue count suppressed }
    }
    householdStats { metric label key keyLabel count suppressed }
    educationStats { metric label key keyLabel count suppressed }
    healthStats { metric label key keyLabel count suppressed }
    legalStats { metric label key keyLabel count suppressed }
    housingStats { metric label key keyLabel count suppressed }
    customsStats { metric label key keyLabel count suppressed }
  }
`);
