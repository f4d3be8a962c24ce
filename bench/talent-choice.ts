// The talent the talent view asks for: among the first demo talents, the one with the most
// department records, so every department has work to do (the demo data has no fixed showcase talent);
// with --spread, all of the first 100 in turn.
const CANDIDATES = /* GraphQL */ `
  query BenchTalentChoice {
    talents(first: 100) {
      edges {
        node {
          id
          household { transfers { status } }
          education { enrolments { status } }
          health { checkupBookings { status } }
          legal { consultations { status } }
          housing { applications { status } }
          customs { airportBookings { status } exitEntryItems { status } }
        }
      }
    }
  }
`;

type Part = Record<string, unknown[] | null> | null;
interface Candidate {
  id: string;
  [department: string]: Part | string;
}

/** How many records a talent has across the departments' lists. */
export function recordCount(candidate: Candidate): number {
  let count = 0;
  for (const [field, part] of Object.entries(candidate)) {
    if (field === 'id' || !part || typeof part === 'string') continue;
    for (const list of Object.values(part)) count += Array.isArray(list) && list.length > 0 ? 1 : 0;
  }
  return count;
}

/** The talent view's talents: the one with the most records first, then the rest of the first 100 (for --spread). */
export async function pickTalents(gatewayUrl: string, authorization: string): Promise<string[]> {
  const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: CANDIDATES }) });
  const answer = (await response.json()) as { data?: { talents: { edges: { node: Candidate }[] } } };
  const candidates = answer.data?.talents.edges.map((edge) => edge.node) ?? [];
  if (candidates.length === 0) throw new Error(`no talent to view: ${JSON.stringify(answer).slice(0, 300)}`);
  const best = candidates.reduce((most, candidate) => (recordCount(candidate) > recordCount(most) ? candidate : most));
  return [best.id, ...candidates.filter((candidate) => candidate !== best).map((candidate) => candidate.id)];
}
