// Every subgraph of the graph: how to build it and how to fill it with demo data.
// The gateway never imports this; the start script, the seed command and the tests do.
import type { SubgraphName } from './kit/departments';
import type { DepartmentSeeder } from './kit/seed';
import type { SubgraphFactory } from './kit/subgraph';
import { buildTalentSubgraph } from './talent/server';
import { seedTalents } from './talent/seed';
import { buildHouseholdSubgraph } from './household/server';
import { seedHousehold } from './household/seed';
import { buildEducationSubgraph } from './education/server';
import { seedEducation } from './education/seed';
import { buildHealthSubgraph } from './health/server';
import { seedHealth } from './health/seed';
import { buildLegalSubgraph } from './legal/server';
import { seedLegal } from './legal/seed';
import { buildHousingSubgraph } from './housing/server';
import { seedHousing } from './housing/seed';
import { buildCustomsSubgraph } from './customs/server';
import { seedCustoms } from './customs/seed';

export interface SubgraphEntry {
  build: SubgraphFactory;
  seed: DepartmentSeeder;
}

export const SUBGRAPHS: Record<SubgraphName, SubgraphEntry> = {
  talent: { build: buildTalentSubgraph, seed: seedTalents },
  household: { build: buildHouseholdSubgraph, seed: seedHousehold },
  education: { build: buildEducationSubgraph, seed: seedEducation },
  health: { build: buildHealthSubgraph, seed: seedHealth },
  legal: { build: buildLegalSubgraph, seed: seedLegal },
  housing: { build: buildHousingSubgraph, seed: seedHousing },
  customs: { build: buildCustomsSubgraph, seed: seedCustoms },
};
