import { defineSource, type Quota, yearCohorts } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { memoryStore, runSource } from './engine.js';
import { closeAfterEach } from './lifecycle.js';
import { recordSliceKeys, sharedKeys } from './slice-keys.js';

const cohort = yearCohorts({ prefix: 'award_year', fiscal: false });
const quota: Quota = {
  maxConcurrent: 1,
  requestsPerInterval: 1000,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 1000,
  retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
};

/** Two pages of rows `{ id, part }`; its key is `id` alone, so rows that differ by `part` collide. */
function rowsSource(pages: Array<Array<{ id: string; part: string }>>) {
  return defineSource<Record<string, never>, { id: string; part: string }, { page: number }>({
    id: 'rows',
    cohort,
    quota,
    sla: '1d',
    options: {},
    async listPartitions() {
      return [cohort.parse('award_year_2024')];
    },
    async fetchSlice({ cursor }) {
      const page = cursor?.page ?? 0;
      return { records: pages[page] ?? [], cursor: { page: page + 1 }, done: page + 1 >= pages.length };
    },
    recordKey: (row) => row.id,
  });
}

describe('the distinct-keys conformance check', () => {
  const track = closeAfterEach();

  it('records the keys of every slice and finds the slices whose records share a key', async () => {
    const store = track(await memoryStore());
    const { source, slices } = recordSliceKeys(
      rowsSource([
        [
          { id: 'a', part: '1' },
          { id: 'b', part: '1' },
        ],
        [
          { id: 'c', part: '1' },
          { id: 'c', part: '2' },
          { id: 'a', part: '1' },
        ],
      ]),
    );
    await runSource({ store, source, partitionKeys: ['rows:award_year_2024'], quota });
    expect(slices).toEqual([
      { partitionKey: 'rows:award_year_2024', slice: 1, keys: ['a', 'b'] },
      { partitionKey: 'rows:award_year_2024', slice: 2, keys: ['c', 'c', 'a'] },
    ]);
    // A key seen again on a later page is not a collision: offset paging may repeat a record.
    expect(sharedKeys(slices)).toEqual(['rows:award_year_2024 slice 2: 3 records, 2 keys ("c" ×2)']);
  });

  it('finds nothing when every slice has one key per record', () => {
    expect(sharedKeys([{ partitionKey: 'p', slice: 1, keys: ['a', 'b'] }])).toEqual([]);
  });
});
