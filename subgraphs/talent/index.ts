import { runSubgraph } from '../kit/run';
import { buildTalentSubgraph } from './server';

await runSubgraph('talent', buildTalentSubgraph);
