import { runSubgraph } from '../kit/run';
import { buildHouseholdSubgraph } from './server';

await runSubgraph('household', buildHouseholdSubgraph);
