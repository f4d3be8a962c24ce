import { runSubgraph } from '../kit/run';
import { buildCustomsSubgraph } from './server';

await runSubgraph('customs', buildCustomsSubgraph);
