import { runSubgraph } from '../kit/run';
import { buildEducationSubgraph } from './server';

await runSubgraph('education', buildEducationSubgraph);
