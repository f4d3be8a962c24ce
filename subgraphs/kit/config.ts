// Typed access to the environment, read once per process. Defaults make `npm start`
// work with no settings; `requiredInProduction` turns a missing value into a start-up
// error that names the variable.

export type Env = Record<string, string | undefined>;

export const isProduction = (env: Env = process.env): boolean => env.NODE_ENV === 'production';

export function readString(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number (0–65535), got "${raw}"`);
  }
  return port;
}

export function readPositiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  }
  return value;
}

const DURATION = /^(\d+)([smhd]?)$/;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** A positive duration in seconds, written as seconds (`3600`) or with a unit (`90m`, `24h`, `1d`). */
export function readDurationSeconds(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = DURATION.exec(raw.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]] : 0;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new Error(`${name} must be a positive duration such as 3600, 90m, 24h or 1d, got "${raw}"`);
  }
  return seconds;
}

/** A setting production must give explicitly; in development the fallback is used. */
export function requiredInProduction(env: Env, name: string, developmentFallback: string): string {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  if (isProduction(env)) {
    throw new Error(`${name} must be set when NODE_ENV=production`);
  }
  return developmentFallback;
}
