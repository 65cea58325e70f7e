import { ErrorCodes, FreshetError } from '@freshet/core';
import { Cron } from 'croner';

export interface ScheduleConfig {
  cron: string;
  timezone: string;
}

export interface Ticks {
  /** The first tick strictly after `after`, or null when the expression has no more. */
  nextTick(after: Date): Date | null;
  /**
   * Ticks in (lastSeen, now], oldest first; at most `limit`, the newest ones. None when
   * `lastSeen` is null: a first start has no missed ticks.
   */
  dueTicks(lastSeen: Date | null, now: Date, limit?: number): Date[];
}

const DEFAULT_DUE_LIMIT = 100;

/** Tick arithmetic for a cron expression in a time zone (croner does the calendar work). */
export function createTicks(config: ScheduleConfig): Ticks {
  const cron = parseCron(config);
  return {
    nextTick: (after) => cron.nextRun(after),
    dueTicks(lastSeen, now, limit = DEFAULT_DUE_LIMIT) {
      if (lastSeen === null || now.getTime() <= lastSeen.getTime()) return [];
      // previousRuns excludes its reference instant; one millisecond later includes `now`.
      const reference = new Date(now.getTime() + 1);
      return cron
        .previousRuns(limit, reference)
        .filter((tick) => tick.getTime() > lastSeen.getTime())
        .reverse();
    },
  };
}

function parseCron({ cron, timezone }: ScheduleConfig): Cron {
  let parsed: Cron;
  try {
    parsed = new Cron(cron, { timezone, paused: true, mode: '5-or-6-parts' });
    // Time zone problems surface only when a date is computed.
    parsed.nextRun(new Date(0));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `schedule.cron ${JSON.stringify(cron)} in time zone ${JSON.stringify(timezone)} cannot be used: ${reason}; write 5 or 6 fields like "0 2 * * *" (02:00 daily) and an IANA zone like "UTC"`,
      { cause: err },
    );
  }
  return parsed;
}
