import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { ErrorCodes, FreshetError } from '../errors.js';
import type { Logger } from '../logger.js';
import { OUTAGE_PATIENCE_MS, waitOutOutages } from './outage.js';

function fakeClock(): Clock & { slept: number[] } {
  let now = Date.parse('2025-03-01T00:00:00Z');
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(now),
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (_fields: unknown, message?: string) => lines.push(`${level} ${message}`);
  const logger = { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { ...logger, child: () => logger } as unknown as Logger & { lines: string[] };
}

const storeDown = () =>
  new FreshetError(ErrorCodes.STORE_ERROR, 'store postgres://db/x: commit failed: terminating connection', {
    retryable: true,
  });

describe('waitOutOutages', () => {
  it('waits out a store restart with growing pauses, logging when it starts and ends', async () => {
    const clock = fakeClock();
    const logger = recordingLogger();
    let calls = 0;
    const result = await waitOutOutages(
      async () => {
        calls += 1;
        if (calls <= 3) throw storeDown();
        return 'committed';
      },
      { what: 'the store (commit a slice)', clock, logger },
    );
    expect(result).toBe('committed');
    expect(clock.slept).toEqual([250, 500, 1000]);
    expect(logger.lines).toEqual([
      expect.stringMatching(
        /^warn the store \(commit a slice\): .*terminating connection; waiting for it to come back/,
      ),
      'info the store (commit a slice): answering again; going on',
    ]);
  });

  it('waits for a shared limiter that lost Redis, and gives up after its patience', async () => {
    const clock = fakeClock();
    const unavailable = new FreshetError(
      ErrorCodes.LIMITER_UNAVAILABLE,
      'Redis at redis://cache:6379 does not answer',
    );
    const err = await waitOutOutages(
      async () => {
        throw unavailable;
      },
      { what: 'the nih limiter', clock, logger: recordingLogger() },
    ).catch((e: unknown) => e);
    expect(err).toBe(unavailable);
    const waited = clock.slept.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(OUTAGE_PATIENCE_MS);
    expect(waited).toBeLessThan(OUTAGE_PATIENCE_MS + 10_001);
  });

  it('fails at once on an error that is not an outage', async () => {
    const clock = fakeClock();
    const bad = new FreshetError(ErrorCodes.STORE_ERROR, 'constraint failed', { retryable: false });
    await expect(
      waitOutOutages(
        async () => {
          throw bad;
        },
        { what: 'x', clock, logger: recordingLogger() },
      ),
    ).rejects.toBe(bad);
    expect(clock.slept).toEqual([]);
  });
});
