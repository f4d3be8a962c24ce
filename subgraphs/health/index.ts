import { runSubgraph } from '../kit/run';
import { buildHealthSubgraph } from './server';

await runSubgraph('health', buildHealthSubgraph);
