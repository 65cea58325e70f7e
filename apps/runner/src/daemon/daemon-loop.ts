import type { Clock } from '@freshet/core';
import type { TickReport } from './daemon-tick.js';

export interface DaemonLoopOptions {
  clock: Clock;
  /** The sensor's interval: the longest the loop sleeps between ticks. */
  intervalMs: number;
  /** Stops ticking (the sleep in progress ends at once). */
  stopSignal: AbortSignal;
  /** One tick, then return. Its errors are thrown, not logged. */
  once?: boolean;
  /** Renews the daemon lease before each tick; false when another daemon took it. */
  renewLease(): Promise<boolean>;
  tick(startUp: boolean): Promise<TickReport>;
  onTick?(report: TickReport): void;
  /** A tick that threw; the loop goes on and tries again next interval. */
  onTickError?(error: unknown): void;
}

export type DaemonLoopEnd = 'once' | 'stopped' | 'lease-lost';

// A tick that comes back with the next schedule tick "now" must not spin the loop.
const MIN_SLEEP_MS = 10;

/**
 * Ticks until stopped: every `intervalMs`, and at the schedule's next tick when that comes
 * sooner. Runs started by a tick go on in the background; waiting for them is the caller's.
 */
export async function runDaemonLoop(options: DaemonLoopOptions): Promise<DaemonLoopEnd> {
  const { clock, stopSignal } = options;
  let startUp = true;
  while (!stopSignal.aborted) {
    if (!(await options.renewLease())) return 'lease-lost';
    let report: TickReport | null = null;
    try {
      report = await options.tick(startUp);
      startUp = false;
      options.onTick?.(report);
    } catch (error) {
      if (options.once) throw error;
      options.onTickError?.(error);
    }
    if (options.once) return 'once';
    await clock.sleep(sleepMs(options.intervalMs, report, clock.now()), stopSignal).catch(() => {});
  }
  return 'stopped';
}

function sleepMs(intervalMs: number, report: TickReport | null, now: Date): number {
  const next = report?.schedule.nextTick;
  const untilTick = next ? next.getTime() - now.getTime() : Number.POSITIVE_INFINITY;
  return Math.max(MIN_SLEEP_MS, Math.min(intervalMs, untilTick));
}
