// Which Chromium the browser tests drive: CHROMIUM_PATH when set, else the system's (Debian's
// `chromium`, with fonts-noto-cjk for Chinese glyphs), else the one inside the @sparticuz/chromium
// npm package — so `npm install && npm test` is enough on a machine without either. That package
// unpacks its binary into the temporary folder once; the global setup does it before any worker starts.
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH points at ${env.CHROMIUM_PATH}, where there is no file`);
    return env.CHROMIUM_PATH;
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return system;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}
