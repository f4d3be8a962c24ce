import { graphql } from '../../gql';

export const TalentSearchQuery = graphql(`
  query IntakeTalentSearch($search: String!) {
    talents(first: 10, filter: { search: $search }) {
      totalCount
      edges { node { id name program district employer mainCard { status expiresOn } } }
    }
  }
`);

/** The chosen talent's family (for the forms that name family members), and the catalog. */
export const IntakeSetupQuery = graphql(`
  query IntakeSetup($talentId: ID!) {
    talent(id: $talentId) {
      id
      name
      program
      district
      mainCard { status expiresOn }
      family { id name relation minor }
    }
    serviceCatalog { code name department programs timeLimitWorkingDays source }
  }
`);

/** 一次性告知: every material and every problem, at once (004 第八条). */
export const IntakeRequirementsQuery = graphql(`
  query IntakeRequirements($items: [ServiceCode!]!, $talentId: ID) {
    requirements(items: $items, talentId: $talentId) {
      materials { code name key neededFor }
      problems { code item message source }
    }
  }
`);

export const SubmitCaseMutation = graphql(`
  mutation IntakeSubmitCase($input: SubmitCaseInput!) {
    submitCase(input: $input) { id status dueOn pendingMaterials { code name promisedBy } }
  }
`);
