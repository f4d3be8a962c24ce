// A background round run now and then (an outbox's deliveries, a department's reports, the
// window's dispatcher): on a timer, when kicked, never two at once in one process — a kick during a
// round asks for one more round after it. Nothing runs before start(): a process sends once it
// (and its peers) can answer.
import { errorText } from './delivery';
import { inBackground } from './mongo';
import type { LogFn } from './observability/logger';
import { untraced } from './observability/tracing';

export interface Poller {
  /** Runs a round now (or joins the running one, with another after it). */
  drain(): Promise<void>;
  /** Asks for a round soon, without waiting for the timer. */
  kick(): void;
  start(): void;
  stop(): Promise<void>;
  readonly stopped: boolean;
}

/** `round` returns true when it left work behind (a full batch): another round follows at once. */
export function createPoller(name: string, round: () => Promise<boolean>, options: { pollMs?: number; log?: LogFn } = {}): Poller {
  const pollMs = options.pollMs ?? 1000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  async function rounds(): Promise<void> {
    do {
      again = false;
      if (await round()) again = true;
    } while (again && !stopped);
  }

  const poller: Poller = {
    drain() {
      if (running) {
        again = true;
        return running;
      }
      // A round is not part of the request that kicked it: its spans start traces (or continue a stored one) of their own.
      running = untraced(() => inBackground(rounds)).finally(() => {
        running = null;
      });
      return running;
    },
    kick() {
      if (!stopped) void poller.drain().catch((error: unknown) => options.log?.(`${name}: round failed: ${errorText(error)}`, 'error', { poller: name, err: error }));
    },
    start() {
      stopped = false;
      if (!timer) timer = setInterval(() => poller.kick(), pollMs);
      timer.unref();
      poller.kick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => {});
    },
    get stopped() {
      return stopped;
    },
  };
  return poller;
}
