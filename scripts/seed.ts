// npm run seed -- --talents N [--seed S] [--reset]
// Loads deterministic demo data into the databases at MONGODB_URI (for `npm start`'s embedded
// server, use the URI it prints). Without --reset, a registry that already holds talents is left alone.
import { readOptions } from './command-line';
import { readString } from '../subgraphs/kit/config';
import { envSuffix } from '../subgraphs/kit/departments';
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_TALENTS, loadDemoData } from './demo-data';
const USAGE = `MONGODB_URI=<uri> npm run seed -- [--talents N] [--seed S] [--reset]

Loads deterministic demo data into the databases at MONGODB_URI (npm start prints the URI of its embedded MongoDB).
  --talents  how many talents (1 to 100000, default ${DEFAULT_DEMO_TALENTS})
  --seed     the random seed (the same seed gives the same data)
  --reset    replace what the databases hold`;


const values = readOptions(
  USAGE,
  {
      talents: { type: 'string', default: String(DEFAULT_DEMO_TALENTS) },
      seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
      reset: { type: 'boolean', default: false },
    },
);
const talents = Number(values.talents);
const seed = Number(values.seed);
if (!Number.isInteger(talents) || talents < 1 || talents > 100_000) {
  console.error(`--talents must be a whole number from 1 to 100000, got "${values.talents}"`);
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error(`--seed must be a whole number, got "${values.seed}"`);
  process.exit(2);
}
const mongoUri = process.env.MONGODB_URI;
if (!mongoUri) {
  console.error('MONGODB_URI is not set: point it at the MongoDB to fill (npm start prints the URI of its embedded one).');
  process.exit(2);
}
const result = await loadDemoData({
  mongoUri,
  dbNameOf: (name) => readString(process.env, `DB_${envSuffix(name)}`, `tgc_${name}`),
  talents,
  seed,
  reset: values.reset,
});
console.log(result.seeded ? `demo data loaded: ${JSON.stringify(result.documents)}` : 'the talent registry already holds data: nothing loaded (use --reset to replace it)');
