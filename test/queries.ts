// The talent view a coordinator's dashboard asks for: the talent and every department's part.
// Shared by the e2e tests so "the whole talent" means the same selection everywhere. Clinical
// details and legal consultation content are not a coordinator's to see (issue 4): the dashboard
// does not ask for them (the access-read-*.e2e.ts matrices show who does see them).

export const TALENT_VIEW_FIELDS = /* GraphQL */ `
  id
  name
  gender
  birthDate
  nationality
  idDocument { type number }
  phone
  employer
  position
  degree
  district
  program
  mainCard { number program kind holderName relation eligibility { code label source } issuedOn expiresOn status }
  cards { number kind holderName relation status }
  family { name relation gender birthDate minor cardNumber }
  household {
    transfers {
      applicant { name relation birthDate dependent }
      route status currentStep targetAddress policeStation submittedOn settledOn rejectionReason source
      steps { step order status completedAt }
    }
  }
  education {
    enrolments {
      child { name gender birthDate ageAtEntry }
      level schoolYear district preferredSchool assignedSchool lotteryOutcome priorityOutcome status submittedOn decidedOn source
    }
  }
  health {
    designatedHospitals { name checkupBase source }
    priorityCare
    checkup { year freeCheckupsPerYear used remaining unionCheckupChosen unionCheckupAvailable }
    checkupBookings { year kind scheduledOn status }
    familyDoctor { startsOn endsOn status }
  }
  legal {
    openCount
    totalThisYear
    consultations { category personalMatter channel counsel { name role office } status free feeBearing feeNote requestedAt answeredAt }
  }
  housing {
    eligibility { eligible reasons ownedHomes { personName relation city homesOwned declaredOn } }
    applications { district project status waitlistPosition allocatedUnit { project building unitNumber areaSqm } householdSize submittedOn decidedOn rejectionReason }
  }
  customs {
    airportService { year allowed used remaining }
    airportBookings {
      scope direction flightNumber flightTime servicePoint
      passengers { name } greeters { name } vehicles { plate }
      checkedLuggage nameSign contactPhone status bookedAt cancelledAt
    }
    exitEntryItems { kind applicantName status submittedOn completedOn }
  }
`;

export const TALENT_VIEW = /* GraphQL */ `
  query TalentView($id: ID!) {
    talent(id: $id) { ${TALENT_VIEW_FIELDS} }
  }
`;

export const TALENTS_VIEW = /* GraphQL */ `
  query TalentsView($first: Int!) {
    talents(first: $first) {
      totalCount
      edges { node { ${TALENT_VIEW_FIELDS} } }
    }
  }
`;

/**
 * The dashboard as a coordinator's board asks for it (issue 12): the talent view with ID numbers
 * and phones in full beside health and legal — every kind of audited read on one page.
 */
export const DASHBOARD_VIEW = TALENTS_VIEW.replace('idDocument { type number }', 'idDocument { type number(full: true) }').replace('\n  phone\n', '\n  phone(full: true)\n');

/** What each subgraph reads for a page of the talent view: one command per collection, whatever the page size (issue 2). */
export const TALENT_VIEW_DB_COMMANDS = {
  talent: { 'find talents': 1, 'aggregate talents': 1 },
  household: { 'find hukou_transfers': 1 },
  education: { 'find school_enrolments': 1 },
  health: { 'find checkup_bookings': 1, 'find family_doctor_contracts': 1 },
  legal: { 'find legal_consultations': 1 },
  housing: { 'find home_ownership_declarations': 1, 'find talent_apartment_applications': 1 },
  customs: { 'find airport_service_bookings': 1, 'find exit_entry_items': 1 },
};
