// A department that cannot be reached costs its own field, not the answer (issue 2; STYLE.md
// "Department fields on shared entities are nullable"): with the health subgraph down, the talent
// view still returns the talent and the five other departments, health is null, and the one error
// names the path that failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededObjectId } from '../subgraphs/kit/seed-random';
import { TALENT_ID_NAMESPACE } from '../subgraphs/talent/seed';
import { startHarness, type Harness } from './harness';

let harness: Harness;
const id = seededObjectId(TALENT_ID_NAMESPACE, 1);
const QUERY = /* GraphQL */ `
  query($id: ID!) {
    talent(id: $id) {
      id
      household { __typename }
      education { __typename }
      health { checkup { year } }
      legal { __typename }
      housing { __typename }
      customs { __typename }
    }
  }
`;

beforeAll(async () => {
  harness = await startHarness({ demoTalents: 3 });
});
afterAll(() => harness.stop());

describe('one department down', () => {
  it('nulls only that department, with an error on its path', async () => {
    const before = await harness.query<{ talent: { health: unknown } }>(QUERY, { id });
    expect(before.errors).toBeUndefined();
    expect(before.data!.talent.health).not.toBeNull();

    await harness.stopSubgraph('health');
    const result = await harness.query(QUERY, { id });
    expect(result.data).toEqual({
      talent: {
        id,
        household: { __typename: 'TalentHousehold' },
        education: { __typename: 'TalentEducation' },
        health: null,
        legal: { __typename: 'TalentLegal' },
        housing: { __typename: 'TalentHousing' },
        customs: { __typename: 'TalentCustoms' },
      },
    });
    expect(result.errors).toEqual([
      {
        message: 'health 部门服务暂时无法访问（the health service cannot be reached）',
        path: ['talent', 'health'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'health', reason: 'TypeError', serviceName: 'health' },
      },
    ]);
  });

  it('names the failed path of every talent on a page', async () => {
    const result = await harness.query<{ talents: { edges: { node: { health: unknown; legal: unknown } }[] } }>(
      '{ talents(first: 3) { edges { node { health { checkup { year } } legal { openCount } } } } }',
    );
    expect(result.data!.talents.edges.map(({ node }) => node.health)).toEqual([null, null, null]);
    expect(result.data!.talents.edges.every(({ node }) => node.legal !== null)).toBe(true);
    expect(result.errors!.map((error) => error.path)).toEqual([0, 1, 2].map((index) => ['talents', 'edges', index, 'node', 'health']));
  });
});
