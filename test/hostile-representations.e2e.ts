// Fuzz finding 5 (issue 8): an entity representation carries keys; anything else in it is trusted
// only from the gateway, which fetched it from its owner. A Guangzhou green-card holder (天河) who
// calls the health and customs subgraphs directly with `program: "BAIYUN_YUNJU"` gets what their
// own card gives (001 第四条; 000 十一、十三 are Baiyun entitlements), not Baiyun's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { withTestTalents } from './cases';
import { bearer } from './tokens';
import { TIANHE } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

const ENTITLEMENTS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Talent { health { priorityCare checkup { freeCheckupsPerYear } } customs { airportService { allowed } } }
    }
  }
`;

async function direct(subgraph: 'health' | 'customs', program: string) {
  const headers = { 'content-type': 'application/json', ...(await bearer({ subject: 'tianhe-holder', role: 'talent', talentId: TIANHE })) };
  const query = subgraph === 'health' ? ENTITLEMENTS.replace(/customs \{[^}]*\} \}/, '') : ENTITLEMENTS.replace(/health \{[^}]*\} \} /, '');
  const response = await fetch(harness.subgraphs[subgraph].url, { method: 'POST', headers, body: JSON.stringify({ query, variables: { representations: [{ __typename: 'Talent', id: TIANHE, program }] } }) });
  return (await response.json()) as { data?: { _entities: Record<string, unknown>[] }; errors?: unknown[] };
}

describe('a representation with a forged program, sent straight to a department', () => {
  it('is answered with the holder’s own card program, as through the gateway', async () => {
    const viaGateway = await harness.query<{ talent: Record<string, unknown> }>(
      `query($id: ID!) { talent(id: $id) { health { priorityCare checkup { freeCheckupsPerYear } } customs { airportService { allowed } } } }`,
      { id: TIANHE },
      await bearer({ subject: 'tianhe-holder', role: 'talent', talentId: TIANHE }),
    );
    expect(viaGateway.errors).toBeUndefined();
    expect(viaGateway.data!.talent).toEqual({ health: { priorityCare: expect.any(Boolean), checkup: { freeCheckupsPerYear: 0 } }, customs: { airportService: { allowed: 0 } } });

    const health = await direct('health', 'BAIYUN_YUNJU');
    expect(health.errors).toBeUndefined();
    expect(health.data!._entities[0]).toEqual({ health: viaGateway.data!.talent.health });
    const customs = await direct('customs', 'BAIYUN_YUNJU');
    expect(customs.errors).toBeUndefined();
    expect(customs.data!._entities[0]).toEqual({ customs: { airportService: { allowed: 0 } } });
  });
});
