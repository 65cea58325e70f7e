import { describe, expect, it } from 'vitest';
import { bucketize, classifyPartitions, countStates } from './partition-states.js';

const now = new Date('2025-03-20T12:00:00Z');
const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);

describe('classifyPartitions', () => {
  it('tells fresh, stale, failed, running and never run apart', () => {
    const cells = classifyPartitions({
      keys: ['s:a', 's:b', 's:c', 's:d', 's:e', 's:f'],
      freshness: [
        { partitionKey: 's:a', status: 'complete', startedAt: at(1), lastCompleteAt: at(1) },
        { partitionKey: 's:b', status: 'complete', startedAt: at(9), lastCompleteAt: at(9) },
        { partitionKey: 's:c', status: 'failed', startedAt: at(1), lastCompleteAt: at(2) },
        { partitionKey: 's:d', status: 'running', startedAt: at(0), lastCompleteAt: null },
        // A `running` checkpoint nobody holds: its run died; the next run resumes it.
        { partitionKey: 's:e', status: 'running', startedAt: at(3), lastCompleteAt: null },
      ],
      leased: new Set(['s:d']),
      now,
      slaMs: 7 * DAY,
    });
    expect(cells.map((c) => c.state)).toEqual(['fresh', 'stale', 'failed', 'running', 'failed', 'never_run']);
    expect(cells[0]?.lastCompleteAt).toBe(at(1).toISOString());
    expect(countStates(cells)).toEqual({ fresh: 1, stale: 1, failed: 2, running: 1, never_run: 1 });
  });
});

describe('bucketize', () => {
  it('folds 100,000 partitions into at most the segments asked for, each showing its most urgent state', () => {
    const cells = Array.from({ length: 100_000 }, (_, i) => ({
      key: `s:${i}`,
      state: i === 50_123 ? ('failed' as const) : ('fresh' as const),
      lastCompleteAt: null,
    }));
    const buckets = bucketize(cells, 240);
    expect(buckets.length).toBeLessThanOrEqual(240);
    expect(buckets.reduce((n, b) => n + (b.to - b.from), 0)).toBe(100_000);
    expect(buckets.filter((b) => b.state === 'failed')).toHaveLength(1);
    const failed = buckets.find((b) => b.state === 'failed')!;
    expect(failed.from).toBeLessThanOrEqual(50_123);
    expect(failed.to).toBeGreaterThan(50_123);
    expect(failed.counts.failed).toBe(1);
  });

  it('gives one segment per partition when there are few', () => {
    const cells = [
      { key: 's:1', state: 'stale' as const, lastCompleteAt: null },
      { key: 's:2', state: 'never_run' as const, lastCompleteAt: null },
    ];
    expect(bucketize(cells, 240).map((b) => [b.firstKey, b.state])).toEqual([
      ['s:1', 'stale'],
      ['s:2', 'never_run'],
    ]);
    expect(bucketize([], 240)).toEqual([]);
  });
});
