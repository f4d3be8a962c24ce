import { runSubgraph } from '../kit/run';
import { buildLegalSubgraph } from './server';

await runSubgraph('legal', buildLegalSubgraph);
