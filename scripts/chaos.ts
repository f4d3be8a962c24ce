// npm run chaos -- --cases 500 --clients 12: the chaos scenario of test/chaos.e2e.ts at a larger
// size, on an embedded MongoDB of its own (or MONGODB_URI), printing what it counted.
import { readOptions } from './command-line';
import { startEmbeddedMongo } from '../subgraphs/kit/embedded-mongo';
import { runChaos } from '../test/chaos';
import { withTestTalents } from '../test/cases';
import { startHarness } from '../test/harness';
const USAGE = `npm run chaos -- [--cases 200] [--clients 6] [--faults legal,talent,health,customs] [--settle-seconds 120]

Submits cases while subgraphs stop and restart; prints what was lost, duplicated or stuck.`;


const values = readOptions(
  USAGE,
  {
      cases: { type: 'string', default: '200' },
      clients: { type: 'string', default: '6' },
      faults: { type: 'string', default: 'legal,talent,health,customs' },
      'settle-seconds': { type: 'string', default: '120' },
    },
);
const positive = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number, got "${text}"`);
  return value;
};
const faults = values.faults.split(',').filter(Boolean);
const known = ['talent', 'household', 'education', 'health', 'legal', 'housing', 'customs'];
for (const name of faults) if (!known.includes(name)) throw new Error(`--faults: unknown subgraph "${name}" (one of ${known.join(', ')})`);

const embedded = process.env.MONGODB_URI ? null : await startEmbeddedMongo();
const harness = await startHarness({ mongoUri: process.env.MONGODB_URI ?? embedded!.uri });
try {
  await withTestTalents(harness);
  const started = Date.now();
  const report = await runChaos(harness, {
    cases: positive('cases', values.cases),
    clients: positive('clients', values.clients),
    faults: faults as Parameters<typeof runChaos>[1]['faults'],
    settleMs: positive('settle-seconds', values['settle-seconds']) * 1000,
  });
  console.log(`chaos run: ${((Date.now() - started) / 1000).toFixed(1)} s on ${embedded ? `embedded ${embedded.engine}` : 'MONGODB_URI'}`);
  for (const [name, value] of Object.entries(report)) console.log(`  ${name.padEnd(16)} ${value}`);
  const clean = report.lost === 0 && report.duplicated === 0 && report.missingTasks === 0 && report.stuck === 0;
  console.log(clean ? 'nothing lost, nothing doubled, nothing stuck' : 'FAILED: see the counts above');
  process.exitCode = clean ? 0 : 1;
} finally {
  await harness.stop();
  await embedded?.stop();
}
