import type { Clock } from '../clock.js';
import { ErrorCodes, type FreshetError, isFreshetError } from '../errors.js';
import type { Logger } from '../logger.js';

/** How long work waits out a store or shared limiter that stopped answering before it fails. */
export const OUTAGE_PATIENCE_MS = 5 * 60_000;
const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 10_000;

/** A store that lost its connection (a restart), or a shared limiter that cannot reach Redis. */
export function isOutage(err: unknown): boolean {
  if (isFreshetError(err, ErrorCodes.LIMITER_UNAVAILABLE)) return true;
  return isFreshetError(err, ErrorCodes.STORE_ERROR) && err.retryable;
}

/**
 * Runs `op`, and while it fails because the store or the shared limiter is out (a database or
 * Redis restart), waits and tries again, up to `patienceMs`: the work pauses and goes on rather
 * than failing. Each outage is logged once when it starts and once when it ends. Only safe for
 * operations that can be repeated: reads, and writes whose transaction either committed or not.
 */
export async function waitOutOutages<T>(
  op: () => Promise<T>,
  context: { what: string; clock: Clock; logger: Logger; signal?: AbortSignal; patienceMs?: number },
): Promise<T> {
  const patience = context.patienceMs ?? OUTAGE_PATIENCE_MS;
  let since: number | null = null;
  let wait = FIRST_WAIT_MS;
  for (;;) {
    try {
      const result = await op();
      if (since !== null) {
        context.logger.info(
          { event: 'outage-over', what: context.what, waitedMs: context.clock.now().getTime() - since },
          `${context.what}: answering again; going on`,
        );
      }
      return result;
    } catch (err) {
      if (!isOutage(err) || context.signal?.aborted) throw err;
      const now = context.clock.now().getTime();
      if (since === null) {
        since = now;
        context.logger.warn(
          {
            event: 'outage',
            what: context.what,
            code: (err as FreshetError).code,
            err: (err as Error).message,
          },
          `${context.what}: ${(err as Error).message}; waiting for it to come back (up to ${Math.round(patience / 1000)} s)`,
        );
      } else if (now - since >= patience) {
        throw err;
      }
      await context.clock.sleep(wait, context.signal).catch(() => {});
      wait = Math.min(LONGEST_WAIT_MS, wait * 2);
    }
  }
}
