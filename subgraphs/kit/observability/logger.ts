// One pino logger per process (the gateway, each subgraph, `npm start`), a child per service:
// JSON lines on stdout in production (for a log shipper), pino-pretty in development, and in
// tests nothing unless TEST_LOG=1 (then pretty, in this thread: no worker per server). A test
// that reads the lines gives its own destination stream (setProcessLogger).
import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import { isProduction, type Env } from '../config';

export type { Logger };
export type LogLevel = Extract<Level, 'debug' | 'info' | 'warn' | 'error'>;

/** What the kit's background work (outboxes, pollers, the dispatcher) logs through: a person-readable message, a level, fields. */
export type LogFn = (message: string, level?: LogLevel, fields?: Record<string, unknown>) => void;

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** LOG_LEVEL (default info); under vitest, silent unless TEST_LOG=1 asks for the lines. */
export function logLevelOf(env: Env): string {
  const given = env.LOG_LEVEL?.toLowerCase();
  if (given) {
    if (!LEVELS.has(given)) throw new Error(`LOG_LEVEL must be one of ${[...LEVELS].join(', ')}, got "${env.LOG_LEVEL}"`);
    return given;
  }
  if (env.NODE_ENV === 'test' && !env.TEST_LOG) return 'silent';
  return 'info';
}

/** Development: `[12:00:00.000] INFO: [household] message {fields…}`, one line per entry. */
const PRETTY = { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', messageFormat: '{if service}[{service}] {end}{msg}', singleLine: true };

export function createLogger(options: { env?: Env; destination?: DestinationStream; level?: string } = {}): Logger {
  const env = options.env ?? process.env;
  const settings: LoggerOptions = {
    level: options.level ?? logLevelOf(env),
    timestamp: pino.stdTimeFunctions.isoTime,
    // `err` carries the stack: stacks go to the logs, never to callers (kit/errors.ts).
    serializers: { err: pino.stdSerializers.err },
  };
  if (options.destination) return pino(settings, options.destination);
  if (isProduction(env)) return pino(settings);
  // Tests: pretty in this thread, so a harness of eight servers starts no worker threads.
  if (env.NODE_ENV === 'test') return pino(settings, pretty({ ...PRETTY, sync: true }));
  return pino({ ...settings, transport: { target: 'pino-pretty', options: PRETTY } });
}

let root: Logger | null = null;

/** The process's logger, made on first use from the process environment. */
export function processLogger(): Logger {
  root ??= createLogger();
  return root;
}

/** Replaces the process's logger (a test capturing lines); servers started afterwards log to it. */
export function setProcessLogger(logger: Logger): void {
  root = logger;
}

/** The LogFn of a logger: what the kit's background work calls. */
export function logFnOf(logger: Logger): LogFn {
  return (message, level = 'info', fields = {}) => logger[level](fields, message);
}

/** Which fields of an error go into a log line: its message, type, code and stack (pino's err serializer). */
export function errorFields(error: unknown): { err: unknown } {
  return { err: error instanceof Error ? error : new Error(String(error)) };
}
