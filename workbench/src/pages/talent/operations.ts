import { graphql } from '../../gql';

/** The whole talent in one query: registry, cards, family, cases and each department's part. */
export const TalentPageQuery = graphql(`
  query TalentPage($id: ID!) {
    talent(id: $id) {
      id
      name
      nameEn
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
      mainCard { number status issuedOn expiresOn contactListFrom eligibility { label source } }
      cards { number kind relation holderName status expiresOn }
      family { id name relation minor cardNumber }
      cases { id status acceptedAt overdue items { service status } }
      household { transfers { id applicant { name relation } route status currentStep } }
      education { enrolments { id child { name } level status lotteryOutcome } }
      health { checkup { year used remaining unionCheckupAvailable } }
      legal { openCount }
      housing { eligibility { eligible } applications { id project status waitlistPosition } }
      customs { airportService { year allowed used remaining } }
    }
  }
`);

/** 显示完整号码 The full ID number and phone: only roles allowed them get them, and every read is audited. */
export const TalentFullContactQuery = graphql(`
  query TalentFullContact($id: ID!) {
    talent(id: $id) {
      id
      phone(full: true)
      idDocument { number(full: true) }
    }
  }
`);
