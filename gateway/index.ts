import { exitWithParent } from '../subgraphs/kit/run';
import { processLogger } from '../subgraphs/kit/observability/logger';
import { startTracing, stopTracing } from '../subgraphs/kit/observability/tracing';
import { readGatewayConfig } from './config';
import { startGateway } from './server';

startTracing('gateway');
const logger = processLogger().child({ service: 'gateway' });
const config = readGatewayConfig();
const running = await startGateway(config, { logger });
logger.info(
  { url: running.url },
  `ready at ${running.url} (GraphiQL: open it in a browser; health: http://localhost:${running.port}/health/ready; metrics: http://localhost:${running.port}/metrics)`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  logger.info('stopping');
  await running.stop();
  await stopTracing();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
exitWithParent(() => void stop());
