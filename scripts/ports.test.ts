import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortsFree } from './ports';

let holder: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve())));

async function holdAPort(): Promise<number> {
  holder = createServer();
  await new Promise<void>((resolve) => holder!.listen(0, resolve));
  return (holder.address() as { port: number }).port;
}

describe('the ports npm start needs', () => {
  it('names a port another process holds, and the setting that moves it', async () => {
    const port = await holdAPort();
    await expect(assertPortsFree([{ port, name: 'household', setting: 'PORT_HOUSEHOLD' }])).rejects.toThrow(
      `port ${port} (household) is in use by another process: stop it, or set PORT_HOUSEHOLD to another port`,
    );
  });

  it('names two services set to one port', async () => {
    await expect(assertPortsFree([{ port: 4999, name: 'gateway', setting: 'PORT' }, { port: 4999, name: 'legal', setting: 'PORT_LEGAL' }])).rejects.toThrow(
      'port 4999 is set for both gateway (PORT) and legal (PORT_LEGAL)',
    );
  });

  it('passes free ports', async () => {
    const port = await holdAPort();
    await new Promise<void>((resolve) => holder!.close(() => resolve()));
    holder = null;
    await expect(assertPortsFree([{ port, name: 'gateway', setting: 'PORT' }])).resolves.toBeUndefined();
  });
});
