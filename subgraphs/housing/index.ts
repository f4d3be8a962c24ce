import { runSubgraph } from '../kit/run';
import { buildHousingSubgraph } from './server';

await runSubgraph('housing', buildHousingSubgraph);
