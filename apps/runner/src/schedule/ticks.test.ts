import { ErrorCodes, isFreshetError } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { createTicks } from './ticks.js';

const nightly = createTicks({ cron: '0 2 * * *', timezone: 'UTC' });
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('nextTick', () => {
  it('gives the next tick strictly after the instant', () => {
    expect(nightly.nextTick(new Date('2025-03-20T01:59:59Z'))?.toISOString()).toBe(
      '2025-03-20T02:00:00.000Z',
    );
    expect(nightly.nextTick(new Date('2025-03-20T02:00:00Z'))?.toISOString()).toBe(
      '2025-03-21T02:00:00.000Z',
    );
  });

  it('computes in the configured time zone, across a DST change', () => {
    const ny = createTicks({ cron: '0 2 * * *', timezone: 'America/New_York' });
    // 2025-03-09 02:00 does not exist in New York; croner runs such a fixed-time job right after the gap.
    expect(ny.nextTick(new Date('2025-03-08T12:00:00Z'))?.toISOString()).toBe('2025-03-09T07:00:00.000Z');
    expect(ny.nextTick(new Date('2025-03-10T00:00:00Z'))?.toISOString()).toBe('2025-03-10T06:00:00.000Z');
  });
});

describe('dueTicks', () => {
  it('lists the ticks missed since the last one seen, oldest first, now included', () => {
    const due = nightly.dueTicks(new Date('2025-03-18T02:00:00Z'), new Date('2025-03-20T02:00:00Z'));
    expect(iso(due)).toEqual(['2025-03-19T02:00:00.000Z', '2025-03-20T02:00:00.000Z']);
  });

  it('lists nothing before the next tick, and nothing on a first start', () => {
    expect(nightly.dueTicks(new Date('2025-03-20T02:00:00Z'), new Date('2025-03-21T01:59:59Z'))).toEqual([]);
    expect(nightly.dueTicks(null, new Date('2025-03-21T05:00:00Z'))).toEqual([]);
  });

  it('keeps only the newest ticks beyond the limit', () => {
    const everyMinute = createTicks({ cron: '* * * * *', timezone: 'UTC' });
    const due = everyMinute.dueTicks(new Date('2025-01-01T00:00:00Z'), new Date('2025-03-01T00:00:00Z'), 3);
    expect(iso(due)).toEqual([
      '2025-02-28T23:58:00.000Z',
      '2025-02-28T23:59:00.000Z',
      '2025-03-01T00:00:00.000Z',
    ]);
  });
});

describe('createTicks', () => {
  it('refuses an expression croner cannot parse, naming the key and the fix', () => {
    let error: unknown;
    try {
      createTicks({ cron: '0 25 * * *', timezone: 'UTC' });
    } catch (err) {
      error = err;
    }
    expect(isFreshetError(error, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect((error as Error).message).toMatch(/schedule\.cron "0 25 \* \* \*".*hour.*"0 2 \* \* \*"/);
  });
});
