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

/** A setting production must give explicitly; in development the fallback is used. */
export function requiredInProduction(env: Env, name: string, developmentFallback: string): string {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  if (isProduction(env)) {
    throw new Error(`${name} must be set when NODE_ENV=production`);
  }
  return developmentFallback;
}
