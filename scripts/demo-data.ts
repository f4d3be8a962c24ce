// Fills every department's database with the same deterministic demo data.
import { connectDepartmentDb } from '../subgraphs/kit/mongo';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/departments';
import { SeededRandom } from '../subgraphs/kit/seed-random';
import { todayInChina } from '../subgraphs/kit/dates';
import { defaultEnvironment } from '../subgraphs/kit/subgraph';
import { SUBGRAPHS } from '../subgraphs/registry';
import { generateTalents } from '../subgraphs/talent/seed';

export const DEFAULT_DEMO_TALENTS = 300;
export const DEFAULT_DEMO_SEED = 20261124;

export interface DemoDataOptions {
  mongoUri: string;
  dbNameOf(name: SubgraphName): string;
  talents: number;
  seed?: number;
  today?: string;
  /** Empty every department's collections first; otherwise seed only when the talent registry is empty. */
  reset?: boolean;
}

export type DemoDataResult = { seeded: false } | { seeded: true; documents: Record<SubgraphName, number> };

export async function loadDemoData(options: DemoDataOptions): Promise<DemoDataResult> {
  const dbs = await Promise.all(SUBGRAPH_NAMES.map((name) => connectDepartmentDb(options.mongoUri, options.dbNameOf(name))));
  try {
    const connections = Object.fromEntries(SUBGRAPH_NAMES.map((name, index) => [name, dbs[index].connection])) as Record<SubgraphName, (typeof dbs)[number]['connection']>;
    // Building each subgraph registers its models (and so its indexes) on the connection.
    for (const name of SUBGRAPH_NAMES) {
      SUBGRAPHS[name].build(connections[name], await defaultEnvironment(name));
      await Promise.all(Object.values(connections[name].models).map((model) => model.init()));
    }
    if (options.reset) {
      for (const name of SUBGRAPH_NAMES) {
        await Promise.all(Object.values(connections[name].models).map((model) => model.deleteMany({})));
      }
    } else if ((await connections.talent.models.Talent.estimatedDocumentCount()) > 0) {
      return { seeded: false };
    }
    const today = options.today ?? todayInChina();
    const random = new SeededRandom(options.seed ?? DEFAULT_DEMO_SEED);
    const talents = generateTalents(options.talents, random.fork('talents'), today);
    const documents = {} as Record<SubgraphName, number>;
    for (const name of SUBGRAPH_NAMES) {
      documents[name] = await SUBGRAPHS[name].seed(connections[name], talents, random.fork(name), today);
    }
    return { seeded: true, documents };
  } finally {
    await Promise.all(dbs.map((db) => db.close()));
  }
}
