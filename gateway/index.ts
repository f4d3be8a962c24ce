import { exitWithParent } from '../subgraphs/kit/run';
import { readGatewayConfig } from './config';
import { startGateway } from './server';

const config = readGatewayConfig();
const running = await startGateway(config);
console.log(`[gateway] ready at ${running.url} (GraphiQL: open it in a browser; health: http://localhost:${running.port}/health)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await running.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
exitWithParent(() => void stop());
